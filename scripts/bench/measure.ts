// Timing helpers and the printed table. Figures, not pass/fail: benchmarks never fail a build.
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  // Against the floor or baseline measured in the same run.
  ratio?: number;
  note?: string;
}

// BENCH_ROUNDS interleaved rounds (3 by default): every target once per round, the order
// turning each round, so a machine that warms up or gets busier favours none of them.
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

export async function rounds<T>(targets: Record<string, () => Promise<T>>, count = ROUNDS): Promise<Record<string, T[]>> {
  const names = Object.keys(targets);
  const seen: Record<string, T[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < count; round++) {
    const order = names.map((_, i) => names[(i + round) % names.length]!);
    for (const name of order) seen[name]!.push(await targets[name]!());
  }
  return seen;
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
export const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

// The median of the rounds, their spread in the note, and the median of per-round ratios.
export function summary(
  name: string,
  values: number[],
  unit: string,
  { ratios, note }: { ratios?: number[]; note?: string } = {},
): BenchRow {
  const spread = values.length > 1 ? `${values.length} rounds: ${fmt(Math.min(...values))}–${fmt(Math.max(...values))}` : '';
  return {
    name,
    value: median(values),
    unit,
    ratio: ratios ? median(ratios) : undefined,
    note: [spread, ratios && ratios.length > 1 ? `ratio ${fmt(Math.min(...ratios))}–${fmt(Math.max(...ratios))}` : '', note ?? '']
      .filter(Boolean)
      .join('; '),
  };
}

export async function timed(runs: number, fn: () => Promise<unknown>): Promise<{ median: number; all: number[] }> {
  const all: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    all.push(performance.now() - start);
  }
  return { median: median(all), all };
}

export function table(section: string, rows: BenchRow[]): string {
  const lines = [`\n## ${section}\n`, '| measure | value | vs floor | note |', '|---|---:|---:|---|'];
  for (const r of rows)
    lines.push(`| ${r.name} | ${fmt(r.value)} ${r.unit} | ${r.ratio === undefined ? '' : `×${fmt(r.ratio)}`} | ${r.note ?? ''} |`);
  return lines.join('\n');
}
