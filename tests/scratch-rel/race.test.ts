import { it } from 'vitest';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { openDb } from '../../src/lib/server/db';
import { MIGRATIONS_FOLDER } from '../../src/lib/server/migrate';
import { startSqld } from '../helpers/sqld';

it('race', async () => {
  for (let round = 0; round < 3; round++) {
    const sqld = await startSqld();
    const dbs = Array.from({ length: 4 }, () => openDb(sqld.url));
    const r = await Promise.allSettled(dbs.map((db) => migrate(db, { migrationsFolder: MIGRATIONS_FOLDER })));
    const j = await dbs[0]!.$client.execute('select count(*) n from __drizzle_migrations');
    console.log(r.map((x) => x.status === 'rejected' ? String((x as PromiseRejectedResult).reason).slice(0, 80) : 'ok'), 'journal rows', j.rows[0]!.n);
    await sqld.close();
  }
});
