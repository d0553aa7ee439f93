// `db:backup FILE` and `db:restore FILE`: a consistent, checked copy of the embedded database,
// taken while the server runs; and putting one back, with every server stopped (README,
// "Operations").
import { config } from '~/platform/config/config';
import type { Db } from '~/platform/db/db.server';
import { backupDatabase, BackupError } from '~/platform/backup/backup.server';
import { recordManualBackup } from '~/platform/backup/backup-job.server';
import { restoreDatabase } from '~/platform/backup/restore.server';
import type { Command } from './index';

function oneFile(positionals: string[], usage: string): string | null {
  if (positionals.length === 1) return positionals[0]!;
  console.error(`Give one file.\nUsage: npm run cli -- ${usage}`);
  return null;
}

// What the operator must act on is a sentence and status 1; anything else is a bug and throws.
async function refusals(run: () => Promise<number | void>): Promise<number | void> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    console.error(error.message);
    return 1;
  }
}

export const dbBackup: Command = {
  name: 'db:backup',
  usage: 'db:backup FILE',
  summary: 'Writes a consistent, checked copy of the embedded database to FILE (a new file), even while the server runs.',
  migrate: false,
  run(db: Db, _options, positionals) {
    return refusals(async () => {
      const file = oneFile(positionals, this.usage);
      if (!file) return 2;
      const result = await backupDatabase(config.databaseUrl, file);
      await recordManualBackup(db, result);
      console.log(`Backed up to ${result.file} (${(result.bytes / 1e6).toFixed(1)} MB in ${result.seconds} s, integrity check ok).`);
    });
  },
};

export const dbRestore: Command = {
  name: 'db:restore',
  usage: 'db:restore FILE',
  summary: 'Replaces the embedded database with the backup FILE (every server stopped first; the file must pass the integrity check).',
  migrate: false,
  run(db: Db, _options, positionals) {
    return refusals(async () => {
      const file = oneFile(positionals, this.usage);
      if (!file) return 2;
      const result = await restoreDatabase(db, config.databaseUrl, file);
      console.log(`Restored ${result.database} from ${file}.`);
      if (result.previous) console.log(`The database it replaced is kept as ${result.previous}.`);
      console.log('Start the server: it brings the restored database up to date with this release.');
    });
  },
};
