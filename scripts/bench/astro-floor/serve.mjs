// Serves the built floor app the way scripts/serve.ts serves the portal: our node:http server
// calling the adapter's handler (no compression, no logs, no metrics: the floor).
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

process.env.ASTRO_NODE_AUTOSTART = 'disabled';
process.env.ASTRO_NODE_LOGGING = 'disabled';
const { handler } = await import(pathToFileURL(resolve(process.env.FLOOR_OUT_DIR ?? 'dist-bench-floor', 'server/entry.mjs')).href);
const server = createServer((req, res) => handler(req, res));
server.keepAliveTimeout = 10_000;
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('astro floor ready'));
process.on('SIGTERM', () => process.exit(0));
