// Parent pages: weight over the wire, requests per second, and first contentful paint on a
// throttled slow-3G phone, each beside a baseline measured in the same run.
import autocannon from 'autocannon';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { chromium } from '@playwright/test';
import { join } from 'node:path';
import { openDb } from '~/platform/db/db.server';
import { createSession, DAY } from '../../tests/helpers/world';
import { rounds, summary, type BenchRow } from './measure';
import { servePortal } from './servers';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
// Chrome DevTools' "Slow 3G": 400 ms round trip, 400 kbit/s down and up; a 4× slower CPU.
const SLOW_3G = { offline: false, latency: 400, downloadThroughput: (400 * 1024) / 8, uploadThroughput: (400 * 1024) / 8 };

async function weight(url: string) {
  const res = await fetch(url, { headers: { 'Accept-Encoding': 'gzip, br' } });
  const body = new Uint8Array(await res.arrayBuffer());
  // fetch decodes the body; the wire size is the compressed one the server announced, if any.
  const wire = Number(res.headers.get('content-length') ?? 0) || (await compressedSize(url));
  return { raw: body.length, wire };
}

async function compressedSize(url: string) {
  const { request } = await import('node:http');
  return new Promise<number>((resolve) => {
    request(url, { headers: { 'Accept-Encoding': 'gzip' } }, (res) => {
      let n = 0;
      res.on('data', (c: Buffer) => (n += c.length));
      res.on('end', () => resolve(n));
    }).end();
  });
}

async function rps(url: string) {
  const r = await autocannon({ url, connections: 20, duration: DURATION, headers: { 'accept-encoding': 'gzip' } });
  return { rps: r.requests.average, bytes: r.throughput.total / Math.max(1, r.requests.total) };
}

async function fcp(urls: string[]) {
  const browser = await chromium.launch({
    executablePath: existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const out: number[] = [];
  for (const url of urls) {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.goto(url, { waitUntil: 'load' });
    await page
      .waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, null, { timeout: 10_000 })
      .catch(() => {});
    out.push(await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN));
    await context.close();
  }
  await browser.close();
  return out;
}

// Adds `count` upcoming parent workshops to the served database; answers how many there are.
async function growCatalog(dir: string, count: number): Promise<number> {
  const db = openDb(`file:${join(dir, 'bench.db')}`);
  try {
    for (let i = 0; i < count; i++)
      await createSession(db, { startsAt: Date.now() + (1 + (i % 60)) * DAY + i * 60_000, schoolUai: null, capacity: 12 });
    const rs = await db.$client.execute({
      sql: "select count(*) as n from sessions where audience = 'parent' and status = 'scheduled' and starts_at > ?",
      args: [Date.now()],
    });
    return Number(rs.rows[0]!.n);
  } finally {
    db.$client.close();
  }
}

export async function benchPages(): Promise<BenchRow[]> {
  const portal = await servePortal({ DEMO_DATA: '1', BACKGROUND_JOBS: 'off' });
  // The smallest page a server can send, for the paint baseline.
  const tiny = createServer((_q, r) =>
    r.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end('<!doctype html><title>x</title><h1>Bonjour</h1>'),
  );
  await new Promise<void>((ok) => tiny.listen(0, '127.0.0.1', ok));
  const tinyUrl = `http://127.0.0.1:${(tiny.address() as { port: number }).port}/`;
  try {
    const { sessions } = (await (await fetch(`${portal.url}/api/v1/sessions?audience=parent`)).json()) as { sessions: { id: number }[] };
    const session = `${portal.url}/sessions/${sessions[0]!.id}`;
    const booked = (await (
      await fetch(`${sessions[0] ? `${portal.url}/api/v1/sessions/${sessions[1]!.id}/registrations` : ''}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ firstName: 'Bench', lastName: 'Mark', phone: '0639980000', consent: true }),
      })
    ).json()) as { registration: { manageUrl: string } };
    const pages: [string, string][] = [
      ['catalog /', `${portal.url}/`],
      ['session page', session],
      ['catalog in Arabic /ar/', `${portal.url}/ar/`],
      ['confirmation / manage page', booked.registration.manageUrl],
    ];
    const rows: BenchRow[] = [];
    for (const [name, url] of pages) {
      const w = await weight(url);
      rows.push({
        name: `weight: ${name}`,
        value: w.wire / 1024,
        unit: 'KB on the wire',
        note: `${(w.raw / 1024).toFixed(1)} KB uncompressed, no script, no image; budget 50 KB`,
      });
    }
    // Floor (c): a static file from the same server, in the same interleaved rounds.
    const staticFile = () => rps(`${portal.url}/favicon.svg`);
    const pagesSeen = await rounds({ static: staticFile, catalog: () => rps(`${portal.url}/`), session: () => rps(session) });
    const perRound = (k: string, seen: Record<string, { rps: number }[]>) => seen[k]!.map((r, i) => r.rps / seen.static![i]!.rps);
    rows.push(
      summary(
        'floor (c): a static file from the same server',
        pagesSeen.static!.map((r) => r.rps),
        'req/s',
      ),
    );
    for (const [key, name] of [
      ['catalog', 'catalog /'],
      ['session', 'session page'],
    ] as const) {
      rows.push(
        summary(
          `${name} — throughput`,
          pagesSeen[key]!.map((r) => r.rps),
          'req/s',
          {
            ratios: perRound(key, pagesSeen),
            note: `${(pagesSeen[key]![0]!.bytes / 1024).toFixed(1)} KB per response (gzip); ratio vs floor (c), target ≥ 0.5`,
          },
        ),
      );
    }
    // A region's catalog: the page still reads only its 12 cards and counts the rest.
    const total = await growCatalog(portal.dir, 2_000);
    const regionSeen = await rounds({ static: staticFile, region: () => rps(`${portal.url}/`) });
    rows.push(
      summary(
        `catalog / with ${total.toLocaleString('en')} upcoming workshops (region) — throughput`,
        regionSeen.region!.map((r) => r.rps),
        'req/s',
        {
          ratios: perRound('region', regionSeen),
          note: 'the same page, 12 cards read; ratio vs floor (c)',
        },
      ),
    );
    const [base, cat, sess] = await fcp([tinyUrl, `${portal.url}/`, session]);
    rows.push({ name: 'first contentful paint, slow 3G + 4× CPU: a one-line page (baseline)', value: base!, unit: 'ms' });
    rows.push({ name: 'first contentful paint, slow 3G + 4× CPU: catalog', value: cat!, unit: 'ms', ratio: cat! / base! });
    rows.push({ name: 'first contentful paint, slow 3G + 4× CPU: session page', value: sess!, unit: 'ms', ratio: sess! / base! });
    return rows;
  } finally {
    tiny.close();
    await portal.stop();
  }
}
