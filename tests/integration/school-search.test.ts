// Parents find the child's school by its name, typed their way: FTS5's trigram index in the
// real database file, kept in step with `schools` by triggers.
import { describe, expect, it } from 'vitest';
import { searchSchools } from '~/features/schools/school-search.server';
import { testCity } from '../helpers/portal';
import { addSaintLouisSchools, SAINT_LOUIS } from '../helpers/world';

const city = testCity({ seed: addSaintLouisSchools });
const names = async (text: string) => (await searchSchools(city.db, text)).schools.map((s) => s.name);

describe('school search', () => {
  it('offers the Saint-Louis schools before those on the avenue de Saint-Louis, however it is typed', async () => {
    for (const text of ['st louis', 'Saint-Louis', 'SAINT LOUIS', 'saint-louis', 'St-Louis']) {
      const found = await names(text);
      expect(found.slice(0, 2), text).toEqual(['École élémentaire Saint-Louis Parc', 'École élémentaire Saint-Louis Village']);
      expect(found[2], text).toBe('École maternelle Saint-Louis');
      expect(
        found.slice(3).every((n) => n.includes('Louis Pasteur')),
        text,
      ).toBe(true);
    }
  });

  it('narrows with every word: name, kind, arrondissement', async () => {
    expect(await names('ST-LOUIS PARC')).toEqual(['École élémentaire Saint-Louis Parc']);
    expect(await names('école maternelle saint louis')).toEqual(expect.arrayContaining(['École maternelle Saint-Louis']));
    expect((await names('maternelle st louis'))[0]).toBe('École maternelle Saint-Louis');
    expect((await names('élém. louis pasteur'))[0]).toBe('École élémentaire Louis Pasteur');
    expect(await names('ste anne')).toEqual(['École primaire Sainte-Anne']);
    expect(await names("rue de l'eglise")).toEqual(['École primaire Sainte-Anne']);
    expect(await names('BELSUNCE')).toEqual(['École élémentaire Belsunce']);
    expect(await names('belsunce 13002')).toEqual([]);
    expect(await names('louis 15e')).toHaveLength(5);
  });

  it('says when more schools match than are shown', async () => {
    const all = await searchSchools(city.db, 'école', 4);
    expect(all.schools).toHaveLength(4);
    expect(all.more).toBe(5);
    expect((await searchSchools(city.db, 'st louis')).more).toBe(0);
    expect((await searchSchools(city.db, SAINT_LOUIS.parc.toLowerCase())).schools.map((s) => s.uai)).toEqual([SAINT_LOUIS.parc]);
  });

  it('follows the schools table: renamed, added and removed schools', async () => {
    const c = city.db.$client;
    await c.execute({
      sql: `update schools set name = 'École élémentaire Saint-Louis Campagne' where uai = ?`,
      args: [SAINT_LOUIS.village],
    });
    await c.execute(
      `insert into schools (uai, name, kind, arrondissement, address) values ('0131009J', 'École élémentaire Saint-Louis Gare', 'elementary', 15, '1 place de la Gare')`,
    );
    expect(await names('saint louis campagne')).toEqual(['École élémentaire Saint-Louis Campagne']);
    expect(await names('saint louis village')).toEqual([]);
    expect(await names('st louis gare')).toEqual(['École élémentaire Saint-Louis Gare']);
    await c.execute(`delete from schools where uai = '0131009J'`);
    expect(await names('st louis gare')).toEqual([]);
  });
});
