import { describe, expect, it } from 'vitest';
import { kindsWithoutTrack } from './track-coverage';

const e = (kind: string, deliveredOn: string | null) =>
  ({ kind, quantity: 1, plannedOn: '2026-11-01', deliveredOn, trainedTeachers: 0, readiness: 0, pressing: true }) as const;

describe('kinds without a track', () => {
  it('lists the kinds schools have that no offered track covers, delivered first', () => {
    const rows = [{ equipment: [e('projector', null), e('tablet', '2026-10-01')] }, { equipment: [e('projector', '2026-10-02')] }];
    expect(kindsWithoutTrack(rows, new Set(['interactive-display']))).toEqual([
      { kind: 'projector', schools: 2, delivered: 1 },
      { kind: 'tablet', schools: 1, delivered: 1 },
    ]);
    expect(kindsWithoutTrack(rows, new Set(['projector', 'tablet']))).toEqual([]);
  });
});
