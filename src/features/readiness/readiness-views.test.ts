import { describe, expect, it } from 'vitest';
import type { Rollout } from './readiness';
import { byArrondissement, equipmentWithoutTraining, headline, untrainedKinds } from './readiness-views';
import { row, today } from './fixtures/readiness-rows';

const delivered = (kind: string): Rollout => ({ kind, quantity: 5, plannedOn: '2026-01-01', deliveredOn: '2026-02-01' });
const farAhead = (kind: string): Rollout => ({ kind, quantity: 5, plannedOn: '2027-06-01', deliveredOn: null });

const ROWS = [
  row('A', { rollouts: [delivered('tablet')], trained: { tablet: 9 }, pupils: 100 }),
  row('B', {
    rollouts: [delivered('tablet'), delivered('interactive-display')],
    trained: { tablet: 2, 'interactive-display': 8 },
    pupils: 300,
    arrondissement: 3,
  }),
  row('C', { rollouts: [farAhead('tablet')], pupils: 150, arrondissement: 3 }),
  row('D', { pupils: 500, arrondissement: 3 }),
  row('E', { rollouts: [delivered('interactive-display')], trained: {}, pupils: 120, teachers: 4 }),
];

describe('dashboard figures', () => {
  it('counts schools equipped, planned only, and by status', () => {
    const h = headline(ROWS, today);
    expect(h).toMatchObject({ schools: 5, equipped: 3, plannedOnly: 1 });
    expect(h.byStatus).toEqual({ 'at-risk': 2, 'in-progress': 1, ready: 1, 'no-equipment': 1 });
  });

  it('shares teachers trained per kind over the schools where it is delivered or due', () => {
    const kinds = Object.fromEntries(headline(ROWS, today).kinds.map((k) => [k.kind, k]));
    expect(kinds.tablet).toMatchObject({ schools: 2, teachers: 20, trained: 11 });
    expect(kinds['interactive-display']).toMatchObject({ schools: 2, teachers: 14, trained: 8 });
    expect(kinds['interactive-display']!.share).toBeCloseTo(8 / 14);
  });

  it('counts statuses per arrondissement', () => {
    expect(byArrondissement(ROWS).map((a) => [a.arrondissement, a.schools, a.byStatus['at-risk']])).toEqual([
      [1, 2, 1],
      [3, 3, 1],
    ]);
  });

  it('lists equipment without training, most pupils first', () => {
    const list = equipmentWithoutTraining(ROWS);
    expect(list.map((r) => r.uai)).toEqual(['B', 'E']);
    expect(untrainedKinds(list[0]!).map((e) => e.kind)).toEqual(['tablet']);
  });
});
