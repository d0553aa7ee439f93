// SQLite work on whole files, done in a worker thread: the libSQL driver is synchronous, and
// copying or checking a city's database on the server's own thread would hold every request
// for as long. The worker opens its own connection with the same driver the portal uses.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

// The bundled server lives in dist/, the CLI in scripts/: find the driver from either.
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

// Plain CommonJS, evaluated in the worker. `VACUUM INTO` writes a consistent snapshot of the
// database as of one read transaction, while other connections keep writing (WAL).
const WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
function check(path) {
  const db = new Database(path, { readonly: true });
  try {
    const problems = db.prepare('pragma integrity_check').all().map((r) => Object.values(r)[0]).filter((v) => v !== 'ok');
    const tables = db.prepare("select name from sqlite_master where type = 'table'").all().map((r) => r.name);
    return { problems, tables };
  } finally {
    db.close();
  }
}
try {
  if (workerData.task === 'copy') {
    const db = new Database(workerData.source);
    try { db.prepare('VACUUM INTO ?').run(workerData.target); } finally { db.close(); }
  }
  parentPort.postMessage({ ok: true, ...check(workerData.task === 'copy' ? workerData.target : workerData.source) });
} catch (error) {
  parentPort.postMessage({ ok: false, message: error && error.message ? error.message : String(error) });
}
`;

export interface FileCheck {
  // What `pragma integrity_check` reported besides "ok" (nothing: the file is sound).
  problems: string[];
  tables: string[];
}

function runWorker(data: { task: 'copy' | 'check'; source: string; target?: string }): Promise<FileCheck> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { ...data, driver: driverPath() } });
    worker.once('message', (m: { ok: true; problems: string[]; tables: string[] } | { ok: false; message: string }) =>
      m.ok ? resolve({ problems: m.problems, tables: m.tables }) : reject(new Error(m.message)),
    );
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`the SQLite worker stopped with code ${code}`)));
  });
}

// Writes a consistent copy of the database at `source` to `target` (which must not exist),
// then opens the copy and checks it.
export function snapshotInto(source: string, target: string): Promise<FileCheck> {
  return runWorker({ task: 'copy', source, target });
}

// Opens the file read-only and runs `pragma integrity_check`; a file that is not a database
// fails to open (the promise rejects).
export function checkDatabaseFile(path: string): Promise<FileCheck> {
  return runWorker({ task: 'check', source: path });
}
