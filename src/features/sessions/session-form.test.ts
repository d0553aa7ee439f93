import { describe, expect, it } from 'vitest';
import {
  duplicateValues,
  editFromDraft,
  emptyFormValues,
  formValuesFrom,
  parseSessionForm,
  startAsShown,
  type SessionLike,
} from './session-form';

const NOW = Date.UTC(2027, 0, 10, 9, 0);
const form = (over = {}) =>
  emptyFormValues({
    title: 'Atelier tablette',
    date: '2027-03-28',
    time: '10:00',
    duration: '90',
    venueName: 'Centre social',
    capacity: '15',
    languages: ['fr', 'ar'],
    ...over,
  });

describe('parseSessionForm', () => {
  it('reads the date and time as Paris time, on a daylight-saving day too', () => {
    const parsed = parseSessionForm(form(), { now: NOW });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.draft).toMatchObject({
      startsAt: Date.UTC(2027, 2, 28, 8),
      endsAt: Date.UTC(2027, 2, 28, 9, 30),
      capacity: 15,
      languages: ['fr', 'ar'],
    });
    expect(parsed.value.starts).toEqual([Date.UTC(2027, 2, 28, 8)]);
  });

  it('gives every start of a weekly series', () => {
    const parsed = parseSessionForm(form({ date: '2027-03-23', time: '14:00', weeks: '3' }), { now: NOW });
    expect(parsed.ok && parsed.value.starts).toEqual([Date.UTC(2027, 2, 23, 13), Date.UTC(2027, 2, 30, 12), Date.UTC(2027, 3, 6, 12)]);
  });

  it('puts each error on the field the person filled in', () => {
    const parsed = parseSessionForm(form({ date: '', time: '25:00', duration: '5', capacity: '', languages: [], weeks: '40', title: '' }), {
      now: NOW,
    });
    expect(parsed).toEqual({
      ok: false,
      errors: {
        date: 'trainer.errors.date',
        time: 'trainer.errors.time',
        duration: 'trainer.errors.duration',
        weeks: 'trainer.errors.weeks',
        title: 'trainer.errors.titleRequired',
        capacity: 'trainer.errors.capacity',
        languages: 'trainer.errors.languages',
      },
    });
    expect(parseSessionForm(form({ date: '2026-12-01' }), { now: NOW })).toEqual({ ok: false, errors: { date: 'trainer.errors.past' } });
  });
});

const session: SessionLike = {
  trackId: 1,
  title: 'Atelier tablette',
  audience: 'parent',
  organisation: { slug: 'ligue' },
  startsAt: Date.UTC(2027, 2, 23, 13),
  endsAt: Date.UTC(2027, 2, 23, 15),
  venue: { name: 'École Belsunce', address: '12 rue Belsunce' },
  school: { uai: '0130001A' },
  capacity: 12,
  languages: ['fr'],
  interpreterNote: 'Arabe',
  childcareNote: '',
  accessibilityNote: '',
};

it('turns a session back into form values, in Paris time', () => {
  expect(formValuesFrom(session)).toMatchObject({
    date: '2027-03-23',
    time: '14:00',
    duration: '120',
    schoolUai: '0130001A',
    capacity: '12',
    trackId: '1',
    interpreterNote: 'Arabe',
  });
});

it('duplicates a session onto the same weekday and Paris time, next week or the first one still to come', () => {
  expect(duplicateValues(session, NOW)).toMatchObject({ date: '2027-03-30', time: '14:00' });
  expect(duplicateValues(session, Date.UTC(2027, 3, 1))).toMatchObject({ date: '2027-04-06', time: '14:00' });
});

it('keeps the exact instants of a session whose date and time the edit form left alone', () => {
  // Created through the API with seconds: the form only shows minutes.
  const before = { startsAt: Date.UTC(2027, 2, 23, 13, 0, 30), endsAt: Date.UTC(2027, 2, 23, 15, 0, 30) };
  const values = formValuesFrom({ ...session, ...before });
  const same = parseSessionForm(values, { now: Date.UTC(2027, 3, 1), keptStart: startAsShown(before.startsAt) });
  expect(same.ok && editFromDraft(same.value.draft, before)).toMatchObject(before);
  const longer = parseSessionForm({ ...values, duration: '180' }, { now: NOW });
  expect(longer.ok && editFromDraft(longer.value.draft, before)).toMatchObject({
    startsAt: before.startsAt,
    endsAt: before.startsAt + 3 * 3600_000,
  });
  const moved = parseSessionForm({ ...values, time: '15:00' }, { now: NOW });
  expect(moved.ok && editFromDraft(moved.value.draft, before)).toMatchObject({ startsAt: Date.UTC(2027, 2, 23, 14) });
});
