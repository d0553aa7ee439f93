// The portal on a fresh database holding the small test city, for the end-to-end suite.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, prepareConnection } from '../../src/lib/server/db';
import { applyMigrations } from '../../src/lib/server/migrate';
import { createSession, createWorld, DAY } from '../helpers/world';

const url = `file:${join(mkdtempSync(join(tmpdir(), 'passerelle-e2e-')), 'passerelle.db')}`;
const db = openDb(url);
await prepareConnection(db, url);
await applyMigrations(db);
await createWorld(db);
await createSession(db, { startsAt: Date.now() + 3 * DAY, capacity: 12, languages: ['fr', 'ar'] });
await createSession(db, { startsAt: Date.now() + 5 * DAY, capacity: 1, schoolUai: '0130003C', title: 'Tablettes à la maison : les bons réglages' });
await createSession(db, { startsAt: Date.now() + 9 * DAY, capacity: 20, schoolUai: '0130002B', title: 'Premiers pas avec le smartphone et l\'e-mail' });
await createSession(db, { audience: 'teacher', startsAt: Date.now() + 6 * DAY, capacity: 15 });
db.$client.close();

process.env.DATABASE_URL = url;
await import('../../scripts/serve.ts');
