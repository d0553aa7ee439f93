// Group commit at a libSQL server. Writes go through the write gate a few at a time
// (db-client.server.ts); while it is full they queue, and when a slot frees every queued write
// batch is sent as ONE batch: one BEGIN IMMEDIATE … COMMIT, one HTTP request, one turn of the
// server's write lock. A server spends its time per request and per commit, not per statement
// (docs/benchmarks.md, "Session 5 — group commit"), so a queue of 16 bookings costs about what one
// did. Each caller gets its own slice of the results, as if its batch had run alone just then.
//
// Every caller's batch stays all-or-nothing and one failure fails no one else: if the combined
// batch fails on a statement, SQLite rolled all of it back, and each batch runs again alone, so
// each caller gets its own result or its own error. A busy refusal or an unreachable server goes
// to every caller as it is (the retry loop tries a busy batch again; after a lost answer nobody
// knows whether it committed, exactly as for a batch sent alone). No SAVEPOINT per batch: the
// client's batch stops at the first error, so a savepoint could not roll back one caller and go on.
import type { Client, InStatement, ResultSet } from '@libsql/client';
import { isBusyError, isUnreachableError } from './db-errors';

export interface GroupLimits {
  // Writes of this process at the server at once.
  writers: number;
  // At most this many callers' batches in one transaction (1: never grouped).
  batches: number;
  // And at most this many statements (a group is one HTTP request the server parses whole).
  statements: number;
}

export type WriteCall = { method: 'execute'; statement: InStatement } | { method: 'batch'; statements: InStatement[]; mode: string };

interface Job {
  call: WriteCall;
  alone: () => Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

// Plain data changes may share a transaction; anything else (a PRAGMA, a schema change, a
// batch in another mode) runs alone, as it was asked.
const DATA_CHANGE = /^\s*(insert|update|delete|replace)\b/i;
function sqlOf(statement: InStatement): string {
  if (typeof statement === 'string') return statement;
  return Array.isArray(statement) ? String((statement as unknown[])[0]) : statement.sql;
}
function groupable(call: WriteCall): boolean {
  if (call.method === 'batch') return call.mode === 'write' && call.statements.length > 0;
  return DATA_CHANGE.test(sqlOf(call.statement));
}
function size(call: WriteCall): number {
  return call.method === 'batch' ? call.statements.length : 1;
}
function statementsOf(call: WriteCall): InStatement[] {
  return call.method === 'batch' ? call.statements : [call.statement];
}

export interface WriteGroups {
  // Runs `alone` when the write can go by itself, or sends `call` with the others queued beside it.
  submit(call: WriteCall, alone: () => Promise<unknown>): Promise<unknown>;
  // How many groups of two or more went out, and how many batches they carried (for the bench).
  readonly stats: { groups: number; grouped: number; fallbacks: number };
}

export function writeGroups(client: () => Client, limits: GroupLimits): WriteGroups {
  let active = 0;
  const queue: Job[] = [];
  const stats = { groups: 0, grouped: 0, fallbacks: 0 };

  // The oldest queued write, and the groupable ones right behind it, within the limits.
  function take(): Job[] {
    const first = queue.shift()!;
    const group = [first];
    if (!groupable(first.call)) return group;
    let statements = size(first.call);
    while (group.length < limits.batches && queue.length && groupable(queue[0]!.call)) {
      const next = size(queue[0]!.call);
      if (statements + next > limits.statements) break;
      statements += next;
      group.push(queue.shift()!);
    }
    return group;
  }

  function pump() {
    while (active < limits.writers && queue.length) {
      const group = take();
      active++;
      void send(group).finally(() => {
        active--;
        pump();
      });
    }
  }

  async function alone(job: Job) {
    try {
      job.resolve(await job.alone());
    } catch (error) {
      job.reject(error);
    }
  }

  async function send(group: Job[]) {
    if (group.length === 1) return alone(group[0]!);
    let results: ResultSet[];
    try {
      results = await client().batch(
        group.flatMap((j) => statementsOf(j.call)),
        'write',
      );
    } catch (error) {
      if (isBusyError(error) || isUnreachableError(error)) {
        for (const job of group) job.reject(error);
        return;
      }
      // A statement failed and the whole transaction was rolled back: each on its own again,
      // in the same order, so a batch that failed because of an earlier one still does.
      stats.fallbacks++;
      for (const job of group) await alone(job);
      return;
    }
    stats.groups++;
    stats.grouped += group.length;
    let at = 0;
    for (const job of group) {
      const n = size(job.call);
      const mine = results.slice(at, at + n);
      at += n;
      job.resolve(job.call.method === 'execute' ? mine[0] : mine);
    }
  }

  return {
    stats,
    submit(call, run) {
      return new Promise((resolve, reject) => {
        queue.push({ call, alone: run, resolve, reject });
        pump();
      });
    },
  };
}
