// The catalog and session pages under a burst, beside a static file from the same server
// (the floor for pages), in interleaved rounds: cold (every request a page never rendered:
// a parameter the page reads, with a value never seen, that it then ignores) and warm (the render cache answering), with brotli asked for as
// phones do. Ratios are throughput against the static file: higher is better.
import autocannon from 'autocannon';
import type { BenchRow } from './measure';
import { servePortal } from './servers';

const SECONDS = Number(process.env.BENCH_PAGE_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_PAGE_ROUNDS ?? 3);
const CONNECTIONS = 20;

async function rps(url: string, fresh: string | null): Promise<{ rps: number; p99: number; bytes: number }> {
  const r = await autocannon({
    url: fresh ? `${url}${url.includes('?') ? '&' : '?'}${fresh}=[<id>]` : url,
    idReplacement: Boolean(fresh),
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: { 'accept-encoding': 'gzip, deflate, br' },
  });
  return { rps: r.requests.average, p99: r.latency.p99, bytes: r.throughput.total / Math.max(1, r.requests.total) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const spread = (xs: number[]) => `${Math.round(Math.min(...xs)).toLocaleString('en')}–${Math.round(Math.max(...xs)).toLocaleString('en')}`;

export async function benchPageCache(): Promise<BenchRow[]> {
  const portal = await servePortal({ DEMO_DATA: '1', BACKGROUND_JOBS: 'off' });
  try {
    const { sessions } = (await (await fetch(`${portal.url}/api/v1/sessions?audience=parent`)).json()) as { sessions: { id: number }[] };
    const cases: [string, string, string | null][] = [
      ['a static file (floor)', `${portal.url}/favicon.svg`, null],
      ['catalog / cold', `${portal.url}/`, 'plus'],
      ['catalog / warm', `${portal.url}/`, null],
      ['catalog /ar/ warm', `${portal.url}/ar/`, null],
      ['session page cold', `${portal.url}/sessions/${sessions[0]!.id}`, 'uai'],
      ['session page warm', `${portal.url}/sessions/${sessions[0]!.id}`, null],
    ];
    const runs = new Map(cases.map(([name]) => [name, [] as { rps: number; p99: number; bytes: number }[]]));
    for (let round = 0; round < ROUNDS; round++) for (const [name, url, fresh] of cases) runs.get(name)!.push(await rps(url, fresh));

    const floor = median(runs.get(cases[0]![0])!.map((r) => r.rps));
    return cases.map(([name]) => {
      const all = runs.get(name)!;
      const value = median(all.map((r) => r.rps));
      return {
        name: `${name} — throughput, ${CONNECTIONS} connections`,
        value,
        unit: 'req/s',
        ratio: value / floor,
        note: `${ROUNDS} interleaved rounds of ${SECONDS} s, spread ${spread(all.map((r) => r.rps))}; p99 ${median(all.map((r) => r.p99))} ms; ${(median(all.map((r) => r.bytes)) / 1024).toFixed(1)} KB per response`,
      };
    });
  } finally {
    await portal.stop();
  }
}
