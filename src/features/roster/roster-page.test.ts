import { describe, expect, it } from 'vitest';
import { rosterPage } from './roster-page';
import type { RosterEntry } from './roster.server';

const person = (id: number, firstName: string, status: RosterEntry['status'] = 'confirmed'): RosterEntry => ({
  id,
  status,
  code: `CODE${id}`,
  firstName,
  lastName: 'Test',
  email: null,
  phone: null,
  adults: 1,
  language: 'fr',
  needs: null,
  waitlistPosition: null,
  assisted: false,
  erased: false,
  present: null,
  mark: null,
  markedAt: null,
  createdAt: 0,
  cancelledAt: null,
});

describe('a page of the roster', () => {
  const roster = [...Array.from({ length: 120 }, (_, i) => person(i + 1, `Nom${i + 1}`)), person(200, 'Amina', 'waitlisted')];

  it('cuts the roster in pages, clamped, with the count of each state', () => {
    const second = rosterPage(roster, { page: '2' });
    expect(second.entries.map((e) => e.id)).toEqual(Array.from({ length: 50 }, (_, i) => i + 51));
    expect(second.counts).toEqual({ confirmed: 120, waitlisted: 1, cancelled: 0 });
    expect(rosterPage(roster, { page: '99' }).window.page).toBe(3);
    expect(rosterPage(roster, { page: 'x' }).window.page).toBe(1);
  });

  it('finds people by name or code, erased people by neither', () => {
    expect(rosterPage(roster, { query: 'ami' }).entries.map((e) => e.id)).toEqual([200]);
    expect(rosterPage(roster, { query: 'code12' }).entries.map((e) => e.id)).toEqual([12, 120]);
    expect(rosterPage([{ ...person(1, 'Amina'), erased: true }], { query: 'ami' }).total).toBe(0);
  });
});
