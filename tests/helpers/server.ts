// Starts the built portal (`scripts/serve.ts`, as `npm start` does) on a free port against
// a given database, and stops it. Integration tests talk to it over real HTTP.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { reapWithParent } from './reap';

export interface RunningServer {
  url: string;
  port: number;
  process: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

// `onOutput` sees the output as it comes, before the server is ready (a test that acts on a
// start-up message).
export async function startServer(
  env: Record<string, string>,
  { onOutput }: { onOutput?: (text: string) => void } = {},
): Promise<RunningServer> {
  const port = await freePort();
  // The bundled server, as `npm start` runs it (scripts/build-if-stale.mjs makes it).
  const child = spawn(process.execPath, [`${process.env.PASSERELLE_OUT_DIR || 'dist'}/serve.mjs`], {
    env: {
      ...process.env,
      DEMO_DATA: '0',
      RATE_LIMIT: 'off',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      SMTP_URL: '',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  reapWithParent(child);
  let out = '';
  const collect = (d: Buffer) => {
    out += d.toString();
    onOutput?.(out);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
    const check = () => {
      if (out.includes('is ready on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    process: child,
    output: () => out,
    stop(signal = 'SIGTERM') {
      return new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill(signal);
      });
    },
  };
}
