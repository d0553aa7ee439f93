// Every method Node's HTTP parser knows, sent to the built server: the portal serves GET, HEAD,
// POST, PUT, PATCH, DELETE and OPTIONS; any other method gets 405 with Allow, never a 500 or a
// page. Methods the parser itself does not know (TRACK, made-up words) never reach a request
// handler (llhttp's method table is compiled in): the server's clientError answer says 501.
import { METHODS, request } from 'node:http';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { testPortal } from '../helpers/portal';

const portal = testPortal();
const SERVED = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

// The raw answer, as a client on the wire sees it (node:http's client would refuse some).
function raw(method: string, path = '/login'): Promise<string> {
  const { hostname, port } = new URL(portal.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () =>
      socket.write(`${method} ${path} HTTP/1.1\r\nHost: ${hostname}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`),
    );
    let out = '';
    socket.setTimeout(5000, () => socket.destroy(new Error(`${method}: no answer`)));
    socket.on('data', (d) => (out += d.toString('latin1')));
    socket.on('close', () => resolve(out));
    socket.on('error', reject);
  });
}

const status = (answer: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
const header = (answer: string, name: string) => new RegExp(`^${name}: (.*)$`, 'im').exec(answer.split('\r\n\r\n')[0]!)?.[1]?.trim();

describe('odd HTTP methods', () => {
  it.each(METHODS.filter((m) => !SERVED.includes(m) && m !== 'CONNECT'))('%s gets 405 with Allow', async (method) => {
    const answer = await raw(method);
    expect(status(answer), answer.slice(0, 300)).toBe(405);
    expect(header(answer, 'Allow')).toBe(SERVED.join(', '));
  });

  it('CONNECT gets 405 too', async () => {
    const answer = await raw('CONNECT', '127.0.0.1:443');
    expect(status(answer), answer.slice(0, 300)).toBe(405);
  });

  it.each(['TRACK', 'BREW', 'FOO'])('%s, a method nobody knows, gets 501 with Allow', async (method) => {
    const answer = await raw(method);
    expect(status(answer), answer.slice(0, 300)).toBe(501);
    expect(header(answer, 'Allow')).toBe(SERVED.join(', '));
  });

  it('still answers a broken request line 400', async () => {
    expect(status(await raw('GET', 'not a path'))).toBe(400);
  });

  it('keeps serving the methods it serves', async () => {
    const res = await new Promise<number>((resolve, reject) => {
      const req = request(`${portal.url}/login`, { method: 'OPTIONS' }, (r) => (r.resume(), resolve(r.statusCode ?? 0)));
      req.on('error', reject);
      req.end();
    });
    expect(res).not.toBe(500);
  });
});
