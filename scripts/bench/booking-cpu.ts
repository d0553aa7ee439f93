// `npx tsx scripts/bench/booking-cpu.ts [--before DIR] [--rounds N] [--count N] [--paths bookSeat,requestBooking]`: the CPU one
// booking costs in-process (no HTTP), for this tree and, with --before, an earlier built checkout
// (e.g. a `git worktree` with its own node_modules), in alternating child processes so the
// machine's noise hits both alike. Two paths: `bookSeat` alone (the booking batch), and
// `requestBooking` (session gate, validation, rate limits, then the batch), as the API runs it.
// Each child loads its tree's own code by path, so the earlier layout (src/lib/server) works too.
// `--variants base,partial,norowid` runs this tree with schema changes applied after its
// migrations (to try one before writing its migration), and every child also counts the WAL
// frames a booking writes (auto-checkpoints off during the count).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const COUNT = Number(option('count') ?? 2000);
// As the HTTP benchmark (booking.ts): 500 sessions of 30 seats, so nearly every booking gets a seat.
const SESSIONS = 500;

// Where each module lives in one tree or the other.
function modules(tree: string) {
  const old = existsSync(join(tree, 'src/lib/server/registration.ts'));
  const at = (p: string) => join(tree, p);
  return old
    ? {
        db: at('src/lib/server/db.ts'),
        migrate: at('src/lib/server/migrate.ts'),
        book: at('src/lib/server/registration.ts'),
        request: at('src/lib/server/booking.ts'),
      }
    : {
        db: at('src/platform/db/db.server.ts'),
        migrate: at('src/platform/db/migrate.server.ts'),
        book: at('src/features/registration/book-seat.server.ts'),
        request: at('src/features/registration/booking-request.server.ts'),
      };
}

type Fn = (...a: never[]) => Promise<unknown>;

// Schema changes to try, applied after the migrations.
const VARIANTS: Record<string, string[]> = {
  base: [],
  partial: [
    'DROP INDEX registrations_user_idx',
    'CREATE INDEX registrations_user_idx ON registrations (user_id) WHERE user_id IS NOT NULL',
    'DROP INDEX registrations_child_school_idx',
    'CREATE INDEX registrations_child_school_idx ON registrations (child_school_uai) WHERE child_school_uai IS NOT NULL',
  ],
  norowid: [
    'CREATE TABLE rate_limits_new (key text PRIMARY KEY NOT NULL, window_start integer NOT NULL, count integer NOT NULL) WITHOUT ROWID',
    'INSERT INTO rate_limits_new SELECT key, window_start, count FROM rate_limits',
    'DROP TABLE rate_limits',
    'ALTER TABLE rate_limits_new RENAME TO rate_limits',
  ],
};
VARIANTS.both = [...VARIANTS.partial!, ...VARIANTS.norowid!];

// One child: a fresh database file, then `COUNT` bookings of each path after a warm-up.
async function child(tree: string) {
  const m = modules(tree);
  const { openDb, prepareConnection } = (await import(m.db)) as {
    openDb: (url: string) => { $client: { close(): void } };
    prepareConnection: Fn;
  };
  const { applyMigrations } = (await import(m.migrate)) as { applyMigrations: Fn };
  const { bookSeat } = (await import(m.book)) as { bookSeat: Fn };
  const { requestBooking } = (await import(m.request)) as { requestBooking: Fn };
  const { createWorld, createSession } = (await import(join(tree, 'tests/helpers/world.ts'))) as { createWorld: Fn; createSession: Fn };
  const dir = mkdtempSync(join(tmpdir(), 'booking-cpu-'));
  const url = `file:${join(dir, 'bench.db')}`;
  const db = openDb(url);
  await prepareConnection(db as never, url as never);
  await applyMigrations(db as never);
  const raw = (db as unknown as { $client: { execute(sql: string): Promise<{ rows: Record<string, unknown>[] }> } }).$client;
  for (const ddl of VARIANTS[option('variant') ?? 'base']!) await raw.execute(ddl);
  await createWorld(db as never);
  const ids: number[] = [];
  for (let i = 0; i < SESSIONS; i++) ids.push((await createSession(db as never, { capacity: 30 } as never)) as number);
  let n = 0;
  const person = () => {
    n++;
    return {
      firstName: `P${n}`,
      lastName: 'Bench',
      email: null,
      phone: `06${String(10_000_000 + n).slice(-8)}`,
      schoolUai: null,
      language: 'fr',
      adults: 1,
    };
  };
  const paths: Record<string, () => Promise<unknown>> = {
    bookSeat: () => bookSeat(db as never, { sessionId: ids[n % SESSIONS], person: person(), actor: { kind: 'anonymous' } } as never),
    requestBooking: () =>
      requestBooking(
        db as never,
        { sessionId: ids[n % SESSIONS], body: { ...person(), consent: true }, user: null, address: `10.0.${n >> 8}.${n & 255}` } as never,
      ),
  };
  const out: ChildResult = {};
  const only = option('paths')?.split(',');
  for (const [name, one] of Object.entries(paths)) {
    if (only && !only.includes(name)) continue;
    for (let i = 0; i < 300; i++) await one();
    await raw.execute('PRAGMA wal_autocheckpoint = 0');
    await raw.execute('PRAGMA wal_checkpoint(TRUNCATE)');
    const cpu = process.cpuUsage();
    const wall = performance.now();
    for (let i = 0; i < COUNT; i++) await one();
    const used = process.cpuUsage(cpu);
    const pageSize = Number(Object.values((await raw.execute('PRAGMA page_size')).rows[0]!)[0]);
    const frames = statSync(`${url.slice('file:'.length)}-wal`).size / (pageSize + 24);
    await raw.execute('PRAGMA wal_autocheckpoint = 1000');
    out[name] = { cpu: (used.user + used.system) / 1000 / COUNT, wall: (performance.now() - wall) / COUNT, walPages: frames / COUNT };
  }
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
  process.stdout.write(`\nRESULT ${JSON.stringify(out)}\n`);
}

type ChildResult = Record<string, { cpu: number; wall: number; walPages: number }>;

function runChild(tree: string, variant = 'base'): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const p = spawn(
      'npx',
      [
        'tsx',
        import.meta.filename,
        '--child',
        tree,
        '--variant',
        variant,
        '--count',
        String(COUNT),
        ...(option('paths') ? ['--paths', option('paths')!] : []),
      ],
      {
        cwd: tree,
        env: { ...process.env, RATE_LIMIT: 'on', BACKGROUND_JOBS: 'off' },
      },
    );
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.once('exit', (code) => (code === 0 ? resolve(JSON.parse(/^RESULT (.*)$/m.exec(out)![1]!) as never) : reject(new Error(err))));
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const given = option('child');
  if (given) return child(given);
  // A run compares trees (after, before) or schema variants of this tree.
  const trees: Record<string, [string, string]> = { after: [process.cwd(), 'base'] };
  const before = option('before');
  if (before) trees.before = [before, 'base'];
  const variants = option('variants')?.split(',');
  if (variants) {
    delete trees.after;
    for (const v of variants) trees[v] = [process.cwd(), v];
  }
  const rounds = Number(option('rounds') ?? 3);
  const seen: Record<string, Record<string, { cpu: number[]; wall: number[]; wal: number[] }>> = {};
  for (let round = 0; round < rounds; round++) {
    const order = Object.keys(trees);
    if (round % 2) order.reverse();
    for (const which of order) {
      const result = await runChild(...trees[which]!);
      for (const [path, r] of Object.entries(result)) {
        const s = ((seen[path] ??= {})[which] ??= { cpu: [], wall: [], wal: [] });
        s.cpu.push(r.cpu);
        s.wall.push(r.wall);
        s.wal.push(r.walPages);
        console.log(
          `round ${round + 1} ${which} ${path}: ${r.cpu.toFixed(3)} ms CPU, ${r.wall.toFixed(3)} ms wall, ${r.walPages.toFixed(1)} WAL pages per booking`,
        );
      }
    }
  }
  console.log('\n| path | tree | CPU ms / booking (median, min–max) | wall ms / booking | WAL pages / booking |');
  console.log('|---|---|---:|---:|---:|');
  for (const [path, byTree] of Object.entries(seen)) {
    for (const [which, s] of Object.entries(byTree)) {
      const span = `${Math.min(...s.cpu).toFixed(3)}–${Math.max(...s.cpu).toFixed(3)}`;
      console.log(
        `| ${path} | ${which} | ${median(s.cpu).toFixed(3)} (${span}) | ${median(s.wall).toFixed(3)} | ${median(s.wal).toFixed(1)} |`,
      );
    }
  }
}

await main();
