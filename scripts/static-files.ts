// The built client files (dist/client), served by scripts/serve.ts itself. The adapter runs in
// middleware mode: its standalone handler looked every request up on disk first (an lstat,
// then `send`'s stat failing for every page and API call) before rendering it. The files are
// listed once at start; only a request for one of them goes to `send`, with the adapter's
// own rules (dotfiles refused outside /.well-known/, hashed /_astro/ assets immutable).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import send from 'send';

function list(root: string, dir = root, into = new Set<string>()): Set<string> {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return into; // no client build (an app without public files)
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) list(root, path, into);
    else into.add('/' + relative(root, path).split(sep).join('/'));
  }
  return into;
}

// Answers true when the request was for a client file and is being served.
export function staticFiles(root: string): (req: IncomingMessage, res: ServerResponse, pathname: string) => boolean {
  const files = list(root);
  return (req, res, pathname) => {
    if (!files.has(pathname) || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
    // `send` decodes the path itself: it gets it as it came.
    const stream = send(req, (req.url ?? '/').split(/[?#]/, 1)[0]!, {
      root,
      dotfiles: pathname.startsWith('/.well-known/') ? 'allow' : 'deny',
    });
    stream.on('stream', () => {
      if (pathname.startsWith('/_astro/')) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    });
    stream.on('error', (error: { statusCode?: number }) => {
      res.writeHead(error.statusCode ?? 500).end();
    });
    stream.pipe(res);
    return true;
  };
}
