import { describe, expect, it } from 'vitest';
import { emptyFormValues, formValuesFrom, parseSessionForm, type SessionLike } from '~/features/sessions/session-form';
import { courseBody, courseSpan, focusDate, overlapping, parseCourseDates } from './course-dates';

const NOW = Date.UTC(2027, 0, 10, 9, 0);
const H = 3600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const slot = (ms: number, hours = 2) => ({ startsAt: iso(ms), endsAt: iso(ms + hours * H) });

describe('parseCourseDates', () => {
  const t0 = Date.UTC(2027, 1, 3, 13);
  it('keeps the dates in time order', () => {
    const parsed = parseCourseDates([slot(t0 + 7 * 24 * H), slot(t0)], NOW);
    expect(parsed.ok && parsed.value.map((d) => d.startsAt)).toEqual([t0, t0 + 7 * 24 * H]);
  });

  it('refuses one date alone, a past date, an overlap', () => {
    expect(parseCourseDates([slot(t0)], NOW)).toEqual({ ok: false, errors: { dates: 'courses.errors.dates' } });
    expect(parseCourseDates([slot(NOW - 24 * H), slot(t0)], NOW)).toEqual({ ok: false, errors: { dates: 'trainer.errors.past' } });
    expect(parseCourseDates([slot(t0), slot(t0 + H)], NOW)).toEqual({ ok: false, errors: { dates: 'courses.errors.overlap' } });
    expect(parseCourseDates('demain', NOW)).toMatchObject({ ok: false });
  });

  it('gives the API body its first date as the session times', () => {
    const { body, dates } = courseBody({ title: 'x', dates: [slot(t0), slot(t0 + 48 * H)] }, NOW);
    expect(dates?.ok).toBe(true);
    expect(body).toMatchObject({ startsAt: iso(t0), endsAt: iso(t0 + 2 * H) });
    expect(courseBody({ title: 'x' }, NOW).dates).toBeUndefined();
  });
});

describe('the span and the date a message is about', () => {
  const dates = [
    { id: 1, startsAt: 10, endsAt: 20, status: 'cancelled' as const },
    { id: 2, startsAt: 30, endsAt: 40, status: 'scheduled' as const },
    { id: 3, startsAt: 50, endsAt: 60, status: 'scheduled' as const },
  ];
  it('spans the dates still held', () => {
    expect(courseSpan(dates)).toEqual({ startsAt: 30, endsAt: 60 });
    expect(overlapping(dates)).toBe(false);
  });
  it('is the named date, else the first held', () => {
    expect(focusDate({ startsAt: 30, endsAt: 60, dates }, 3)).toMatchObject({ id: 3 });
    expect(focusDate({ startsAt: 30, endsAt: 60, dates })).toMatchObject({ id: 2 });
    expect(focusDate({ startsAt: 5, endsAt: 6 })).toEqual({ startsAt: 5, endsAt: 6 });
  });
});

describe('the weekly series in the form', () => {
  const values = emptyFormValues({
    title: 'Parcours TNI',
    date: '2027-03-23',
    time: '14:00',
    duration: '120',
    venueName: 'Canopé',
    weeks: '3',
  });
  it('gives separate sessions by default, one course when asked', () => {
    const separate = parseSessionForm(values, { now: NOW });
    expect(separate.ok && separate.value.dates).toBeUndefined();
    const course = parseSessionForm({ ...values, seriesKind: 'course' }, { now: NOW });
    expect(course.ok && course.value.dates?.map((d) => d.endsAt - d.startsAt)).toEqual([2 * H, 2 * H, 2 * H]);
    // The 30 March crossing into summer time keeps 14:00 in Paris.
    expect(course.ok && course.value.dates?.[2]?.startsAt).toBe(Date.UTC(2027, 3, 6, 12));
  });

  it('edits a course with its first date’s duration', () => {
    const s: SessionLike = {
      trackId: null,
      title: 'Parcours TNI',
      audience: 'teacher',
      organisation: { slug: 'drane' },
      startsAt: 0,
      endsAt: 14 * 24 * H,
      venue: { name: 'Canopé', address: '' },
      school: null,
      capacity: 12,
      languages: ['fr'],
      interpreterNote: '',
      childcareNote: '',
      accessibilityNote: '',
      dates: [{ startsAt: 0, endsAt: 2 * H }],
    };
    expect(formValuesFrom(s).duration).toBe('120');
  });
});
