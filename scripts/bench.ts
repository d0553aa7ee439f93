// `npm run bench`: every benchmark, printed as tables and kept, dated, in docs/benchmarks.md.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { benchBooking } from './bench/booking';
import { benchPages } from './bench/pages';
import { benchReadiness } from './bench/readiness';
import { benchLighthouse } from './bench/lighthouse';
import { benchReadinessSummary } from './bench/readiness-summary';
import { ROUNDS, table, type BenchRow } from './bench/measure';

const sections: [string, () => Promise<BenchRow[]>][] = [
  ['Booking throughput', benchBooking],
  ['Parent pages: weight, throughput, first paint on slow 3G', benchPages],
  [
    'Session 4 — pages: catalog and session page under a burst (render cache)',
    () => import('./bench/page-cache').then((m) => m.benchPageCache()),
  ],
  ['Readiness at region scale', benchReadiness],
  ['Lighthouse (mobile emulation): parent pages', benchLighthouse],
  ['Session 4 — readiness at scale', benchReadinessSummary],
  ['Session 5 — staff pages at city scale and memory', () => import('./bench/staff-memory').then((m) => m.benchStaffMemory())],
];

const only = process.argv[2];
let out = `Run ${new Date().toISOString()} on ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}.\nMedians of ${ROUNDS} interleaved rounds (BENCH_ROUNDS) of ${process.env.BENCH_SECONDS ?? 5} s (BENCH_SECONDS); ratios are against the floor measured in the same rounds.\n`;
for (const [name, run] of sections) {
  if (only && !name.toLowerCase().includes(only.toLowerCase())) continue;
  process.stdout.write(`Running: ${name}…\n`);
  const text = table(name, await run());
  console.log(text);
  out += `${text}\n`;
}
// The latest run replaces the one before it, between the markers; the dated sections below
// them (before/after comparisons, levers tried) stay.
if (!only) {
  const file = 'docs/benchmarks.md';
  const START = '<!-- npm run bench: latest run -->';
  const END = '<!-- end of the latest run -->';
  mkdirSync('docs', { recursive: true });
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const [head, rest] = old.includes(START)
    ? [old.slice(0, old.indexOf(START)), old.slice(old.indexOf(END) + END.length)]
    : [`${old.trimEnd()}\n\n`, ''];
  writeFileSync(file, `${head}${START}\n${out}\n${END}${rest}`);
  console.log(`\nSaved to ${file}`);
}
