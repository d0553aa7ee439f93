// What every instance does before it serves: reach the database, migrate, load demo data.
// Any failure here ends the process before it listens: never a half-started server.
import { sql } from 'drizzle-orm';
import { schools, sessions } from '~db/schema';
import { config } from '~/platform/config/config';
import type { Db } from './db.server';
import { describeDatabaseError } from './db-errors';
import { applyMigrations } from './migrate.server';

const redact = (url: string) => url.replace(/\/\/[^@/]*@/, '//***@');

function timeout(ms: number): Promise<never> {
  return new Promise((_, fail) => setTimeout(() => fail(new Error(`no answer within ${Math.round(ms)} ms`)), ms).unref());
}

// Tries until DATABASE_WAIT_SECONDS have passed (a server still starting, a network being
// set up); each attempt is bounded too, so an address that swallows packets cannot hang us.
export async function waitForDatabase(db: Db, { waitSeconds = config.databaseWaitSeconds, delayMs = 500, log = console.log } = {}) {
  const deadline = Date.now() + waitSeconds * 1000;
  let lastNotice = 0;
  for (;;) {
    try {
      await Promise.race([db.run(sql`select 1`), timeout(Math.max(deadline - Date.now(), 1000))]);
      return;
    } catch (error) {
      const reason = describeDatabaseError(error);
      if (Date.now() + delayMs >= deadline) {
        throw new Error(
          `the database at ${redact(config.databaseUrl)} did not answer within ${waitSeconds} s (${reason}); check DATABASE_URL, or raise DATABASE_WAIT_SECONDS`,
          { cause: error },
        );
      }
      if (Date.now() - lastNotice >= 5_000) {
        lastNotice = Date.now();
        log(`Waiting for the database at ${redact(config.databaseUrl)} (${reason})…`);
      }
      await new Promise((r) => setTimeout(r, delayMs));
    }
  }
}

export async function isEmpty(db: Db): Promise<boolean> {
  const [schoolCount, sessionCount] = await Promise.all([db.$count(schools), db.$count(sessions)]);
  return schoolCount + sessionCount === 0;
}

// Two instances starting together on an empty database may both try: the demo data goes in
// as one batch, so the loser's batch fails whole and the winner's rows are what everyone sees.
async function loadDemoData(db: Db, log: (line: string) => void) {
  const { seedDemoData, demoLogins } = await import('~/demo/seed');
  if (await isEmpty(db)) {
    log('Empty database: loading the Marseille demo data…');
    try {
      await seedDemoData(db);
    } catch (error) {
      if (await isEmpty(db)) throw error;
      log('Another instance loaded the demo data.');
    }
  }
  const logins = await demoLogins(db);
  if (logins.length) {
    log('Demo accounts (they exist only in demo mode, DEMO_DATA=0 disables them):');
    for (const l of logins) log(`  ${l.role.padEnd(8)} ${l.email.padEnd(36)} ${l.password}`);
    log('  (the admin account sets up two-step verification with an authenticator app at its first sign-in)');
  }
}

export async function prepareDatabase(db: Db, { log = console.log }: { log?: (line: string) => void } = {}) {
  await waitForDatabase(db, { log });
  await applyMigrations(db);
  if (config.demoData) await loadDemoData(db, log);
}

// What `npm start` prints when it gives up: what is wrong and what to change.
export function explainStartupError(error: unknown): string {
  const e = (error ?? {}) as { code?: unknown; message?: unknown };
  const message = typeof e.message === 'string' ? e.message : String(error);
  if (e.code === 'URL_SCHEME_NOT_SUPPORTED' || e.code === 'URL_INVALID') {
    return `DATABASE_URL is not a database address (${redact(config.databaseUrl)}): use file:path/to.db, http(s)://… or libsql://… (${message})`;
  }
  return message;
}
