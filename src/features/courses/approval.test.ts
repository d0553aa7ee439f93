import { describe, expect, it } from 'vitest';
import { parisLocalToUtc } from '~/platform/text/dates';
import { inSchoolTime, needsApproval, parseDecision } from './approval';

const slot = (date: string, from: string, to: string) => ({ startsAt: parisLocalToUtc(date, from)!, endsAt: parisLocalToUtc(date, to)! });

describe('inSchoolTime', () => {
  it('is a weekday during class hours, Paris time', () => {
    expect(inSchoolTime(slot('2027-01-12', '09:00', '12:00'))).toBe(true); // Tuesday
    expect(inSchoolTime(slot('2027-01-12', '16:30', '18:30'))).toBe(false); // after school
    expect(inSchoolTime(slot('2027-01-12', '07:00', '08:45'))).toBe(true); // overlaps the start
  });

  it('leaves out Wednesday afternoons and weekends', () => {
    expect(inSchoolTime(slot('2027-01-13', '09:00', '11:00'))).toBe(true);
    expect(inSchoolTime(slot('2027-01-13', '14:00', '17:00'))).toBe(false);
    expect(inSchoolTime(slot('2027-01-16', '09:00', '12:00'))).toBe(false);
  });
});

describe('needsApproval', () => {
  it('asks when any date still held is in school time', () => {
    const evening = slot('2027-01-12', '17:00', '19:00');
    const morning = slot('2027-01-19', '09:00', '12:00');
    expect(needsApproval([evening])).toBe(false);
    expect(needsApproval([evening, morning])).toBe(true);
    expect(needsApproval([evening, { ...morning, status: 'cancelled' }])).toBe(false);
  });
});

describe('parseDecision', () => {
  it('takes only the two answers', () => {
    expect(parseDecision('approve')).toBe('approve');
    expect(parseDecision('refuse')).toBe('refuse');
    expect(parseDecision('yes')).toBeNull();
  });
});
