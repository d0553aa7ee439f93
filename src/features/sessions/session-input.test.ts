import { describe, expect, it } from 'vitest';
import { addDays } from '~/platform/text/dates';
import { parseCancel, parseSessionBody, parseSessionPatch, weeklyStarts } from './session-input';

const NOW = Date.UTC(2027, 0, 10, 9, 0);
const body = (over: Record<string, unknown> = {}) => ({
  title: "Découvrir l'espace numérique",
  audience: 'parent',
  startsAt: '2027-03-28T10:00:00+02:00',
  endsAt: '2027-03-28T12:00:00+02:00',
  venueName: 'Centre social Belsunce',
  capacity: 12,
  ...over,
});

describe('parseSessionBody', () => {
  it('reads ISO 8601 times with their offset, even on the day clocks go forward', () => {
    const parsed = parseSessionBody(body(), { now: NOW });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    // 28 March 2027: Paris is on summer time from 03:00, so 10:00 is 08:00 UTC.
    expect(parsed.value.startsAt).toBe(Date.UTC(2027, 2, 28, 8, 0));
    expect(parsed.value).toMatchObject({
      title: "Découvrir l'espace numérique",
      audience: 'parent',
      languages: ['fr'],
      trackId: null,
      venueAddress: null,
    });
  });

  it('refuses a time without an offset: it would not say which Paris time it is', () => {
    const parsed = parseSessionBody(body({ startsAt: '2027-03-28T10:00:00' }), { now: NOW });
    expect(parsed).toEqual({ ok: false, errors: { startsAt: 'trainer.errors.isoTime' } });
  });

  it('needs a title or a track, a venue or a school', () => {
    expect(parseSessionBody(body({ title: '', venueName: null }), { now: NOW })).toEqual({
      ok: false,
      errors: { title: 'trainer.errors.titleRequired', venueName: 'trainer.errors.venueRequired' },
    });
    expect(
      parseSessionBody(body({ title: undefined, trackId: 3, venueName: undefined, schoolUai: '0130001a' }), { now: NOW }),
    ).toMatchObject({
      ok: true,
      value: { trackId: 3, title: null, schoolUai: '0130001A', venueName: null },
    });
  });

  it('names each wrong field', () => {
    const parsed = parseSessionBody(body({ capacity: 0, languages: [], audience: 'pupil', schoolUai: 'Belsunce' }), { now: NOW });
    expect(parsed).toEqual({
      ok: false,
      errors: {
        capacity: 'trainer.errors.capacity',
        languages: 'trainer.errors.languages',
        audience: 'trainer.errors.audience',
        schoolUai: 'trainer.errors.school',
      },
    });
  });

  it('refuses an end before the start, a session over 12 hours and a start in the past', () => {
    expect(parseSessionBody(body({ endsAt: '2027-03-28T09:00:00+02:00' }), { now: NOW })).toMatchObject({
      errors: { endsAt: 'trainer.errors.endBeforeStart' },
    });
    expect(parseSessionBody(body({ endsAt: '2027-03-29T09:00:00+02:00' }), { now: NOW })).toMatchObject({
      errors: { endsAt: 'trainer.errors.tooLong' },
    });
    expect(parseSessionBody(body(), { now: Date.UTC(2027, 3, 1) })).toMatchObject({ errors: { startsAt: 'trainer.errors.past' } });
    // Editing a session that already started keeps its start.
    expect(parseSessionBody(body(), { now: Date.UTC(2027, 3, 1), keptStart: Date.UTC(2027, 2, 28, 8) }).ok).toBe(true);
  });
});

describe('parseSessionPatch', () => {
  it('keeps only what is given', () => {
    expect(parseSessionPatch({ capacity: 20 })).toEqual({ ok: true, value: { capacity: 20 } });
    expect(parseSessionPatch({ startsAt: '2027-03-28T10:00:00+02:00', schoolUai: '' })).toEqual({
      ok: true,
      value: { startsAt: Date.UTC(2027, 2, 28, 8), schoolUai: null },
    });
  });

  it('refuses an empty change and fields it cannot change', () => {
    expect(parseSessionPatch({})).toEqual({ ok: false, errors: { _: 'trainer.errors.nothingToChange' } });
    expect(parseSessionPatch({ audience: 'teacher' })).toEqual({ ok: false, errors: { audience: 'trainer.errors.unknownField' } });
    expect(parseSessionPatch({ capacity: -1 })).toEqual({ ok: false, errors: { capacity: 'trainer.errors.capacity' } });
  });
});

it('needs a reason to cancel', () => {
  expect(parseCancel({ reason: '  ' })).toEqual({ ok: false, errors: { reason: 'trainer.errors.reasonRequired' } });
  expect(parseCancel({ reason: ' Formatrice malade ' })).toEqual({ ok: true, value: { reason: 'Formatrice malade' } });
});

describe('weeklyStarts', () => {
  it('keeps Tuesday 14:00 in Paris across the spring change (UTC moves by an hour)', () => {
    const starts = weeklyStarts('2027-03-16', '14:00', 4)!;
    expect(starts.map((s) => new Date(s).toISOString())).toEqual([
      '2027-03-16T13:00:00.000Z',
      '2027-03-23T13:00:00.000Z',
      '2027-03-30T12:00:00.000Z',
      '2027-04-06T12:00:00.000Z',
    ]);
  });

  it('and across the autumn change', () => {
    const starts = weeklyStarts('2027-10-26', '09:30', 2)!;
    expect(starts.map((s) => new Date(s).toISOString())).toEqual(['2027-10-26T07:30:00.000Z', '2027-11-02T08:30:00.000Z']);
  });

  it('counts calendar days across month and year ends', () => {
    expect(addDays('2027-12-28', 7)).toBe('2028-01-04');
    expect(addDays('2028-02-26', 7)).toBe('2028-03-04');
  });
});
