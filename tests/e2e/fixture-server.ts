// The portal on a fresh database holding the small test city, for the end-to-end suite.
import { mkdirSync, rmSync } from 'node:fs';
import { e2eDatabaseUrl as url, e2eDir } from './fixture-db';

// Configuration is read when modules load: set the database before importing them.
rmSync(e2eDir, { recursive: true, force: true });
mkdirSync(e2eDir, { recursive: true });
process.env.DATABASE_URL = url;

const { openDb, prepareConnection } = await import('~/platform/db/db.server');
const { applyMigrations } = await import('~/platform/db/migrate.server');
const { addSaintLouisSchools, createSession, createWorld, DAY } = await import('../helpers/world');

const db = openDb(url);
await prepareConnection(db, url);
await applyMigrations(db);
await createWorld(db);
await addSaintLouisSchools(db);
await createSession(db, { startsAt: Date.now() + 3 * DAY, capacity: 12, languages: ['fr', 'ar'] });
await createSession(db, {
  startsAt: Date.now() + 5 * DAY,
  capacity: 1,
  schoolUai: '0130003C',
  title: 'Tablettes à la maison : les bons réglages',
});
await createSession(db, {
  startsAt: Date.now() + 9 * DAY,
  capacity: 20,
  schoolUai: '0130002B',
  title: "Premiers pas avec le smartphone et l'e-mail",
});
await createSession(db, { startsAt: Date.now() + 11 * DAY, capacity: 1, schoolUai: '0130002B', title: 'Écrans et sécurité en ligne' });
await createSession(db, { audience: 'teacher', startsAt: Date.now() + 6 * DAY, capacity: 15 });
db.$client.close();

const { pathToFileURL } = await import('node:url');
await import(pathToFileURL(`${process.env.PASSERELLE_OUT_DIR || 'dist'}/serve.mjs`).href);
