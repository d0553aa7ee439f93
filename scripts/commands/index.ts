// The command registry: add one import and one entry per command.
import type { ParseArgsConfig } from 'node:util';
import type { Db } from '~/platform/db/db.server';
import { dbBackup, dbRestore } from './db-backup';
import { rolloutsImport } from './rollouts-import';
import { rolloutsUndo } from './rollouts-undo';
import { schoolsImport } from './schools-import';
import { userCreate } from './user-create';

export interface Command {
  name: string;
  usage: string;
  summary: string;
  options?: ParseArgsConfig['options'];
  // false: the database is opened but not migrated first (db:backup, db:restore).
  migrate?: boolean;
  // Returns the process exit code (0 when omitted).
  run(db: Db, options: Record<string, string | boolean | undefined>, positionals: string[]): Promise<number | void>;
}

export const commands: Command[] = [userCreate, schoolsImport, rolloutsImport, rolloutsUndo, dbBackup, dbRestore];
