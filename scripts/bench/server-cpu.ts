// `npx tsx scripts/bench/server-cpu.ts [--before DIR] [--rounds N] [--count N] [--targets static,health,catalog,session,booking,floor] [--encoding gzip|identity]`:
// the server's own CPU per request (user + system time of the server process, read from
// /proc, over N requests after a warm-up), for this tree's build and, with --before, an
// earlier built checkout, in alternating rounds. Throughput on a shared machine moves with
// the neighbours; the CPU a request costs barely does, so this tells two trees apart where
// autocannon's req/s cannot. `floor` is floor (a) (floor-booking.ts: the booking's own
// statements behind bare node:http) on the database the portal just prepared: the CPU a
// booking spends outside the floor is `booking` minus `floor`.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../tests/helpers/server';
import { listenEnv } from './servers';
import { bookingRequest } from './booking-request';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const COUNT = Number(option('count') ?? 3000);
const PIPE = args.includes('--pipe');
const ENCODING = option('encoding') ?? 'gzip';
const TICK_MS = 10; // USER_HZ is 100 on Linux

function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

async function ready(url: string, probe: string) {
  for (let i = 0; i < 1800; i++) {
    const ok = await fetch(url + probe).then(
      (r) => (process.env.DEBUG_READY && console.log(r.status), void r.body?.cancel(), r.status < 500),
      (e: Error) => (process.env.DEBUG_READY && console.log(String(e.cause ?? e)), false),
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} never answered /api/v1/health`);
}

async function start(tree: string, env: Record<string, string>, { dir = mkdtempSync(join(tmpdir(), 'server-cpu-')), floor = false } = {}) {
  const port = await freePort();
  const script = floor ? ['--import', 'tsx', resolve(tree, 'scripts/bench/floor-booking.ts')] : [resolve(tree, 'dist/serve.mjs')];
  const child = spawn(process.execPath, script, {
    cwd: tree,
    env: {
      ...process.env,
      ...listenEnv(port, dir),
      DEMO_DATA: '1',
      BACKGROUND_JOBS: 'off',
      SMTP_URL: '',
      RATE_LIMIT: 'on',
      TRUST_PROXY: '1',
      ...env,
    },
    // As the benchmark runs it: stdout read by this process (the log lines cost both sides).
    stdio: ['ignore', PIPE ? 'pipe' : 'ignore', 'inherit'],
  });
  child.stdout?.on('data', () => {});
  const url = `http://127.0.0.1:${port}`;
  child.once('exit', (code) => code && console.error(`${tree}: the server exited ${code}`));
  await ready(url, floor ? '/' : '/api/v1/health');
  return {
    url,
    dir,
    pid: child.pid!,
    stop: ({ keep = false } = {}) =>
      new Promise<void>((ok) => {
        child.once('exit', () => (keep || rmSync(dir, { recursive: true, force: true }), ok()));
        child.kill('SIGTERM');
      }),
  };
}

async function measure(tree: string, target: string): Promise<number> {
  const env: Record<string, string> = target === 'booking-quiet' ? { LOG_LEVEL: 'warn' } : {};
  let server = await start(tree, env);
  const { sessions } = (await (await fetch(`${server.url}/api/v1/sessions?audience=parent`)).json()) as { sessions: { id: number }[] };
  if (target === 'floor') {
    await server.stop({ keep: true });
    server = await start(tree, env, { dir: server.dir, floor: true });
  }
  try {
    const paths: Record<string, string> = {
      static: '/favicon.svg',
      health: '/api/v1/health',
      catalog: '/',
      session: `/sessions/${sessions[0]!.id}`,
    };
    const fire = (amount: number) =>
      autocannon({
        url: server.url,
        connections: 10,
        amount,
        // As a browser asks (gzip), or, with `--encoding identity`, as `npm run bench` does.
        headers: ENCODING === 'identity' ? {} : { 'accept-encoding': ENCODING },
        ...(target.startsWith('booking') || target === 'floor'
          ? { requests: [bookingRequest((n) => `/api/v1/sessions/${sessions[n % sessions.length]!.id}/registrations`)] }
          : { url: server.url + paths[target] }),
      });
    await fire(Math.min(500, COUNT));
    const before = cpuMs(server.pid);
    const result = await fire(COUNT);
    const used = cpuMs(server.pid) - before;
    if (result.errors) throw new Error(`${target}: ${result.errors} errors`);
    console.log(`  ${tree} ${target}: ${Math.round(result.requests.average)} req/s`);
    return (used / result.requests.total) * 1000; // µs per request
  } finally {
    await server.stop();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const trees: Record<string, string> = { after: process.cwd() };
if (option('before')) trees.before = resolve(option('before')!);
const targets = (option('targets') ?? 'static,health,catalog,session,booking').split(',');
const rounds = Number(option('rounds') ?? 3);
const seen: Record<string, Record<string, number[]>> = {};
for (let round = 0; round < rounds; round++) {
  for (const target of targets) {
    const order = Object.keys(trees);
    if ((round + targets.indexOf(target)) % 2) order.reverse();
    for (const which of order) {
      const us = await measure(trees[which]!, target);
      ((seen[target] ??= {})[which] ??= []).push(us);
      console.log(`round ${round + 1} ${target} ${which}: ${us.toFixed(0)} µs CPU per request`);
    }
  }
}
console.log('\n| request | ' + Object.keys(trees).join(' | ') + ' | ratio |');
console.log(
  '|---|' +
    Object.keys(trees)
      .map(() => '---:|')
      .join('') +
    '---:|',
);
for (const [target, byTree] of Object.entries(seen)) {
  const cells = Object.keys(trees).map((w) => {
    const xs = byTree[w]!;
    return `${median(xs).toFixed(0)} µs (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`;
  });
  const ratio = byTree.before ? ` ×${(median(byTree.after!) / median(byTree.before)).toFixed(2)}` : '';
  console.log(`| ${target} | ${cells.join(' | ')} |${ratio} |`);
}
