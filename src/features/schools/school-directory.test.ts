import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { arrondissementOf, communeName, kindOf, parseSchoolDirectory } from './school-directory';

const fixture = readFileSync(new URL('../../../tests/fixtures/annuaire-education-sample.csv', import.meta.url), 'utf8');

describe('parseSchoolDirectory on the directory export', () => {
  const result = parseSchoolDirectory(fixture, { commune: 'Marseille' });
  const byUai = new Map(result.schools.map((s) => [s.uai, s]));

  it('keeps the public nursery, elementary and primary schools of the commune', () => {
    expect([...byUai.keys()].sort()).toEqual([
      '0130417H',
      '0131361J',
      '0131512Y',
      '0131875T',
      '0132204A',
      '0133291G',
      '0133958G',
      '0134120H',
    ]);
    expect(byUai.get('0131361J')).toMatchObject({ kind: 'nursery', arrondissement: 11, postcode: '13011', pupils: 98 });
    expect(byUai.get('0131512Y')).toMatchObject({ kind: 'elementary', arrondissement: 1, name: 'École élémentaire Saint-Charles 1' });
    expect(byUai.get('0132204A')).toMatchObject({ kind: 'primary', arrondissement: 13, latitude: 43.3489, longitude: 5.43051 });
  });

  it('matches the commune whatever its case, or with its arrondissement', () => {
    expect(byUai.get('0130417H')?.arrondissement).toBe(7); // "MARSEILLE"
    expect(byUai.get('0134120H')?.arrondissement).toBe(15); // "Marseille 15e Arrondissement"
  });

  it('reads quoted fields with quotes, separators and line breaks', () => {
    expect(byUai.get('0131875T')).toMatchObject({
      name: 'École élémentaire "Les Lilas"',
      address: '12 boulevard National; bât. B, Entrée par la rue Loubon',
      line: 6,
    });
  });

  it('falls back on code_nature and accepts decimal commas; no pupil count means null', () => {
    expect(byUai.get('0133958G')).toMatchObject({ kind: 'elementary', latitude: 43.2833, longitude: 5.3986, pupils: null });
  });

  it('counts what it skipped and why', () => {
    expect(result.skipped).toEqual({ otherCommune: 2, private: 1, notPrimarySchool: 2 });
  });

  it('reports bad rows by their line in the file', () => {
    expect(result.bad.map((b) => b.line)).toEqual([15, 16, 18]);
    expect(result.bad[0]!.message).toMatch(/missing UAI/);
    expect(result.bad[1]!.message).toMatch(/13100/);
    expect(result.bad[2]!.message).toMatch(/already on line 3/);
  });

  it('keeps another commune when asked for it', () => {
    const aix = parseSchoolDirectory(fixture, { commune: 'aix en provence' });
    // Aix has no arrondissements: its schools cannot be placed and are reported, not guessed.
    expect(aix.schools).toEqual([]);
    expect(aix.bad).toEqual([{ line: 13, message: 'postcode "13100" is not one of Aix-en-Provence\'s arrondissements' }]);
  });
});

describe('parseSchoolDirectory on other input', () => {
  it('refuses a file without the directory columns', () => {
    const result = parseSchoolDirectory('uai;name\n0130001A;École\n', { commune: 'Marseille' });
    expect(result.schools).toEqual([]);
    expect(result.bad[0]).toMatchObject({ line: 1, message: expect.stringMatching(/Identifiant_de_l_etablissement/) });
  });

  it('accepts lower-case field names and reports a row with a wrong number of fields', () => {
    const text = [
      'identifiant_de_l_etablissement;nom_etablissement;type_etablissement;statut_public_prive;code_postal;nom_commune;code_nature',
      '0130001A;Ecole maternelle Test;Ecole;Public;13004;Marseille;101',
      '0130002B;Ecole élémentaire Test;Ecole;Public;13004;Marseille',
    ].join('\n');
    const result = parseSchoolDirectory(text, { commune: 'Marseille' });
    expect(result.schools.map((s) => [s.uai, s.kind, s.arrondissement])).toEqual([['0130001A', 'nursery', 4]]);
    expect(result.bad).toEqual([{ line: 3, message: '6 fields where the header has 7' }]);
  });
});

describe('communeName', () => {
  it('gives the commune as people write it', () => {
    expect(communeName('Marseille 15e Arrondissement')).toBe('Marseille');
    expect(communeName('MARSEILLE 1ER ARRONDISSEMENT')).toBe('Marseille');
    expect(communeName('AIX-EN-PROVENCE')).toBe('Aix-en-Provence');
    expect(communeName('Aubagne')).toBe('Aubagne');
  });
});

describe('kindOf and arrondissementOf', () => {
  it('tells the kind from the flags, then from code_nature', () => {
    expect(kindOf('1', '1', '151')).toBe('primary');
    expect(kindOf('1', '0', '')).toBe('nursery');
    expect(kindOf('0', '1', '')).toBe('elementary');
    expect(kindOf('', '', '101')).toBe('nursery');
    expect(kindOf('', '', '151')).toBe('elementary');
    expect(kindOf('0', '0', '340')).toBeNull();
  });

  it('gives 1–16 for 13001–13016 and nothing otherwise', () => {
    expect(arrondissementOf('13001')).toBe(1);
    expect(arrondissementOf('13016')).toBe(16);
    expect(['13000', '13017', '13100', '1300', 'abcde'].map(arrondissementOf)).toEqual([null, null, null, null, null]);
  });
});
