// Timing helpers and the printed table. Figures, not pass/fail: benchmarks never fail a build.
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  // Against the baseline measured in the same run (lower is better unless said otherwise).
  ratio?: number;
  note?: string;
}

export async function timed(runs: number, fn: () => Promise<unknown>): Promise<{ median: number; all: number[] }> {
  const all: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    all.push(performance.now() - start);
  }
  const sorted = [...all].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, all };
}

export function table(section: string, rows: BenchRow[]): string {
  const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
  const lines = [`\n## ${section}\n`, '| measure | value | vs baseline | note |', '|---|---:|---:|---|'];
  for (const r of rows)
    lines.push(`| ${r.name} | ${fmt(r.value)} ${r.unit} | ${r.ratio === undefined ? '' : `×${fmt(r.ratio)}`} | ${r.note ?? ''} |`);
  return lines.join('\n');
}
