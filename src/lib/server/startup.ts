// What every instance does before it serves: reach the database, migrate, load demo data.
import { config } from './config';
import type { Db } from './db';
import { applyMigrations } from './migrate';

export async function waitForDatabase(db: Db, { attempts = 30, delayMs = 1000, log = console.log } = {}) {
  for (let i = 1; ; i++) {
    try {
      await db.$client.execute('select 1');
      return;
    } catch (error) {
      if (i >= attempts) throw new Error(`the database at ${config.databaseUrl.replace(/\/\/[^@/]*@/, '//***@')} is unreachable (${(error as Error).message})`);
      log(`Waiting for the database (${i}/${attempts})…`);
      await new Promise((r) => setTimeout(r, delayMs));
    }
  }
}

export async function isEmpty(db: Db): Promise<boolean> {
  const rs = await db.$client.execute('select (select count(*) from schools) + (select count(*) from sessions) as n');
  return Number(rs.rows[0]?.n ?? 0) === 0;
}

export async function prepareDatabase(db: Db, { log = console.log }: { log?: (line: string) => void } = {}) {
  await waitForDatabase(db, { log });
  await applyMigrations(db);
  if (config.demoData) {
    const { seedDemoData, demoLogins } = await import('./demo/seed');
    if (await isEmpty(db)) {
      log('Empty database: loading the Marseille demo data…');
      await seedDemoData(db);
    }
    const logins = await demoLogins(db);
    if (logins.length) {
      log('Demo accounts (they exist only in demo mode, DEMO_DATA=0 disables them):');
      for (const l of logins) log(`  ${l.role.padEnd(8)} ${l.email.padEnd(36)} ${l.password}`);
    }
  }
}
