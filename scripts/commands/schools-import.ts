// `schools:import FILE --commune NAME`: the public schools of one commune from the national
// directory export (data.education.gouv.fr, fr-en-annuaire-education, CSV with ";").
import { readFile } from 'node:fs/promises';
import type { Db } from '~/platform/db/db.server';
import { importSchools } from '~/features/schools/school-import.server';
import { parseSchoolDirectory } from '~/features/schools/school-directory';
import type { Command } from './index';

export const schoolsImport: Command = {
  name: 'schools:import',
  usage: 'schools:import FILE [--commune Marseille] [--dry-run]',
  summary:
    'Imports or updates the public nursery, elementary and primary schools of a commune from the fr-en-annuaire-education CSV export.',
  options: {
    commune: { type: 'string' },
    'dry-run': { type: 'boolean' },
  },
  async run(db: Db, options, positionals) {
    const file = positionals[0];
    if (!file || positionals.length > 1) {
      console.error(`Give one file.\nUsage: npm run cli -- ${this.usage}`);
      return 2;
    }
    const commune = typeof options.commune === 'string' && options.commune.trim() ? options.commune.trim() : 'Marseille';
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      console.error(`Cannot read ${file}: ${(error as Error).message}`);
      return 1;
    }
    const parsed = parseSchoolDirectory(text, { commune });
    for (const bad of parsed.bad) console.log(`Line ${bad.line}: ${bad.message}`);
    const dryRun = options['dry-run'] === true;
    const counts = await importSchools(db, parsed.schools, { dryRun, source: file });
    const { otherCommune, private: privateSchools, notPrimarySchool } = parsed.skipped;
    const skipped = otherCommune + privateSchools + notPrimarySchool;
    console.log(
      `${dryRun ? 'Dry run, nothing written. ' : ''}${commune}: ${counts.imported} imported, ${counts.updated} updated, ${counts.unchanged} unchanged; ` +
        `${skipped} skipped (${otherCommune} other commune, ${privateSchools} private, ${notPrimarySchool} not a primary school); ${parsed.bad.length} bad.`,
    );
    // A file that is not the directory export at all is an error; a few bad rows are not.
    return parsed.bad.some((b) => b.line === 1) ? 1 : 0;
  },
};
