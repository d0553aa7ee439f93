// The parents' catalog reads only what it shows: a page of cards, with the count of all that
// match, and for "near my child's school" only the sessions that can be near it. Whatever SQL
// leaves out must be what nearSchool() would have dropped anyway.
import { describe, expect, it } from 'vitest';
import { parentCatalog } from '~/features/catalog/catalog.server';
import { listSessions, nearSchool } from '~/features/sessions/sessions.server';
import { getSchool } from '~/features/schools/schools.server';
import { testPortal } from '../helpers/portal';
import { createSession, DAY } from '../helpers/world';

// Around a school at 43.35 N, 5.45 E, 7 km from the world's schools: a kilometre is 1/111 of
// a degree of latitude, and 1/(111 × cos 43.35°) ≈ 1/80.7 of a degree of longitude.
const HOME = { uai: '0139000A', lat: 43.35, lon: 5.45, arrondissement: 12 };
const PLACES = [
  { uai: '0139001B', name: 'Nord 2,9 km', lat: HOME.lat + 2.9 / 111, lon: HOME.lon, arrondissement: 13, near: true },
  { uai: '0139002C', name: 'Nord 3,2 km', lat: HOME.lat + 3.2 / 111, lon: HOME.lon, arrondissement: 13, near: false },
  { uai: '0139003D', name: 'Est 2,9 km', lat: HOME.lat, lon: HOME.lon + 2.9 / 80.7, arrondissement: 11, near: true },
  { uai: '0139004E', name: 'Est 3,2 km', lat: HOME.lat, lon: HOME.lon + 3.2 / 80.7, arrondissement: 11, near: false },
  { uai: '0139005F', name: 'Même arrondissement, sans position', lat: null, lon: null, arrondissement: 12, near: true },
  { uai: '0139006G', name: 'Ailleurs, sans position', lat: null, lon: null, arrondissement: 14, near: false },
];

// 30 sessions at the world's school, far away, then one at home and one at each place.
const portal = testPortal({
  seed: async (db) => {
    await db.$client.batch(
      [HOME, ...PLACES].map((p) => ({
        sql: `insert into schools (uai, name, kind, arrondissement, address, postcode, latitude, longitude, classes, pupils, teachers)
              values (?, ?, 'elementary', ?, '1 rue du Test', '13012', ?, ?, 5, 100, 5)`,
        args: [p.uai, 'name' in p ? p.name : 'École du Test', p.arrondissement, p.lat, p.lon],
      })),
      'write',
    );
    for (let i = 0; i < 30; i++) await createSession(db, { startsAt: Date.now() + (2 + i) * DAY });
    for (const p of [HOME, ...PLACES]) await createSession(db, { schoolUai: p.uai, startsAt: Date.now() + 40 * DAY });
  },
});

describe('the catalog', () => {
  it('reads one page of cards and counts all of them', async () => {
    const all = await listSessions(portal.db, { audience: 'parent' });
    const page = await parentCatalog(portal.db, { limit: 12 });
    expect(page.total).toBe(all.length);
    expect(page.total).toBe(37);
    expect(page.entries.map((e) => e.session.id)).toEqual(all.slice(0, 12).map((s) => s.id));
  });

  it('finds near a school exactly what nearSchool() keeps from every session, and no more', async () => {
    const home = (await getSchool(portal.db, HOME.uai))!;
    const expected = nearSchool(await listSessions(portal.db, { audience: 'parent' }), home);
    const catalog = await parentCatalog(portal.db, { schoolUai: HOME.uai, limit: 100 });
    expect(catalog.entries).toEqual(expected);
    const names = catalog.entries.map((e) => e.session.school?.name ?? '');
    expect(names.sort()).toEqual(['École du Test', ...PLACES.filter((p) => p.near).map((p) => p.name)].sort());
  });

  it('says how many there are and offers the next page, over HTTP', async () => {
    const first = await (await fetch(`${portal.url}/`)).text();
    expect(first).toContain('37 ateliers');
    expect(first.match(/<li class="card/g) ?? []).toHaveLength(12);
    expect(first).toContain('Voir 12 ateliers de plus');
    const last = await (await fetch(`${portal.url}/?plus=36`)).text();
    expect(last.match(/<li class="card/g) ?? []).toHaveLength(36);
    expect(last).toContain('Voir 1 atelier de plus');
  });
});
