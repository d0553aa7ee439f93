// `npm run bench:compare -- REF [--rounds N] [--sections a,b]`: the benchmarks of an earlier
// version (a git ref, checked out and built in a temporary worktree) and of this tree, run by
// each tree's own `scripts/bench.ts`, in interleaved rounds on the same machine, so a change's
// effect can be told from the machine's own noise. Prints medians and spreads and appends them
// to docs/benchmarks.md.
import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
const ref = args.find((a) => !a.startsWith('--'));
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
if (!ref) {
  console.error('usage: npm run bench:compare -- REF [--rounds N] [--sections booking,pages,readiness] [--tree DIR]');
  process.exit(2);
}
const rounds = Number(option('rounds') ?? 3);
const sections = (option('sections') ?? 'booking,pages,readiness').split(',');

// The earlier version, built once (a tree given with --tree is reused as it is).
function prepare(): string {
  const given = option('tree');
  if (given) return given;
  const dir = mkdtempSync(join(tmpdir(), 'passerelle-before-'));
  execFileSync('git', ['worktree', 'add', '--detach', dir, ref!], { stdio: 'inherit' });
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'inherit' });
  return dir;
}

type Table = Map<string, number>;

// Runs one tree's own benchmark section and reads the first number of each row of its table.
function runSection(cwd: string, section: string): Promise<Table> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'bench', '--', section], {
      cwd,
      env: { ...process.env, BENCH_SECONDS: process.env.BENCH_SECONDS ?? '6' },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`bench ${section} in ${cwd} exited ${code}:\n${out}`));
      const rows: Table = new Map();
      for (const line of out.split('\n')) {
        const cells = line.split('|').map((c) => c.trim());
        if (cells.length < 5 || cells[1] === 'measure' || cells[1]?.startsWith('---')) continue;
        // Names carrying counts (e.g. "with 2,042 workshops") differ between versions: keep their words.
        const name = cells[1]!.replace(/\d[\d,]*/g, 'N');
        // "77.0 ms / 181 ms" (p50 / p99) holds two figures.
        const values = (cells[2]!.replace(/,/g, '').match(/\d+(\.\d+)?/g) ?? []).map(Number);
        if (values.length === 1) rows.set(name, values[0]!);
        if (values.length === 2) {
          rows.set(`${name} (first)`, values[0]!);
          rows.set(`${name} (second)`, values[1]!);
        }
      }
      resolve(rows);
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const spread = (xs: number[]) => `${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))}`;

const before = prepare();
if (!existsSync(join(before, 'node_modules'))) throw new Error(`${before} has no node_modules`);
const trees = { before, after: process.cwd() };
const results: Record<'before' | 'after', Map<string, number[]>> = { before: new Map(), after: new Map() };

for (let round = 0; round < rounds; round++) {
  for (const section of sections) {
    // Alternate which version goes first, so a machine warming up or slowing down favours neither.
    const order = (round + sections.indexOf(section)) % 2 === 0 ? (['before', 'after'] as const) : (['after', 'before'] as const);
    for (const which of order) {
      process.stdout.write(`round ${round + 1}/${rounds}: ${section} (${which})…\n`);
      const table = await runSection(trees[which], section);
      for (const [name, value] of table) {
        const key = `${section}: ${name}`;
        results[which].set(key, [...(results[which].get(key) ?? []), value]);
      }
    }
  }
}

const lines = [
  `\n## Before / after: ${ref} vs this tree (${new Date().toISOString()})\n`,
  `${rounds} interleaved rounds on the same machine; median (min–max). For throughput higher is better, for times lower is better.\n`,
  '| measure | before | after | after / before |',
  '|---|---:|---:|---:|',
];
for (const [key, afterValues] of results.after) {
  const beforeValues = results.before.get(key);
  if (!beforeValues) continue;
  const b = median(beforeValues);
  const a = median(afterValues);
  lines.push(`| ${key} | ${fmt(b)} (${spread(beforeValues)}) | ${fmt(a)} (${spread(afterValues)}) | ×${fmt(a / b)} |`);
}
const text = lines.join('\n');
console.log(text);
appendFileSync('docs/benchmarks.md', `${text}\n`);
