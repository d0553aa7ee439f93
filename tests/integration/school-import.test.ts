// schools:import against a real database file: what lands in `schools`, what is skipped or
// reported, and that importing the same file again changes nothing.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { schoolsImport } from '../../scripts/commands/schools-import';
import { createTestDb, type TestDb } from '../helpers/db';

const FIXTURE = fileURLToPath(new URL('../fixtures/annuaire-education-sample.csv', import.meta.url));

let t: TestDb;
let output: string[];

beforeEach(async () => {
  t = await createTestDb();
  output = [];
  vi.spyOn(console, 'log').mockImplementation((line: string) => void output.push(line));
  vi.spyOn(console, 'error').mockImplementation((line: string) => void output.push(line));
});

afterEach(() => {
  vi.restoreAllMocks();
  t.close();
});

const rows = async () => (await t.db.$client.execute('select * from schools order by uai')).rows.map((r) => ({ ...r }));

describe('schools:import', () => {
  it('imports the public primary schools of Marseille with their kind and arrondissement', async () => {
    expect(await schoolsImport.run(t.db, { commune: 'Marseille' }, [FIXTURE])).toBe(0);
    const schools = await rows();
    expect(schools.map((s) => [s.uai, s.kind, s.arrondissement])).toEqual([
      ['0130417H', 'nursery', 7],
      ['0131361J', 'nursery', 11],
      ['0131512Y', 'elementary', 1],
      ['0131875T', 'elementary', 3],
      ['0132204A', 'primary', 13],
      ['0133291G', 'nursery', 14],
      ['0133958G', 'elementary', 10],
      ['0134120H', 'primary', 15],
    ]);
    expect(schools.find((s) => s.uai === '0131361J')).toMatchObject({
      name: 'École maternelle Les Accates',
      postcode: '13011',
      city: 'Marseille',
      pupils: 98,
      latitude: 43.29841,
    });
    expect(output.at(-1)).toBe(
      'Marseille: 8 imported, 0 updated, 0 unchanged; 5 skipped (2 other commune, 1 private, 2 not a primary school); 3 bad.',
    );
  });

  it('reports bad rows by line number and writes none of them', async () => {
    await schoolsImport.run(t.db, {}, [FIXTURE]);
    expect(output.filter((l) => l.startsWith('Line '))).toEqual([
      'Line 15: missing UAI (Identifiant_de_l_etablissement)',
      'Line 16: postcode "13100" is not one of Marseille\'s arrondissements',
      'Line 18: UAI 0131512Y already on line 3',
    ]);
    const names = (await rows()).map((s) => s.name);
    expect(names).not.toContain('École maternelle Vieux-Port');
    expect(names).not.toContain('École élémentaire Saint-Charles 1 (doublon)');
    expect(names.some((n) => /Collège|Lycée|privée|Jules Ferry|Passons/.test(String(n)))).toBe(false);
  });

  it('changes nothing when the same file is imported again', async () => {
    await schoolsImport.run(t.db, { commune: 'Marseille' }, [FIXTURE]);
    const first = await rows();
    output = [];
    await schoolsImport.run(t.db, { commune: 'marseille' }, [FIXTURE]);
    expect(await rows()).toEqual(first);
    expect(output.at(-1)).toMatch(/0 imported, 0 updated, 8 unchanged/);
  });

  it('updates known schools but keeps the counts the file does not have', async () => {
    await t.db.$client.execute(`insert into schools (uai, name, kind, arrondissement, address, postcode, classes, pupils, teachers)
      values ('0133958G', 'Ancien nom', 'nursery', 10, '', '13010', 9, 210, 11), ('0131361J', 'École maternelle Les Accates', 'nursery', 11, '34 chemin des Accates', '13011', 4, 90, 5)`);
    await schoolsImport.run(t.db, { commune: 'Marseille' }, [FIXTURE]);
    const byUai = new Map((await rows()).map((s) => [s.uai, s]));
    // The file has no pupil count for Menpenti: classes, pupils and teachers stay.
    expect(byUai.get('0133958G')).toMatchObject({
      name: 'École élémentaire Menpenti',
      kind: 'elementary',
      classes: 9,
      pupils: 210,
      teachers: 11,
    });
    // The file counts Les Accates' pupils: that count wins, classes and teachers stay.
    expect(byUai.get('0131361J')).toMatchObject({ pupils: 98, classes: 4, teachers: 5 });
    expect(output.at(-1)).toMatch(/^Marseille: 6 imported, 2 updated, 0 unchanged/);
  });

  it('writes nothing on a dry run', async () => {
    await schoolsImport.run(t.db, { commune: 'Marseille', 'dry-run': true }, [FIXTURE]);
    expect(await rows()).toEqual([]);
    expect(output.at(-1)).toMatch(/^Dry run, nothing written\. Marseille: 8 imported/);
  });

  it('refuses a file that is not the directory export', async () => {
    expect(await schoolsImport.run(t.db, {}, [fileURLToPath(import.meta.url)])).toBe(1);
    expect(output[0]).toMatch(/^Line 1: not a school directory export/);
    expect(await schoolsImport.run(t.db, {}, ['/nonexistent/annuaire.csv'])).toBe(1);
    expect(await rows()).toEqual([]);
  });

  it('runs from the shell through npm run cli', async () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'scripts/cli.ts', 'schools:import', FIXTURE, '--commune', 'Marseille'],
      {
        cwd: root,
        env: { ...process.env, DATABASE_URL: t.url },
      },
    );
    expect(stdout).toMatch(/Marseille: 8 imported/);
    expect((await rows()).length).toBe(8);
  });
});
