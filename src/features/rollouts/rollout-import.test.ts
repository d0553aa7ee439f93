import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkRolloutFields, dateFrom, kindFrom } from './rollout-fields';
import { kindOfModel } from './rollout-import-mdm';
import { parseRolloutFile, planImport, type StoredRollout } from './rollout-import';
import { matchSchool, indexSchools } from '~/features/schools/school-match';

const fixture = (name: string) => readFileSync(new URL(`../../../tests/fixtures/${name}`, import.meta.url), 'utf8');
const SCHOOLS = [
  { uai: '0130001A', name: 'École élémentaire Belsunce' },
  { uai: '0130002B', name: 'École maternelle du Panier' },
  { uai: '0130003C', name: 'École primaire Castellane' },
  { uai: '0130004D', name: 'École élémentaire Jules Ferry' },
  { uai: '0130005E', name: 'École maternelle Jules Ferry' },
];
const today = '2026-11-29';

describe('rollout fields', () => {
  it('reads kinds by code or French name, and French or ISO dates', () => {
    expect(kindFrom('tablet')).toBe('tablet');
    expect(kindFrom('Écrans interactifs')).toBe('interactive-display');
    expect(kindFrom('hoverboard')).toBeNull();
    expect(dateFrom('09/12/2026')).toBe('2026-12-09');
    expect(dateFrom('2026-09-02 08:14:00')).toBe('2026-09-02');
    expect(dateFrom('31/02/2027')).toBeUndefined();
    expect(dateFrom(' ')).toBeNull();
  });

  it('wants a known kind, a whole count and at least one date', () => {
    expect(checkRolloutFields({ kind: 'tablet', quantity: '8', plannedOn: '', deliveredOn: '2026-10-01' })).toEqual({
      ok: true,
      value: { kind: 'tablet', quantity: 8, plannedOn: null, deliveredOn: '2026-10-01' },
    });
    const bad = checkRolloutFields({ kind: '', quantity: '-2', plannedOn: '', deliveredOn: '' });
    expect(bad.ok === false && Object.keys(bad.errors).sort()).toEqual(['kind', 'plannedOn', 'quantity']);
  });
});

describe('school matching', () => {
  const index = indexSchools(SCHOOLS);
  it('finds a UAI inside a building name, or the name with or without its prefix', () => {
    expect(matchSchool('0130001A - EE Belsunce', index)).toMatchObject({ kind: 'found', school: { uai: '0130001A' } });
    expect(matchSchool('ECOLE PRIMAIRE CASTELLANE', index)).toMatchObject({ kind: 'found', school: { uai: '0130003C' } });
    expect(matchSchool('EM du Panier', index)).toMatchObject({ kind: 'found', school: { uai: '0130002B' } });
  });
  it('says when a name fits several schools or none', () => {
    expect(matchSchool('Jules Ferry', index).kind).toBe('ambiguous');
    expect(matchSchool('École des Calanques', index).kind).toBe('unknown');
    expect(matchSchool('0139999Z', index).kind).toBe('unknown');
  });
});

describe('the simple format', () => {
  const plan = planImport(parseRolloutFile(fixture('rollouts-simple.csv')), SCHOOLS, [], today);
  it('plans one rollout per school and kind', () => {
    expect(plan.format).toBe('simple');
    expect(plan.rollouts.map((r) => [r.uai, r.kind, r.quantity, r.plannedOn, r.deliveredOn])).toEqual([
      ['0130001A', 'interactive-display', 10, '2026-01-10', '2026-02-01'],
      ['0130001A', 'tablet', 16, '2026-12-15', null],
      ['0130002B', 'interactive-display', 5, '2026-12-09', null],
      ['0130003C', 'classroom-computer', 25, '2027-02-01', null],
    ]);
    expect(plan.counts).toEqual({ new: 4, changed: 0, unchanged: 0 });
  });
  it('lists unknown schools and bad rows with their line numbers', () => {
    expect(plan.unknown.map((u) => [u.place, u.lines])).toEqual([['0139999Z', [6]]]);
    expect(plan.problems.map((p) => [p.line, p.key])).toEqual([
      [7, 'kind'],
      [8, 'quantity'],
      [9, 'noDate'],
      [10, 'uai'],
      [11, 'date'],
      [12, 'duplicate'],
    ]);
  });
  it('sees what is already recorded', () => {
    const stored: StoredRollout[] = [
      { uai: '0130001A', kind: 'interactive-display', quantity: 10, plannedOn: '2026-01-10', deliveredOn: '2026-02-01' },
      { uai: '0130001A', kind: 'tablet', quantity: 12, plannedOn: '2026-12-15', deliveredOn: null },
    ];
    const again = planImport(parseRolloutFile(fixture('rollouts-simple.csv')), SCHOOLS, stored, today);
    expect(again.counts).toEqual({ new: 2, changed: 1, unchanged: 1 });
    expect(again.rollouts.find((r) => r.kind === 'tablet')!.before!.quantity).toBe(12);
  });
  it('takes a file without a header, in the documented column order', () => {
    const parsed = parseRolloutFile('0130002B;tablet;6;;2026-10-05\n');
    expect(parsed.lines).toMatchObject([{ place: '0130002B', kind: 'tablet', quantity: 6, deliveredOn: '2026-10-05' }]);
  });
  it('refuses a file it cannot read', () => {
    expect(parseRolloutFile('nom,prenom\nA,B\n').problems).toEqual([{ line: 1, key: 'format' }]);
  });
});

describe('a Jamf Pro inventory', () => {
  it('counts Macs per school, by UAI, name or site', () => {
    const plan = planImport(parseRolloutFile(fixture('jamf-computers.csv')), SCHOOLS, [], today);
    expect(plan.format).toBe('mdm');
    expect(plan.rollouts.map((r) => [r.uai, r.kind, r.devices, r.deliveredOn])).toEqual([
      ['0130001A', 'classroom-computer', 3, '2026-09-01'],
      ['0130002B', 'classroom-computer', 1, '2026-11-02'],
      ['0130003C', 'classroom-computer', 2, '2026-10-12'],
    ]);
    expect(plan.unknown).toMatchObject([{ place: 'École des Calanques', lines: [7], devices: 1 }]);
    expect(plan.problems.map((p) => [p.line, p.key])).toEqual([
      [8, 'noSerial'],
      [9, 'duplicateSerial'],
    ]);
    expect(plan.ignoredModels).toEqual([{ model: 'Apple TV 4K (3rd generation)', count: 1 }]);
  });

  it('counts iPads as tablets and keeps the delivery date on record', () => {
    const stored: StoredRollout[] = [{ uai: '0130001A', kind: 'tablet', quantity: 3, plannedOn: '2026-10-01', deliveredOn: '2026-10-20' }];
    const plan = planImport(parseRolloutFile(fixture('jamf-mobile-devices.csv')), SCHOOLS, stored, today);
    expect(plan.rollouts.map((r) => [r.uai, r.kind, r.quantity, r.plannedOn, r.deliveredOn, r.action])).toEqual([
      ['0130001A', 'tablet', 3, '2026-10-01', '2026-10-20', 'unchanged'],
      ['0130002B', 'tablet', 2, null, today, 'new'],
    ]);
    expect(plan.unknown).toMatchObject([{ place: 'Jules Ferry', candidates: [{ uai: '0130004D' }, { uai: '0130005E' }] }]);
    expect(plan.ignoredModels).toEqual([{ model: 'iPhone 13', count: 1 }]);
  });

  it('knows a Mac from an iPad by model name or identifier', () => {
    expect(kindOfModel('iPad Air (5th generation)')).toBe('tablet');
    expect(kindOfModel('MacBookAir10,1')).toBe('classroom-computer');
    expect(kindOfModel('iMac (24-inch, M1, 2021)')).toBe('classroom-computer');
    expect(kindOfModel('iPhone 13')).toBeNull();
  });
});

describe('reading an uploaded file', () => {
  it('takes UTF-8, and Windows-1252 from an older spreadsheet', async () => {
    const { decodeUpload } = await import('./rollout-import');
    expect(decodeUpload(new TextEncoder().encode('uai;kind\n0130002B;écran interactif'))).toContain('écran');
    expect(decodeUpload(Uint8Array.from([0x63, 0x72, 0xe9, 0x63, 0x68, 0x65]))).toBe('crèche'.replace('è', 'é'));
  });
});
