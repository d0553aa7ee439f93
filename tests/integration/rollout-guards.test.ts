// Imports that cannot silently destroy data: a one-device Jamf file against a school with 29
// computers is held back in the preview, left unchanged by --apply (which says so), applied
// with --allow-drops or a confirmation; partial exports add to what is there; an applied import
// is undone from its record; dates more than 3 years ahead are refused; a building tied to a
// school once is matched in later inventories.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rolloutsImport } from '../../scripts/commands/rollouts-import';
import { rolloutsUndo } from '../../scripts/commands/rollouts-undo';
import { applyRolloutImport, listRollouts, previewRolloutImport, saveRollout } from '~/features/rollouts/rollouts.server';
import { recentImports, undoRolloutImport } from '~/features/rollouts/rollout-undo.server';
import { rememberBuilding } from '~/features/rollouts/building-memory.server';
import { testCity } from '../helpers/portal';

const t = testCity();
const now = Date.UTC(2026, 10, 29, 12);
const staff = { kind: 'user' as const, userId: null };
const dir = mkdtempSync(join(tmpdir(), 'rollout-guards-'));
const ONE_MAC = 'Serial Number,Model,Building\nC02ONLYONE01,"MacBook Air (M2, 2022)",0130001A - EE Belsunce\n';

const quantities = async () => (await listRollouts(t.db)).map((r) => [r.uai, r.kind, r.quantity]);

beforeEach(async () => {
  await t.db.$client.batch(['delete from equipment_rollouts', 'delete from rollout_imports', 'delete from building_schools'], 'write');
  await t.db.$client.execute(
    `insert into equipment_rollouts (school_uai, kind, quantity, planned_on, delivered_on) values ('0130001A', 'classroom-computer', 29, '2026-09-01', '2026-09-01')`,
  );
});

async function cli(command: typeof rolloutsImport, options: Record<string, boolean>, args: string[]) {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
  try {
    return { code: await command.run(t.db, options, args), lines };
  } finally {
    log.mockRestore();
  }
}

describe('the drop guard', () => {
  it('shows a drop from 29 to 1 as a warning in the preview', async () => {
    const plan = await previewRolloutImport(t.db, ONE_MAC, now);
    expect(plan.rollouts).toMatchObject([{ uai: '0130001A', kind: 'classroom-computer', quantity: 1, action: 'changed', guard: 'halved' }]);
  });

  it('leaves such lines unchanged unless confirmed for those lines', async () => {
    const held = await applyRolloutImport(t.db, staff, ONE_MAC, {}, now);
    expect(held).toMatchObject({ written: 0, held: [{ uai: '0130001A', guard: 'halved' }] });
    expect(await quantities()).toEqual([['0130001A', 'classroom-computer', 29]]);
    const confirmed = await applyRolloutImport(t.db, staff, ONE_MAC, { allowDrops: new Set(['0130001A|classroom-computer']) }, now);
    expect(confirmed).toMatchObject({ written: 1, held: [] });
    expect(await quantities()).toEqual([['0130001A', 'classroom-computer', 1]]);
  });

  it('holds a smaller drop on delivered equipment too, and lets rises through', async () => {
    const fewer = `Serial Number,Model,Building\n${Array.from({ length: 20 }, (_, i) => `C02S${String(i).padStart(8, '0')},MacBook Air,0130001A`).join('\n')}\n`;
    expect((await previewRolloutImport(t.db, fewer, now)).rollouts[0]).toMatchObject({ quantity: 20, guard: 'belowDelivered' });
    const more = `${fewer}${Array.from({ length: 15 }, (_, i) => `C02T${String(i).padStart(8, '0')},MacBook Air,0130001A`).join('\n')}\n`;
    expect((await previewRolloutImport(t.db, more, now)).rollouts[0]).toMatchObject({ quantity: 35, guard: null });
  });

  it('rollouts:import --apply leaves the line and says so; --allow-drops applies it', async () => {
    const file = join(dir, 'one-mac.csv');
    writeFileSync(file, ONE_MAC);
    const applied = await cli(rolloutsImport, { apply: true }, [file]);
    expect(applied.code).toBe(0);
    expect(applied.lines).toContain(
      'Left unchanged (would drop): 0130001A classroom-computer: 29 → 1 (more than half) École élémentaire Belsunce',
    );
    expect(applied.lines).toContain('1 line(s) left unchanged: run again with --apply --allow-drops to apply them.');
    expect(applied.lines.at(-1)).toContain('0 written.');
    expect(await quantities()).toEqual([['0130001A', 'classroom-computer', 29]]);
    const forced = await cli(rolloutsImport, { apply: true, 'allow-drops': true }, [file]);
    expect(forced.lines.at(-1)).toContain('1 written.');
    expect(await quantities()).toEqual([['0130001A', 'classroom-computer', 1]]);
  });
});

describe('adding to what is there', () => {
  it('adds a partial export to the counts on record', async () => {
    const { written } = await applyRolloutImport(t.db, staff, ONE_MAC, { mode: 'add' }, now);
    expect(written).toBe(1);
    expect(await quantities()).toEqual([['0130001A', 'classroom-computer', 30]]);
  });
});

describe('undo', () => {
  it('puts back what an applied import changed, from its record and its audit entry', async () => {
    const csv =
      'uai;kind;quantity;planned_on;delivered_on\n0130001A;classroom-computer;31;2026-09-01;2026-09-01\n0130002B;tablet;12;2027-01-15;\n';
    const { importId } = await applyRolloutImport(t.db, staff, csv, { fileName: 'plan.csv' }, now);
    expect(await quantities()).toEqual([
      ['0130001A', 'classroom-computer', 31],
      ['0130002B', 'tablet', 12],
    ]);
    const [record] = await recentImports(t.db);
    expect(record).toMatchObject({ id: importId, fileName: 'plan.csv', lines: 2, undoneAt: null });
    const audit = await t.db.$client.execute({ sql: 'select action from audit_log where id = ?', args: [record!.auditId] });
    expect(audit.rows[0]!.action).toBe('rollouts.imported');
    expect(await undoRolloutImport(t.db, staff, importId!)).toEqual({ ok: true, restored: 2, keptChanged: [] });
    expect(await quantities()).toEqual([['0130001A', 'classroom-computer', 29]]);
    expect(await undoRolloutImport(t.db, staff, importId!)).toEqual({ ok: false, reason: 'undone' });
    const undone = await t.db.$client.execute(`select subject_id, details from audit_log where action = 'rollouts.import-undone'`);
    expect(undone.rows.map((r) => [Number(r.subject_id), JSON.parse(String(r.details))])).toEqual([
      [record!.auditId, { importId, restored: 2, keptChanged: 0 }],
    ]);
  });

  it('keeps a line someone changed since, and says which (also from the CLI)', async () => {
    const csv = 'uai;kind;quantity;planned_on;delivered_on\n0130002B;tablet;12;2027-01-15;\n0130003C;projector;2;2027-01-15;\n';
    const { importId } = await applyRolloutImport(t.db, staff, csv, {}, now);
    await saveRollout(t.db, staff, '0130002B', { kind: 'tablet', quantity: 14, plannedOn: '2027-01-15', deliveredOn: null });
    const undone = await cli(rolloutsUndo, {}, [String(importId)]);
    expect(undone.code).toBe(0);
    expect(undone.lines).toEqual([
      'Kept (changed since the import): 0130002B tablet',
      `Import ${importId} undone: 1 line(s) restored, 1 kept.`,
    ]);
    expect(await quantities()).toEqual([
      ['0130001A', 'classroom-computer', 29],
      ['0130002B', 'tablet', 14],
    ]);
  });
});

describe('dates and buildings', () => {
  it('refuses dates more than 3 years ahead, line by line', async () => {
    const csv = 'uai;kind;quantity;planned_on;delivered_on\n0130002B;tablet;12;2062-01-15;\n0130003C;tablet;8;2029-11-01;\n';
    const plan = await previewRolloutImport(t.db, csv, now);
    expect(plan.problems).toEqual([{ line: 2, key: 'tooFar', params: { value: '2062-01-15', years: 3 } }]);
    expect(plan.rollouts.map((r) => r.uai)).toEqual(['0130003C']);
  });

  it('remembers a building → school mapping for the next inventories', async () => {
    const inventory = 'Serial Number,Model,Building\nDMPX00000001,iPad (9th generation),Bâtiment A - Groupe Panier\n';
    expect((await previewRolloutImport(t.db, inventory, now)).unknown.map((u) => u.place)).toEqual(['Bâtiment A - Groupe Panier']);
    expect(await rememberBuilding(t.db, staff, 'Bâtiment A - Groupe Panier', '0139999Z')).toBe(false);
    expect(await rememberBuilding(t.db, staff, 'Bâtiment A - Groupe Panier', '0130002B')).toBe(true);
    const plan = await previewRolloutImport(t.db, inventory.replace('Bâtiment A', 'BATIMENT A'), now);
    expect(plan.unknown).toEqual([]);
    expect(plan.rollouts).toMatchObject([{ uai: '0130002B', kind: 'tablet', quantity: 1, action: 'new' }]);
  });
});
