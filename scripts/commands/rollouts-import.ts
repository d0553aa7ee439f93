// `rollouts:import FILE [--apply] [--allow-drops] [--add]`: schools' equipment from the city's
// CSV (uai;kind;quantity;planned_on;delivered_on) or a Jamf Pro inventory export. Without
// --apply it only shows what would change; with it, lines that would cut a count by more than
// half or below a delivered count are left unchanged (and listed) unless --allow-drops.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { t } from '~/i18n';
import { decodeUpload, type ImportPlan, type PlannedRollout } from '~/features/rollouts/rollout-import';
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

const dropLine = (r: PlannedRollout) =>
  `${r.uai} ${r.kind}: ${r.before?.quantity ?? 0} → ${r.quantity} (${r.guard === 'halved' ? 'more than half' : 'below the delivered count'}) ${r.schoolName}`;

export const rolloutsImport: Command = {
  name: 'rollouts:import',
  usage: 'rollouts:import FILE [--apply] [--allow-drops] [--add]',
  summary:
    "Previews (or with --apply, records) schools' equipment from the city's CSV (uai;kind;quantity;planned_on;delivered_on) or a Jamf Pro inventory export (Serial Number, Model, Building or Site).",
  options: { apply: { type: 'boolean' }, 'allow-drops': { type: 'boolean' }, add: { type: 'boolean' } },
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
    const mode = options.add === true ? 'add' : 'replace';
    const allowDrops = options['allow-drops'] === true ? 'all' : undefined;
    const { plan, written, held } = apply
      ? await applyRolloutImport(db, SYSTEM, text, { fileName: basename(file), mode, allowDrops })
      : { plan: await previewRolloutImport(db, text, Date.now(), mode), written: 0, held: [] };
    printPlan(plan);
    const drops = plan.rollouts.filter((r) => r.guard);
    if (!apply) for (const r of drops) console.log(`Would drop: ${dropLine(r)}`);
    for (const r of held) console.log(`Left unchanged (would drop): ${dropLine(r)}`);
    if (held.length) console.log(`${held.length} line(s) left unchanged: run again with --apply --allow-drops to apply them.`);
    const { new: added, changed, unchanged } = plan.counts;
    const summary = `${plan.format ?? 'unknown'} format: ${added} new, ${changed} changed, ${unchanged} unchanged; ${plan.unknown.length} unknown school(s); ${plan.problems.length} bad row(s).`;
    console.log(apply ? `${summary} ${written} written.` : `${summary} Preview only: run again with --apply to record it.`);
    return plan.format === null ? 1 : 0;
  },
};
