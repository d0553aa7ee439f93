// `rollouts:undo IMPORT_ID`: puts back what an applied equipment import changed (lines edited
// since are left as they are, and listed). The import's id is on the import page and in its record.
import { SYSTEM } from '~/features/audit/audit.server';
import type { Db } from '~/platform/db/db.server';
import { undoRolloutImport } from '~/features/rollouts/rollout-undo.server';
import type { Command } from './index';

export const rolloutsUndo: Command = {
  name: 'rollouts:undo',
  usage: 'rollouts:undo IMPORT_ID',
  summary: 'Undoes an applied equipment import (rollouts:import --apply or the import page), line by line.',
  async run(db: Db, _options, positionals) {
    const id = Number(positionals[0]);
    if (!Number.isInteger(id) || id <= 0 || positionals.length !== 1) {
      console.error(`Give one import id.\nUsage: npm run cli -- ${this.usage}`);
      return 2;
    }
    const outcome = await undoRolloutImport(db, SYSTEM, id);
    if (!outcome.ok) {
      console.error(outcome.reason === 'notFound' ? `No import ${id}.` : `Import ${id} was already undone.`);
      return 1;
    }
    for (const k of outcome.keptChanged) console.log(`Kept (changed since the import): ${k.uai} ${k.kind}`);
    console.log(`Import ${id} undone: ${outcome.restored} line(s) restored, ${outcome.keptChanged.length} kept.`);
    return 0;
  },
};
