// Lighthouse on the parent pages (issue 15: they stay at 100 in accessibility and performance):
// the catalog, a session page and the booking confirmation (the manage page a booking lands
// on), with Lighthouse's own mobile emulation (a mid-range phone, simulated slow 4G, 4× CPU)
// driving the system Chromium. Scores are out of 100, the median of LIGHTHOUSE_RUNS runs (3);
// the note says what cost points.
// `npm run bench` runs it with the rest; `npm run bench -- lighthouse` alone.
import { existsSync } from 'node:fs';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import type { BenchRow } from './measure';
import { servePortal } from './servers';

const CATEGORIES = ['accessibility', 'performance'] as const;
// Lighthouse's own advice: the median of several runs (performance moves with the machine's load).
const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);

interface Scored {
  scores: Record<(typeof CATEGORIES)[number], number>;
  // The audits that did not score 1, for the note: what to look at.
  lost: string[];
}

async function audit(port: number, url: string): Promise<Scored> {
  const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] });
  if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`Lighthouse on ${url}: ${lhr.runtimeError.message}`);
  const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)])) as Scored['scores'];
  const lost = CATEGORIES.flatMap((c) =>
    (lhr.categories[c]?.auditRefs ?? [])
      .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1)
      .map((ref) => `${ref.id} ${lhr.audits[ref.id]?.displayValue ?? ''}`.trim()),
  );
  return { scores, lost };
}

// On a loaded machine Chromium sometimes loses the trace (NO_NAVSTART): Lighthouse says to run
// again, which is what this does, twice at most.
async function auditAgain(port: number, url: string, attempts = 3): Promise<Scored> {
  for (let i = 1; ; i++) {
    try {
      return await audit(port, url);
    } catch (error) {
      if (i >= attempts) throw error;
      console.error(`${(error as Error).message}: running it again`);
    }
  }
}

// A parent's booking, as the form makes it: its manage link is the confirmation page.
async function bookedPage(base: string, sessionId: number): Promise<string> {
  const res = await fetch(`${base}/api/v1/sessions/${sessionId}/registrations`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ firstName: 'Phare', lastName: 'Mesure', phone: '0639980001', consent: true }),
  });
  const body = (await res.json()) as { registration?: { manageUrl: string } };
  if (!body.registration) throw new Error(`booking for the measure failed: ${res.status}`);
  return body.registration.manageUrl;
}

export async function benchLighthouse(): Promise<BenchRow[]> {
  const portal = await servePortal({ DEMO_DATA: '1', BACKGROUND_JOBS: 'off' });
  const chrome = await chromeLauncher.launch({
    chromePath: existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    const { sessions } = (await (await fetch(`${portal.url}/api/v1/sessions?audience=parent`)).json()) as { sessions: { id: number }[] };
    const pages: [string, string][] = [
      ['catalog /', `${portal.url}/`],
      ['session page', `${portal.url}/sessions/${sessions[0]!.id}`],
      ['booking confirmation (manage page)', await bookedPage(portal.url, sessions[1]!.id)],
    ];
    const rows: BenchRow[] = [];
    for (const [name, url] of pages) {
      const runs: Scored[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await auditAgain(chrome.port, url));
      // The run with the median performance score, whole (its accessibility and what it lost).
      const median = [...runs].sort((a, b) => a.scores.performance - b.scores.performance)[Math.floor(runs.length / 2)]!;
      const all = runs.map((r) => r.scores.performance).join(', ');
      for (const category of CATEGORIES) {
        const note =
          category === 'performance'
            ? `runs: ${all}; ${median.lost.length ? `below 100 in the median run: ${median.lost.join('; ')}` : 'every audit passed'}`
            : `runs: ${runs.map((r) => r.scores.accessibility).join(', ')}`;
        rows.push({ name: `${name} — ${category}`, value: median.scores[category], unit: '/ 100', note });
      }
    }
    return rows;
  } finally {
    chrome.kill();
    await portal.stop();
  }
}
