// `npm start`: prepare the database (migrations, demo data), then serve the built portal
// with its background jobs, and stop cleanly on SIGTERM. Everything that touches the
// configuration or the database comes from the Astro build (dist/server/boot.mjs and
// entry.mjs share their chunks), so the process holds one copy of it: one connection.
import { AsyncResource } from 'node:async_hooks';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import compression from 'compression';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { staticFiles } from './static-files';

type Boot = typeof import('~/platform/boot.server');
type Entry = { handler: (req: IncomingMessage, res: ServerResponse) => void };

const outDir = process.env.PASSERELLE_OUT_DIR || 'dist';
const load = <T>(file: string) => import(pathToFileURL(resolve(outDir, 'server', file)).href) as Promise<T>;

async function main(boot: Boot) {
  const { config, logger } = boot;
  // Lines for the person who started it (the demo logins among them), as plain text.
  await boot.prepare((line) => console.log(line));

  process.env.ASTRO_NODE_AUTOSTART = 'disabled';
  process.env.ASTRO_NODE_LOGGING = 'disabled';
  const entry = await load<Entry>('entry.mjs');
  // Pages, JSON and CSV leave compressed (gzip or brotli): parents pay for every byte.
  const compress = compression({ threshold: 1024 });
  const clientFile = staticFiles(resolve(outDir, 'client'));
  // Every request gets an id, a JSON log line and its metrics (src/platform/observability).
  const server = createServer(
    boot.observeRequests((req, res) => {
      if (refuseMethod(req, res)) return;
      const pathname = pathOf(req.url ?? '/');
      if (pathname === undefined) return void res.writeHead(400).end('Bad request.');
      // No `next`: a path no route takes is Astro's 404, as in standalone mode.
      compress(req as never, res as never, () => clientFile(req, res, pathname) || withSmallBody(req, () => entry.handler(req, res)));
    }),
  );
  server.on('connect', refuseConnect);
  server.on('clientError', answerClientError);
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(config.port, config.host, () => ok());
  });
  const jobs = boot.startJobs();
  logger.info(
    { host: config.host, port: config.port },
    `Passerelle is ready on http://${config.host}:${config.port} (database ${redact(config.databaseUrl)})`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, `${signal}: finishing current work…`);
    server.close();
    server.closeIdleConnections();
    await jobs.stop();
    boot.closeDatabase();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

// The methods the portal serves. Any other reaches Astro as a page request (PROPFIND /login
// rendered the sign-in page), and TRACE would echo a request back (cookies included), which
// the web Request the pages are built on cannot even hold (a 500): every other method is
// answered here, before Astro, with 405 and the methods that are served. TRACK (IIS's TRACE)
// and made-up words never get here: Node's parser (llhttp) does not know them, and
// `answerClientError` says 501 (RFC 9110: a method the server does not recognise).
const SERVED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const REFUSED_HEADERS = { Allow: SERVED_METHODS.join(', '), 'Content-Length': '0', 'X-Content-Type-Options': 'nosniff' };
function refuseMethod(req: IncomingMessage, res: ServerResponse): boolean {
  if (SERVED_METHODS.includes((req.method ?? '').toUpperCase())) return false;
  res.writeHead(405, REFUSED_HEADERS);
  res.end();
  return true;
}

// A small request body (a booking, a form) is read here in one piece and handed to Astro as
// `req.body`, which the adapter takes as it is: otherwise every body went through an async
// generator, a web ReadableStream and its reader before the route saw it. Larger bodies, or
// bodies of unknown length, keep the adapter's streaming path and its size limit.
const SMALL_BODY_BYTES = 64 * 1024;
function withSmallBody(req: IncomingMessage & { body?: Buffer }, then: () => void) {
  const length = Number(req.headers['content-length']);
  const small = length > 0 && length <= SMALL_BODY_BYTES && !req.headers['transfer-encoding'];
  if (!small || req.method === 'GET' || req.method === 'HEAD') return then();
  const chunks: Buffer[] = [];
  // The request's own context (its id, the route its log line and metrics name) is the one it
  // arrived with: a stream's events run in the socket's, so the handler is bound to ours.
  const handle = AsyncResource.bind(then);
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  // A client that leaves before the end gets nothing: its socket is gone.
  req.once('end', () => {
    req.body = Buffer.concat(chunks);
    handle();
  });
}

// CONNECT never reaches the request handler: Node hands over the socket.
function refuseConnect(_req: IncomingMessage, socket: Duplex) {
  const headers = Object.entries({ ...REFUSED_HEADERS, Connection: 'close' }).map(([k, v]) => `${k}: ${v}\r\n`);
  socket.end(`HTTP/1.1 405 Method Not Allowed\r\n${headers.join('')}\r\n`);
}

// What Node's parser refused, answered as Node would (400, 408, 431), except a method it does
// not know: 501 with the methods that are served, rather than a bare 400 that reads as "your
// request is broken". A reset socket gets nothing.
function answerClientError(error: Error & { code?: string }, socket: Duplex) {
  if (!socket.writable || error.code === 'ECONNRESET') return void socket.destroy();
  const status =
    error.code === 'HPE_INVALID_METHOD'
      ? '501 Not Implemented'
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? '431 Request Header Fields Too Large'
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? '408 Request Timeout'
          : '400 Bad Request';
  const allow = error.code === 'HPE_INVALID_METHOD' ? `Allow: ${REFUSED_HEADERS.Allow}\r\n` : '';
  socket.end(`HTTP/1.1 ${status}\r\n${allow}Content-Length: 0\r\nConnection: close\r\n\r\n`);
}

// The decoded path, without query or fragment; undefined for a malformed one (the adapter's
// standalone server answered those 400 too).
function pathOf(url: string): string | undefined {
  try {
    decodeURI(url);
    return decodeURI(url.split(/[?#]/, 1)[0]!);
  } catch {
    return undefined;
  }
}

function redact(url: string) {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}

function fail(reason: string): never {
  console.error(`Passerelle could not start: ${reason}`);
  process.exit(1);
}

// A wrong environment value fails while boot.mjs loads (the configuration is read then),
// before anything listens.
load<Boot>('boot.mjs').then(
  (boot) => main(boot).catch((error: unknown) => fail(boot.explainStartupError(error))),
  (error: unknown) =>
    fail(error instanceof Error && error.name === 'ConfigError' ? error.message : String((error as Error)?.stack ?? error)),
);
