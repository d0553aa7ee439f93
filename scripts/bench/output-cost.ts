// `npx tsx scripts/bench/output-cost.ts [--rounds N]`: what reading the server's output costs
// the benchmark. Session 3's servers.ts kept every line the server printed in one string and
// searched all of it for the ready marker after each chunk, for the whole run: with one log
// line per request, the load generator's own process did more and more work as the run went.
// Static-file throughput, the same server build, output kept that way vs drained, alternating.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../tests/helpers/server';
import { median } from './measure';

const i = process.argv.indexOf('--rounds');
const ROUNDS = i >= 0 ? Number(process.argv[i + 1]) : 2;
const t = process.argv.indexOf('--tree');
const TREE = t >= 0 ? process.argv[t + 1]! : process.cwd();
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

async function run(keepAll: boolean) {
  const dir = mkdtempSync(join(tmpdir(), 'output-cost-'));
  const port = await freePort();
  const child = spawn(process.execPath, [TREE + '/dist/serve.mjs'], {
    cwd: TREE,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `file:${join(dir, 'b.db')}`,
      DEMO_DATA: '0',
      BACKGROUND_JOBS: 'off',
      SMTP_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  await new Promise<void>((ready) =>
    child.stdout.on('data', (d: Buffer) => {
      if (keepAll) {
        out += d.toString();
        if (out.includes('is ready on')) ready();
      } else if (d.toString().includes('is ready on')) ready();
    }),
  );
  const r = await autocannon({ url: `http://127.0.0.1:${port}/favicon.svg`, connections: 20, duration: SECONDS });
  await new Promise((ok) => (child.once('exit', ok), child.kill('SIGTERM')));
  rmSync(dir, { recursive: true, force: true });
  return r.requests.average;
}

const seen: Record<string, number[]> = { 'kept and searched (session 3)': [], drained: [] };
for (let round = 0; round < ROUNDS; round++) {
  for (const keep of round % 2 ? [false, true] : [true, false]) {
    const rps = await run(keep);
    seen[keep ? 'kept and searched (session 3)' : 'drained']!.push(rps);
    console.log(`${keep ? 'kept' : 'drained'}: ${Math.round(rps)} req/s`);
  }
}
for (const [k, xs] of Object.entries(seen))
  console.log(`| ${k} | ${Math.round(median(xs))} req/s (${Math.round(Math.min(...xs))}–${Math.round(Math.max(...xs))}) |`);
