// Issue 16 item 4 in `npm run bench`: the admin's account list at a city's scale (5,000
// teachers), beside a static file from the same server, and the memory of an instance as
// `npm start` runs it (the demo city, idle and under a burst of catalog views), beside a minimal
// Astro 7 app on the same adapter measured the same way.
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { openDb } from '~/platform/db/db.server';
import { createAccounts, signedIn } from '../../tests/helpers/auth';
import { createWorld } from '../../tests/helpers/world';
import { summary, type BenchRow } from './measure';
import { serveAstroFloor, servePortal, type Served } from './servers';

const START_FLAGS = (readFileSync('package.json', 'utf8').match(/node (--max-semi-space-size=\d+) dist\/serve\.mjs/) ?? [])[1];
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

async function timed(get: () => Promise<{ text: string }>, times: number) {
  const ms: number[] = [];
  let size = 0;
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    size = Buffer.byteLength((await get()).text, 'utf8');
    ms.push(performance.now() - t0);
  }
  return { ms, kb: size / 1024 };
}

async function adminList(): Promise<BenchRow[]> {
  const portal = await servePortal({ RATE_LIMIT: 'off', BACKGROUND_JOBS: 'off' });
  try {
    const db = openDb(`file:${portal.dir}/bench.db`);
    await createWorld(db);
    const people = await createAccounts(db);
    const rows = Array.from({ length: 5000 }, (_, i) => `('bench${i}@ac-aix-marseille.fr', 'Enseignant ${i}', 'teacher')`);
    for (let i = 0; i < rows.length; i += 500)
      await db.$client.execute(`insert into users (email, name, role) values ${rows.slice(i, i + 500).join(', ')}`);
    const admin = await signedIn(portal.url, people.admin.email);
    db.$client.close();
    const page = await timed(() => admin.get('/admin/utilisateurs?page=3'), 20);
    const search = await timed(() => admin.get('/admin/utilisateurs?q=enseignant%2042'), 20);
    const file = await timed(() => fetch(`${portal.url}/favicon.svg`).then(async (r) => ({ text: await r.text() })), 20);
    const forms = (await admin.get('/admin/utilisateurs')).text.match(/<form/g)?.length ?? 0;
    return [
      summary('/admin/utilisateurs with 5,001 accounts — one page, time', page.ms, 'ms', {
        note: `${page.kb.toFixed(1)} KB of HTML, ${forms} forms (was 1.16 MB, 1,498 forms, 4.3 s); a static file ${summary('', file.ms, '').value.toFixed(1)} ms`,
      }),
      summary('/admin/utilisateurs — a search by name, time', search.ms, 'ms', { note: `${search.kb.toFixed(1)} KB of HTML` }),
    ];
  } finally {
    await portal.stop();
  }
}

// Idle after 10 s, then the highest RSS sampled while 20 connections read `path` for 5 s.
async function memoryOf(server: Served, path: string) {
  await pause(10_000);
  const idle = rssMb(server.pid!);
  let peak = idle;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(server.pid!))), 100);
  await autocannon({ url: server.url + path, connections: 20, duration: 5 });
  clearInterval(sampler);
  return { idle, peak };
}

async function memory(): Promise<BenchRow[]> {
  const flags = START_FLAGS ? [START_FLAGS] : [];
  const first = await servePortal({ DEMO_DATA: '1', RATE_LIMIT: 'off' }, { nodeArgs: flags });
  const firstStart = await memoryOf(first, '/');
  await first.stop();
  const again = await servePortal({ DEMO_DATA: '1', RATE_LIMIT: 'off' }, { nodeArgs: flags, dir: first.dir });
  const restart = await memoryOf(again, '/');
  await again.stop();
  const astro = await serveAstroFloor();
  const floor = await memoryOf(astro, '/book');
  await astro.stop();
  const note = `npm start's flags: ${flags.join(' ') || 'none'}`;
  return [
    summary('minimal Astro 7 app (floor) — RSS idle / under load', [floor.idle], 'MB', { note: `under load ${floor.peak.toFixed(0)} MB` }),
    summary('RSS idle with the demo city, the start that loads it', [firstStart.idle], 'MB', {
      note: `target ≤ 150 MB; under load ${firstStart.peak.toFixed(0)} MB; ${note}`,
    }),
    summary('RSS idle with the demo city, a restart', [restart.idle], 'MB', {
      ratios: [restart.idle / floor.idle],
      note: `target ≤ 150 MB; under load ${restart.peak.toFixed(0)} MB; ratio vs the minimal Astro app`,
    }),
  ];
}

export async function benchStaffMemory(): Promise<BenchRow[]> {
  return [...(await adminList()), ...(await memory())];
}
