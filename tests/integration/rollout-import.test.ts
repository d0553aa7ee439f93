// Importing schools' equipment from the city's CSV and from Jamf Pro inventories: preview,
// apply in one write, bad rows and unknown schools, and re-importing that changes nothing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { rolloutsImport } from '../../scripts/commands/rollouts-import';
import { SYSTEM } from '~/features/audit/audit.server';
import { applyRolloutImport, listRollouts, previewRolloutImport } from '~/features/rollouts/rollouts.server';
import { testCity } from '../helpers/portal';
import { DAY } from '../helpers/world';

const FIXTURES = join(import.meta.dirname, '../fixtures');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const now = Date.UTC(2026, 10, 29, 12);
const city = { kind: 'user' as const, userId: null };

// `city` above is the importing actor; the test city's database is `t`.
const t = testCity();
beforeEach(async () => {
  await t.db.$client.batch(['delete from equipment_rollouts', 'delete from audit_log'], 'write');
});

async function table() {
  const rs = await t.db.$client.execute(
    'select school_uai, kind, quantity, planned_on, delivered_on, source, updated_at from equipment_rollouts order by school_uai, kind',
  );
  return rs.rows.map((r) => ({ ...r }));
}
const imports = async () =>
  (await t.db.$client.execute(`select details from audit_log where action = 'rollouts.imported'`)).rows.map((r) =>
    JSON.parse(String(r.details)),
  );

describe("the city's CSV", () => {
  it('previews without writing: counts, unknown schools, bad rows with line numbers', async () => {
    const plan = await previewRolloutImport(t.db, fixture('rollouts-simple.csv'), now);
    expect(plan.counts).toEqual({ new: 4, changed: 0, unchanged: 0 });
    expect(plan.unknown.map((u) => [u.place, u.lines])).toEqual([['0139999Z', [6]]]);
    expect(plan.problems.map((p) => p.line)).toEqual([7, 8, 9, 10, 11, 12]);
    expect(await table()).toEqual([]);
  });

  it('applies the good rows in one write, and the same file again changes nothing', async () => {
    const first = await applyRolloutImport(t.db, city, fixture('rollouts-simple.csv'), { fileName: 'plan.csv' }, now);
    expect(first.written).toBe(4);
    const rows = await table();
    expect(rows.map((r) => [r.school_uai, r.kind, r.quantity, r.planned_on, r.delivered_on, r.source])).toEqual([
      ['0130001A', 'interactive-display', 10, '2026-01-10', '2026-02-01', 'import:csv'],
      ['0130001A', 'tablet', 16, '2026-12-15', null, 'import:csv'],
      ['0130002B', 'interactive-display', 5, '2026-12-09', null, 'import:csv'],
      ['0130003C', 'classroom-computer', 25, '2027-02-01', null, 'import:csv'],
    ]);
    expect(await imports()).toEqual([
      { fileName: 'plan.csv', format: 'simple', new: 4, changed: 0, unchanged: 0, unknownPlaces: 1, badRows: 6 },
    ]);

    const again = await applyRolloutImport(t.db, city, fixture('rollouts-simple.csv'), { fileName: 'plan.csv' }, now + DAY);
    expect(again).toMatchObject({ written: 0, plan: { counts: { new: 0, changed: 0, unchanged: 4 } } });
    expect(await table()).toEqual(rows);
    expect(await imports()).toHaveLength(1);
  });

  it('changes only the lines that differ', async () => {
    await applyRolloutImport(t.db, city, fixture('rollouts-simple.csv'), {}, now);
    const edited = fixture('rollouts-simple.csv').replace('0130001A;tablet;16;2026-12-15;', '0130001A;tablet;16;2026-12-15;2026-12-14');
    const { plan, written } = await applyRolloutImport(t.db, city, edited, {}, now);
    expect(written).toBe(1);
    expect(plan.rollouts.find((r) => r.action === 'changed')).toMatchObject({
      uai: '0130001A',
      kind: 'tablet',
      deliveredOn: '2026-12-14',
      before: { deliveredOn: null },
    });
  });

  it('writes nothing at all when one line of the batch fails', async () => {
    await t.db.$client.execute(
      `create trigger no_tablets before insert on equipment_rollouts when new.kind = 'tablet' begin select raise(abort, 'refused'); end`,
    );
    try {
      await expect(applyRolloutImport(t.db, city, fixture('rollouts-simple.csv'), {}, now)).rejects.toThrow(/refused/);
      expect(await table()).toEqual([]);
      expect(await imports()).toEqual([]);
    } finally {
      await t.db.$client.execute('drop trigger no_tablets');
    }
  });
});

describe('a Jamf Pro inventory', () => {
  it('counts Macs per school and records them as delivered', async () => {
    const { plan, written } = await applyRolloutImport(t.db, city, fixture('jamf-computers.csv'), { fileName: 'computers.csv' }, now);
    expect(plan.format).toBe('mdm');
    expect(written).toBe(3);
    expect((await listRollouts(t.db)).map((r) => [r.uai, r.kind, r.quantity, r.deliveredOn])).toEqual([
      ['0130001A', 'classroom-computer', 3, '2026-09-01'],
      ['0130002B', 'classroom-computer', 1, '2026-11-02'],
      ['0130003C', 'classroom-computer', 2, '2026-10-12'],
    ]);
    expect(plan.unknown.map((u) => u.place)).toEqual(['École des Calanques']);
    expect(plan.problems.map((p) => [p.line, p.key])).toEqual([
      [8, 'noSerial'],
      [9, 'duplicateSerial'],
    ]);
  });

  it('keeps the delivery date on record when the same inventory comes back later', async () => {
    await applyRolloutImport(t.db, city, fixture('jamf-mobile-devices.csv'), {}, now);
    const rows = await table();
    expect(rows.map((r) => [r.school_uai, r.kind, r.quantity, r.delivered_on])).toEqual([
      ['0130001A', 'tablet', 3, '2026-11-29'],
      ['0130002B', 'tablet', 2, '2026-11-29'],
    ]);
    const later = await applyRolloutImport(t.db, city, fixture('jamf-mobile-devices.csv'), {}, now + 7 * DAY);
    expect(later.written).toBe(0);
    expect(await table()).toEqual(rows);
  });

  it('updates the count on a line the city planned, keeping its planned date', async () => {
    await t.db.$client.execute(
      `insert into equipment_rollouts (school_uai, kind, quantity, planned_on) values ('0130001A', 'tablet', 8, '2026-11-15')`,
    );
    const { plan } = await applyRolloutImport(t.db, city, fixture('jamf-mobile-devices.csv'), {}, now);
    expect(plan.rollouts[0]).toMatchObject({
      uai: '0130001A',
      action: 'changed',
      quantity: 3,
      plannedOn: '2026-11-15',
      deliveredOn: '2026-11-29',
    });
  });
});

describe('npm run cli -- rollouts:import', () => {
  it('previews by default and records with --apply', async () => {
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    try {
      const file = join(FIXTURES, 'rollouts-simple.csv');
      expect(await rolloutsImport.run(t.db, {}, [file])).toBe(0);
      expect(await table()).toEqual([]);
      expect(lines.some((l) => l.startsWith('Line 7: « hoverboard »'))).toBe(true);
      expect(lines.at(-1)).toContain('4 new, 0 changed, 0 unchanged; 1 unknown school(s); 6 bad row(s). Preview only');
      expect(await rolloutsImport.run(t.db, { apply: true }, [file])).toBe(0);
      expect(lines.at(-1)).toContain('4 written.');
      expect(await table()).toHaveLength(4);
      expect(await rolloutsImport.run(t.db, {}, [join(FIXTURES, 'annuaire-education-sample.csv')])).toBe(1);
    } finally {
      log.mockRestore();
    }
  });
});

it('records a manual import with the system as actor', async () => {
  await applyRolloutImport(t.db, SYSTEM, fixture('rollouts-simple.csv'), {}, now);
  const rs = await t.db.$client.execute(`select actor_kind from audit_log where action = 'rollouts.imported'`);
  expect(rs.rows[0]!.actor_kind).toBe('system');
});
