// `npm run bench`: every benchmark, printed as tables and kept, dated, in docs/benchmarks.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { benchBooking } from './bench/booking';
import { benchPages } from './bench/pages';
import { benchReadiness } from './bench/readiness';
import { benchLighthouse } from './bench/lighthouse';
import { table, type BenchRow } from './bench/measure';

const sections: [string, () => Promise<BenchRow[]>][] = [
  ['Booking throughput', benchBooking],
  ['Parent pages: weight, throughput, first paint on slow 3G', benchPages],
  [
    'Session 4 — pages: catalog and session page under a burst (render cache)',
    () => import('./bench/page-cache').then((m) => m.benchPageCache()),
  ],
  ['Readiness at region scale', benchReadiness],
  ['Lighthouse (mobile emulation): parent pages', benchLighthouse],
];

const only = process.argv[2];
let out = `# Benchmarks\n\nRun ${new Date().toISOString()} on ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}.\nMedians; ratios are against the baseline measured in the same run.\n`;
for (const [name, run] of sections) {
  if (only && !name.toLowerCase().includes(only.toLowerCase())) continue;
  process.stdout.write(`Running: ${name}…\n`);
  const text = table(name, await run());
  console.log(text);
  out += `${text}\n`;
}
if (!only) {
  mkdirSync('docs', { recursive: true });
  writeFileSync('docs/benchmarks.md', out);
  console.log('\nSaved to docs/benchmarks.md');
}
