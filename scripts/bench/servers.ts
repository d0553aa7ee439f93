// Starting what the benchmarks measure: the built portal on a fresh database, or the baseline.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../tests/helpers/server';

export interface Served {
  url: string;
  dir: string;
  stop(): Promise<void>;
}

function waitFor(child: ChildProcess, marker: string): Promise<void> {
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready:\n${out}`)), 60_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes(marker)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`exited ${code}:\n${out}`))));
  });
}

// Both run as plain JavaScript, without a TypeScript loader in the way.
async function serve(script: string, marker: string, env: Record<string, string>): Promise<Served> {
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-bench-'));
  const port = await freePort();
  const child = spawn(process.execPath, [script], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATABASE_URL: `file:${join(dir, 'bench.db')}`,
      DEMO_DATA: '0',
      RATE_LIMIT: 'off',
      SMTP_URL: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await waitFor(child, marker);
  return {
    url: `http://127.0.0.1:${port}`,
    dir,
    stop: () =>
      new Promise((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', () => resolve()), child.kill('SIGTERM')))),
  };
}

export const servePortal = (env: Record<string, string> = {}) =>
  serve(`${process.env.PASSERELLE_OUT_DIR || 'dist'}/serve.mjs`, 'is ready on', env);
export const serveBaseline = () => serve('scripts/bench/baseline-server.mjs', 'baseline ready', {});
