// Backups of the embedded database and putting one back (README, "Operations"): a backup
// taken under booking load holds every booking acknowledged before it began, nothing half
// written, and restores to a portal that serves it; a restore refuses a running server and a
// damaged file; a backup killed half-way changes nothing.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  utimesSync,
  writeSync,
  closeSync,
  copyFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { and, eq, isNull } from 'drizzle-orm';
import { auditLog, outbox, registrations } from '~db/schema';
import { openDb, type Db } from '~/platform/db/db.server';
import { rotateBackups } from '~/platform/backup/backup.server';
import { checkDatabaseFile } from '~/platform/backup/sqlite-worker.server';
import { NO_VIOLATIONS, violations } from '~tests/helpers/invariants';
import { testCity, testPortal } from '~tests/helpers/portal';
import { reapWithParent } from '~tests/helpers/reap';
import { startServer } from '~tests/helpers/server';
import { createSession } from '~tests/helpers/world';
import { cli, until } from '~tests/helpers/ops';

const fileOf = (url: string) => url.slice('file:'.length);
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

async function withDb<T>(file: string, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = openDb(`file:${file}`);
  try {
    return await fn(db);
  } finally {
    db.$client.close();
  }
}

// Registrations that have no message: a booking batch written in part.
async function bookingsWithoutMessage(db: Db) {
  return db
    .select({ id: registrations.id })
    .from(registrations)
    .leftJoin(outbox, eq(outbox.registrationId, registrations.id))
    .where(isNull(outbox.id));
}

describe('a backup under booking load, and its restore', () => {
  const sessions: number[] = [];
  const portal = testPortal({
    seed: async (db) => {
      sessions.push(await createSession(db, { capacity: 25 }), await createSession(db, { capacity: 25 }));
    },
  });

  it('holds every acknowledged booking and restores to a portal that serves it', { timeout: 120_000 }, async () => {
    // Without METRICS_TOKEN there is no /metrics, token or not.
    expect((await fetch(`${portal.url}/metrics`, { headers: { Authorization: 'Bearer anything-at-all-1234567' } })).status).toBe(404);
    const dir = mkdtempSync(join(tmpdir(), 'passerelle-backups-'));
    const backup = join(dir, 'under-load.db');
    const acked: { id: number }[] = [];
    let sent = 0;
    let stop = false;
    const book = async () => {
      while (!stop && sent < 5000) {
        const n = sent++;
        const res = await fetch(`${portal.url}/api/v1/sessions/${sessions[n % 2]}/registrations`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ firstName: 'Charge', lastName: `Numéro ${n}`, email: `charge.${n}@example.test`, consent: true }),
        });
        const body = (await res.json()) as { registration?: { id: number } };
        if (res.status === 201) acked.push({ id: body.registration!.id });
      }
    };
    const load = Promise.all(Array.from({ length: 6 }, book));
    await until(() => acked.length >= 40, { what: 'bookings before the backup' });
    // Acknowledged before the backup started: counted, not timed (an answer in the same millisecond
    // as the start was already in hand).
    const ackedBefore = acked.length;
    const made = await cli(portal.databaseUrl, ['db:backup', backup]);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toMatch(/Backed up to .*under-load\.db \(.* MB in .* s, integrity check ok\)/);
    const atEnd = acked.length;
    await until(() => acked.length >= atEnd + 20, { what: 'bookings after the backup' });
    stop = true;
    await load;

    const inBackup = new Set(
      await withDb(backup, async (db) => (await db.select({ id: registrations.id }).from(registrations)).map((r) => r.id)),
    );
    const before = acked.slice(0, ackedBefore).map((a) => a.id);
    expect(before.length).toBeGreaterThanOrEqual(40);
    expect(before.filter((id) => !inBackup.has(id))).toEqual([]);
    // Nothing in it that was not acknowledged, nothing half written, every rule holds.
    const ackedIds = new Set(acked.map((a) => a.id));
    expect([...inBackup].filter((id) => !ackedIds.has(id))).toEqual([]);
    expect(inBackup.size).toBeLessThan(acked.length);
    await withDb(backup, async (db) => {
      expect(await bookingsWithoutMessage(db)).toEqual([]);
      expect(await db.$count(auditLog, eq(auditLog.action, 'registration.created'))).toBe(inBackup.size);
      expect(await violations(db)).toEqual(NO_VIOLATIONS);
    });

    // A restore refuses a damaged file, and a database a server still has open.
    const damaged = join(dir, 'damaged.db');
    copyFileSync(backup, damaged);
    const fd = openSync(damaged, 'r+');
    writeSync(fd, Buffer.alloc(4096), 0, 4096, Math.floor(statSync(damaged).size / 4096 / 2) * 4096);
    closeSync(fd);
    const refusedDamaged = await cli(portal.databaseUrl, ['db:restore', damaged]);
    expect(refusedDamaged.code).toBe(1);
    expect(refusedDamaged.stderr).toMatch(/fails the integrity check|is not a readable database/);
    const refusedRunning = await cli(portal.databaseUrl, ['db:restore', backup]);
    expect(refusedRunning.code).toBe(1);
    expect(refusedRunning.stderr).toContain('A Passerelle server is running on this database');
    expect(refusedRunning.stderr).toContain('Stop every server first');

    // Stopped, restored, started again: the portal serves what the backup holds.
    await portal.server.stop();
    const restored = await cli(portal.databaseUrl, ['db:restore', backup]);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/The database it replaced is kept as .*\.replaced-\d{8}T\d{6}/);
    const again = await startServer({ DATABASE_URL: portal.databaseUrl });
    try {
      await withDb(fileOf(portal.databaseUrl), async (db) => {
        expect(await db.$count(registrations)).toBe(inBackup.size);
        expect(await violations(db)).toEqual(NO_VIOLATIONS);
      });
      const confirmed = await withDb(backup, (db) =>
        db.$count(registrations, and(eq(registrations.sessionId, sessions[0]!), eq(registrations.status, 'confirmed'))),
      );
      const res = await fetch(`${again.url}/api/v1/sessions/${sessions[0]}`);
      const { session } = (await res.json()) as { session: { seatsLeft: number } };
      expect(session.seatsLeft).toBe(25 - confirmed);
      const rebook = await fetch(`${again.url}/api/v1/sessions/${sessions[1]}/registrations`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ firstName: 'Après', lastName: 'Restauration', email: 'apres.restauration@example.test', consent: true }),
      });
      expect(rebook.status).toBe(201);
    } finally {
      await again.stop();
    }
  });
});

describe('a backup killed half-way', () => {
  const city = testCity({
    seed: async (db) => {
      // Enough rows (about 60 MB) for the copy to take a moment.
      const details = { note: 'x'.repeat(1000) };
      for (let chunk = 0; chunk < 60; chunk++) {
        await db.insert(auditLog).values(
          Array.from({ length: 1000 }, (_, i) => ({
            actorKind: 'system',
            action: 'filler',
            subjectType: 'test',
            subjectId: String(chunk * 1000 + i),
            details,
          })),
        );
      }
    },
  });

  it('leaves the live database and the earlier backups as they were', { timeout: 240_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'passerelle-backups-'));
    const first = join(dir, 'first.db');
    expect((await cli(city.databaseUrl, ['db:backup', first])).code).toBe(0);
    const firstHash = sha256(first);
    const rows = await city.db.$count(auditLog);

    const second = join(dir, 'second.db');
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/cli.ts', 'db:backup', second], {
      env: { ...process.env, DATABASE_URL: city.databaseUrl },
      stdio: 'ignore',
    });
    reapWithParent(child);
    const partial = join(dir, `.second.db.${child.pid}.partial`);
    await until(() => existsSync(partial) && statSync(partial).size > 0, {
      everyMs: 5,
      timeoutMs: 90_000,
      what: 'the backup to be under way',
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    expect(existsSync(second)).toBe(false);
    expect(sha256(first)).toBe(firstHash);
    expect(await checkDatabaseFile(fileOf(city.databaseUrl))).toMatchObject({ problems: [] });
    expect(await city.db.$count(auditLog)).toBe(rows);
    expect(await violations(city.db)).toEqual(NO_VIOLATIONS);

    // The next backup works; the stray partial goes with the next rotation once it is old.
    const third = join(dir, 'third.db');
    expect((await cli(city.databaseUrl, ['db:backup', third])).code).toBe(0);
    expect(await checkDatabaseFile(third)).toMatchObject({ problems: [] });
    const hourAndMore = (Date.now() - 2 * 60 * 60_000) / 1000;
    for (const stray of readdirSync(dir).filter((n) => n.includes('.partial'))) utimesSync(join(dir, stray), hourAndMore, hourAndMore);
    rotateBackups(dir, 7);
    expect(readdirSync(dir).sort()).toEqual(['first.db', 'third.db']);
  });
});
