// `npm start`: prepare the database (migrations, demo data), then serve the built portal
// with its background jobs, and stop cleanly on SIGTERM.
import { createServer } from 'node:http';
import compression from 'compression';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startBackgroundJobs } from '~/platform/jobs/background.server';
import { config } from '~/platform/config/config';
import { openDb, prepareConnection, type Db } from '~/platform/db/db.server';
import { explainStartupError, prepareDatabase } from '~/platform/db/startup.server';

async function main() {
  const db: Db = openDb();
  await prepareConnection(db);
  await prepareDatabase(db, { log: (line) => console.log(line) });

  process.env.ASTRO_NODE_AUTOSTART = 'disabled';
  process.env.ASTRO_NODE_LOGGING = 'disabled';
  const outDir = process.env.PASSERELLE_OUT_DIR || 'dist';
  const entry = (await import(pathToFileURL(resolve(outDir, 'server/entry.mjs')).href)) as {
    handler: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void;
  };
  // Pages, JSON and CSV leave compressed (gzip or brotli): parents pay for every byte.
  const compress = compression({ threshold: 1024 });
  const server = createServer((req, res) => compress(req as never, res as never, () => entry.handler(req, res)));
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(config.port, config.host, () => ok());
  });
  const jobs = startBackgroundJobs(db);
  console.log(`Passerelle is ready on http://${config.host}:${config.port} (database ${redact(config.databaseUrl)})`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing current work…`);
    server.close();
    server.closeIdleConnections();
    await jobs.stop();
    db.$client.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

function redact(url: string) {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}

main().catch((error: unknown) => {
  console.error(`Passerelle could not start: ${explainStartupError(error)}`);
  process.exit(1);
});
