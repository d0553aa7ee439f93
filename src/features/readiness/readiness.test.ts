import { describe, expect, it } from 'vitest';
import { isPressing, kindReadiness, parentReach, schoolReadiness } from './readiness';

const today = '2026-11-29';
const display = (over: Partial<{ plannedOn: string | null; deliveredOn: string | null; quantity: number }> = {}) => ({
  kind: 'interactive-display',
  quantity: 10,
  plannedOn: '2026-01-10',
  deliveredOn: '2026-02-01',
  ...over,
});

describe('school readiness (DESIGN rule 5)', () => {
  it('no equipment planned or delivered → no-equipment', () => {
    expect(schoolReadiness(12, [], {}, today)).toMatchObject({ status: 'no-equipment', readiness: 0, equipment: [] });
  });

  it('planned far ahead only → in progress, not at risk', () => {
    const r = schoolReadiness(12, [display({ plannedOn: '2027-04-01', deliveredOn: null })], {}, today);
    expect(r.status).toBe('in-progress');
    expect(r.equipment[0]!.pressing).toBe(false);
  });

  it('due within 30 days with nobody trained → at risk', () => {
    const r = schoolReadiness(12, [display({ plannedOn: '2026-12-20', deliveredOn: null })], {}, today);
    expect(r.status).toBe('at-risk');
  });

  it('delivered with none trained → at risk', () => {
    expect(schoolReadiness(12, [display()], {}, today).status).toBe('at-risk');
  });

  it('delivered with some trained → in progress between 50% and 80%', () => {
    const r = schoolReadiness(10, [display()], { 'interactive-display': 6 }, today);
    expect(r).toMatchObject({ status: 'in-progress', readiness: 0.6 });
    expect(r.equipment[0]).toMatchObject({ trainedTeachers: 6, readiness: 0.6 });
  });

  it('delivered with all trained → ready', () => {
    expect(schoolReadiness(10, [display()], { 'interactive-display': 10 }, today)).toMatchObject({ status: 'ready', readiness: 1 });
  });

  it('teachers trained before the delivery count once it arrives', () => {
    // Training happened while the displays were only planned; the count is the same after delivery.
    const before = schoolReadiness(10, [display({ plannedOn: '2026-12-10', deliveredOn: null })], { 'interactive-display': 8 }, today);
    const after = schoolReadiness(10, [display({ deliveredOn: '2026-12-10' })], { 'interactive-display': 8 }, '2026-12-15');
    expect(before.status).toBe('ready');
    expect(after.status).toBe('ready');
  });

  it('one untrained kind is enough to put the school at risk', () => {
    const r = schoolReadiness(
      10,
      [display(), { kind: 'tablet', quantity: 30, plannedOn: null, deliveredOn: '2026-09-01' }],
      { 'interactive-display': 10, tablet: 2 },
      today,
    );
    expect(r.status).toBe('at-risk');
    expect(r.readiness).toBe(0.2);
  });

  it('headcount comes from school data: more trained accounts than teachers caps at 100%', () => {
    expect(kindReadiness(14, 12)).toBe(1);
    expect(kindReadiness(0, 0)).toBe(0);
  });

  it('delivered counts as pressing whatever the planned date', () => {
    expect(isPressing({ kind: 'tablet', quantity: 1, plannedOn: '2027-06-01', deliveredOn: '2026-11-01' }, today)).toBe(true);
    expect(isPressing({ kind: 'tablet', quantity: 1, plannedOn: '2026-12-29', deliveredOn: null }, today)).toBe(true);
    expect(isPressing({ kind: 'tablet', quantity: 1, plannedOn: '2026-12-30', deliveredOn: null }, today)).toBe(false);
  });
});

it('parent reach is parents who attended per pupil', () => {
  expect(parentReach(30, 240)).toBe(0.125);
  expect(parentReach(5, 0)).toBe(0);
});
