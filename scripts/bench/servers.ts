// Starting what the benchmarks measure: the built portal on a fresh database, or the baseline.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../tests/helpers/server';

export interface Served {
  url: string;
  dir: string;
  // The server's process id (for its memory in /proc); none for servers not started here.
  pid?: number;
  stop(): Promise<void>;
}

// Ready when it answers: asking /api/v1/health works at any LOG_LEVEL (a log line would not
// be printed at warn). The output is kept only until then, for the error message: read for
// the whole run, the request log lines would cost this process (the load generator) more
// and more CPU, and a full pipe would stall the server's writes.
async function waitFor(child: ChildProcess, url: string, probe: string): Promise<void> {
  let out = '';
  const keep = (d: Buffer) => (out = (out + d.toString()).slice(-20_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: string | undefined;
  child.once('exit', (code) => (exited = `exited ${code}`));
  try {
    for (const deadline = Date.now() + 120_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
      if (exited) throw new Error(`${exited}:\n${out}`);
      const ok = await fetch(url + probe).then(
        (r) => (void r.body?.cancel(), r.status < 500),
        () => false,
      );
      if (ok) return;
    }
    throw new Error(`not ready:\n${out}`);
  } finally {
    child.stdout?.off('data', keep);
    // Drained, never read again; stderr's tail is kept for a server that dies mid-run.
    child.stdout?.resume();
    child.once('exit', (code, signal) => code && signal !== 'SIGTERM' && console.error(`${url} exited ${code}:\n${out}`));
  }
}

// Where a benchmarked server listens and keeps its database (server-cpu.ts starts its own
// servers with these too).
export function listenEnv(port: number, dir: string): Record<string, string> {
  return { PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: `http://127.0.0.1:${port}`, DATABASE_URL: `file:${join(dir, 'bench.db')}` };
}

// The portal and the baselines run as plain JavaScript, without a TypeScript loader in the way;
// floor (a) runs the portal's TypeScript through tsx (it imports everything once, at start).
async function serve(
  script: string,
  probe: string,
  env: Record<string, string>,
  {
    loader = [] as string[],
    prepare,
    dir = mkdtempSync(join(tmpdir(), 'passerelle-bench-')),
  }: { loader?: string[]; prepare?: (databaseUrl: string) => Promise<void>; dir?: string } = {},
): Promise<Served> {
  const port = await freePort();
  await prepare?.(`file:${join(dir, 'bench.db')}`);
  const child = spawn(process.execPath, [...loader, script], {
    env: {
      ...process.env,
      ...listenEnv(port, dir),
      DEMO_DATA: '0',
      RATE_LIMIT: 'off',
      SMTP_URL: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(child, url, probe);
  return {
    url,
    dir,
    pid: child.pid,
    stop: () =>
      new Promise((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', () => resolve()), child.kill('SIGTERM')))),
  };
}

// `nodeArgs` and `dir`: the memory bench starts it as `npm start` does, twice on one database.
export const servePortal = (
  env: Record<string, string> = {},
  { nodeArgs = [] as string[], dir }: { nodeArgs?: string[]; dir?: string } = {},
) => serve(`${process.env.PASSERELLE_OUT_DIR || 'dist'}/serve.mjs`, '/api/v1/health', env, { loader: nodeArgs, ...(dir ? { dir } : {}) });
// The one-insert baseline (context only: no implementation of a booking can approach it).
export const serveBaseline = () => serve('scripts/bench/baseline-server.mjs', '/', {});
// Floor (a): the booking's own statements behind bare node:http (floor-booking.ts), on a
// database `prepare` migrated and filled.
export const serveBookingFloor = (prepare: (databaseUrl: string) => Promise<void>) =>
  serve('scripts/bench/floor-booking.ts', '/', { RATE_LIMIT: 'on' }, { loader: ['--import', 'tsx'], prepare });
// Floor (b): a minimal Astro 7 app on the same adapter, one insert per POST (astro-floor/).
export function serveAstroFloor(): Promise<Served> {
  execFileSync(process.execPath, ['../../../node_modules/astro/bin/astro.mjs', 'build'], {
    cwd: 'scripts/bench/astro-floor',
    stdio: 'ignore',
  });
  return serve('scripts/bench/astro-floor/serve.mjs', '/book', {});
}
