// `rollouts:import FILE [--apply]`: schools' equipment from the city's CSV
// (uai;kind;quantity;planned_on;delivered_on) or a Jamf Pro inventory export. Without
// --apply it only shows what would change.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { t } from '~/i18n';
import { decodeUpload, type ImportPlan } from '~/features/rollouts/rollout-import';
import { SYSTEM } from '~/features/audit/audit.server';
import type { Db } from '~/platform/db/db.server';
import { applyRolloutImport, previewRolloutImport } from '~/features/rollouts/rollouts.server';
import type { Command } from './index';

function printPlan(plan: ImportPlan) {
  for (const r of plan.rollouts.filter((x) => x.action !== 'unchanged')) {
    const before = r.before ? ` (was ${r.before.quantity}, ${r.before.plannedOn ?? '-'}, ${r.before.deliveredOn ?? '-'})` : '';
    console.log(
      `${r.action.padEnd(9)} ${r.uai} ${r.kind.padEnd(20)} ${String(r.quantity).padStart(5)}  planned ${r.plannedOn ?? '-'}  delivered ${r.deliveredOn ?? '-'}${before}  ${r.schoolName}`,
    );
  }
  for (const u of plan.unknown) {
    const hint = u.candidates.length ? ` (several schools: ${u.candidates.map((c) => c.uai).join(', ')})` : '';
    console.log(`Unknown school "${u.place}"${hint}: line(s) ${u.lines.slice(0, 10).join(', ')}${u.lines.length > 10 ? '…' : ''}`);
  }
  for (const p of plan.problems) console.log(`Line ${p.line}: ${t('fr', `staff.import.problem.${p.key}`, p.params ?? {})}`);
  for (const m of plan.ignoredModels) console.log(`Not counted (neither Mac nor iPad): ${m.model} × ${m.count}`);
}

export const rolloutsImport: Command = {
  name: 'rollouts:import',
  usage: 'rollouts:import FILE [--apply]',
  summary:
    "Previews (or with --apply, records) schools' equipment from the city's CSV (uai;kind;quantity;planned_on;delivered_on) or a Jamf Pro inventory export (Serial Number, Model, Building or Site).",
  options: { apply: { type: 'boolean' } },
  async run(db: Db, options, positionals) {
    const file = positionals[0];
    if (!file || positionals.length > 1) {
      console.error(`Give one file.\nUsage: npm run cli -- ${this.usage}`);
      return 2;
    }
    let text: string;
    try {
      text = decodeUpload(await readFile(file));
    } catch (error) {
      console.error(`Cannot read ${file}: ${(error as Error).message}`);
      return 1;
    }
    const apply = options.apply === true;
    const { plan, written } = apply
      ? await applyRolloutImport(db, SYSTEM, text, { fileName: basename(file) })
      : { plan: await previewRolloutImport(db, text), written: 0 };
    printPlan(plan);
    const { new: added, changed, unchanged } = plan.counts;
    const summary = `${plan.format ?? 'unknown'} format: ${added} new, ${changed} changed, ${unchanged} unchanged; ${plan.unknown.length} unknown school(s); ${plan.problems.length} bad row(s).`;
    console.log(apply ? `${summary} ${written} written.` : `${summary} Preview only: run again with --apply to record it.`);
    return plan.format === null ? 1 : 0;
  },
};
