// A lever tried for issue 16 and NOT wired into the server: on this machine it did not pay
// (docs/benchmarks.md, "Session 4"); scripts/bench/checkpoint.ts measures it against SQLite's
// automatic checkpoint, to try again on a quiet machine.
//
// WAL checkpoints off the event loop. SQLite's automatic checkpoint runs inside the COMMIT
// that crosses 1,000 WAL pages, on the thread that committed: with the synchronous driver that
// held every request for the copy (COMMIT up to 43 ms under load, issue 16). The server's own
// connection turns it off (wal_autocheckpoint = 0) and a worker thread with its own connection
// copies the WAL back every CHECKPOINT_EVERY_MS (PASSIVE: it never waits for, nor blocks, a
// writer or reader). Should the worker fail, the connection checkpoints itself again.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Client } from '@libsql/client';

const CHECKPOINT_EVERY_MS = 200;
const AUTOCHECKPOINT_PAGES = 1000; // SQLite's default, the fallback
const RESTART_PAGES = 4000; // 16 MB of WAL

function driverPath(): string {
  for (const from of [import.meta.url, join(process.cwd(), 'package.json')]) {
    try {
      return createRequire(from).resolve('libsql');
    } catch {
      // Try the next place.
    }
  }
  throw new Error('The libsql driver is not installed (npm ci)');
}

// Plain CommonJS, evaluated in the worker.
const WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.exec('PRAGMA busy_timeout = 0');
const passive = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
const restart = db.prepare('PRAGMA wal_checkpoint(RESTART)');
setInterval(() => {
  try {
    const [{ log }] = passive.all();
    // Under steady writes a PASSIVE checkpoint never finds the WAL idle, and the file only
    // grows: past the limit, the next round waits (a few ms at most, the copying is done) for
    // the writer and starts the WAL again from its beginning.
    if (log > workerData.restartPages) {
      db.exec('PRAGMA busy_timeout = 50');
      try { restart.all(); } finally { db.exec('PRAGMA busy_timeout = 0'); }
    }
  } catch (error) { if (!/busy|locked/i.test(String(error && error.message))) throw error; }
}, workerData.every);
parentPort.postMessage('ready');
`;

export function startCheckpointer(client: Client, path: string): void {
  const fallBack = () => void client.execute(`PRAGMA wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`).catch(() => {});
  let worker: Worker;
  try {
    worker = new Worker(WORKER, {
      eval: true,
      workerData: { path, every: CHECKPOINT_EVERY_MS, restartPages: RESTART_PAGES, driver: driverPath() },
    });
  } catch {
    return;
  }
  // Never what keeps the process alive; its connection closes with the process.
  worker.unref();
  worker.once('message', () => void client.execute('PRAGMA wal_autocheckpoint = 0').catch(() => {}));
  worker.once('error', fallBack);
  worker.once('exit', fallBack);
}
