import { describe, expect, it } from 'vitest';
import { buildInvite, inviteFromPayload, type InviteInput } from './invite';
import { payload } from '~/features/mail/messages/fixtures/payloads';

function input(overrides: Partial<InviteInput> = {}): InviteInput {
  return { ...inviteFromPayload(payload('confirmed'), 'fr')!, ...overrides };
}

// The first `name` line of the event (or of the calendar, for METHOD), unfolded.
function line(ics: string, name: string) {
  const lines = ics.replace(/\r\n[ \t]/g, '').split('\r\n');
  const from = name === 'METHOD' ? 0 : lines.indexOf('BEGIN:VEVENT');
  return lines.slice(from).find((l) => l.startsWith(name));
}

describe('buildInvite', () => {
  it('writes Paris wall-clock times whatever the server time zone', () => {
    const session = { ...input().session, startsAt: Date.UTC(2027, 2, 28, 8, 0), endsAt: Date.UTC(2027, 2, 28, 10, 0) };
    const saved = process.env.TZ;
    try {
      for (const tz of ['UTC', 'America/New_York', 'Asia/Tokyo', 'Europe/Paris']) {
        process.env.TZ = tz;
        const ics = buildInvite(input({ session }), 0);
        expect(line(ics, 'DTSTART')).toBe('DTSTART;TZID=Europe/Paris:20270328T100000');
        expect(line(ics, 'DTEND')).toBe('DTEND;TZID=Europe/Paris:20270328T120000');
        expect(line(ics, 'DTSTAMP')).toBe('DTSTAMP:19700101T000000Z');
      }
    } finally {
      process.env.TZ = saved;
    }
  });

  it('handles the autumn change back to winter time', () => {
    // 31 October 2027, 10:00 in Paris is 09:00Z (UTC+1 again).
    const session = { ...input().session, startsAt: Date.UTC(2027, 9, 31, 9, 0), endsAt: Date.UTC(2027, 9, 31, 11, 0) };
    expect(line(buildInvite(input({ session })), 'DTSTART')).toBe('DTSTART;TZID=Europe/Paris:20271031T100000');
  });

  it('titles the event in the person’s language where a translation exists, else in French', () => {
    const translated = {
      ...input().session,
      title: 'Suivre la scolarité',
      translations: { ar: { title: 'متابعة الدراسة' } },
      trackTitle: 'Suivre la scolarité',
      trackTranslations: { en: { title: 'Following school life' } },
    };
    const summary = (language: InviteInput['language']) => line(buildInvite(input({ session: translated, language })), 'SUMMARY');
    expect(summary('ar')).toBe('SUMMARY:متابعة الدراسة');
    expect(summary('en')).toBe('SUMMARY:Following school life');
    expect(summary('fr')).toBe('SUMMARY:Suivre la scolarité');
    // A session retitled away from its track does not take the track's translation.
    const retitled = { ...translated, title: 'Atelier du mardi' };
    expect(line(buildInvite(input({ session: retitled, language: 'en' })), 'SUMMARY')).toBe('SUMMARY:Atelier du mardi');
    expect(buildInvite(input({ session: translated, language: 'ar' }))).toContain('متابعة الدراسة');
  });

  it('cancels with STATUS:CANCELLED and no alarm', () => {
    const ics = buildInvite(input({ method: 'CANCEL', sequence: 3 }));
    expect(line(ics, 'METHOD')).toBe('METHOD:CANCEL');
    expect(line(ics, 'STATUS')).toBe('STATUS:CANCELLED');
    expect(line(ics, 'SEQUENCE')).toBe('SEQUENCE:3');
    expect(ics).not.toContain('VALARM');
  });

  it('names the person as an attendee who already accepted, with no answer asked', () => {
    expect(line(buildInvite(input()), 'ATTENDEE')).toBe(
      'ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE;CN="Amina Benali":MAILTO:amina@example.fr',
    );
  });

  it('asks nothing of the attendee in a cancellation', () => {
    const attendee = line(buildInvite(input({ method: 'CANCEL', sequence: 1 })), 'ATTENDEE')!;
    expect(attendee).not.toContain('RSVP');
    expect(attendee).not.toContain('PARTSTAT');
    expect(attendee).toContain('MAILTO:amina@example.fr');
  });

  it('says in the invite that declining it frees nothing, and never gives the link', () => {
    const description = line(buildInvite(input()), 'DESCRIPTION')!;
    expect(description).toContain('Pour annuler\\, utilisez le lien reçu par e-mail ou SMS');
    expect(description).not.toContain('/r/');
  });

  it('uses the random UID of the registration, on a domain that is not PUBLIC_URL', () => {
    expect(line(buildInvite(input({ calendarUid: '0123456789abcdef0123456789abcdef' })), 'UID')).toBe(
      'UID:0123456789abcdef0123456789abcdef@passerelle',
    );
    // A booking from before random UIDs keeps the one its calendar already holds.
    expect(line(buildInvite(input({ calendarUid: null, registrationId: 7 })), 'UID')).toBe('UID:registration-7@localhost');
  });
});

describe('inviteFromPayload', () => {
  it('gives no invite to kinds without one, nor to someone still on the waitlist', () => {
    expect(inviteFromPayload(payload('waitlisted'), 'fr')).toBeNull();
    expect(inviteFromPayload(payload('reminder'), 'fr')).toBeNull();
    expect(inviteFromPayload(payload('session-cancelled', { status: 'waitlisted' }), 'fr')).toBeNull();
    expect(inviteFromPayload(payload('session-cancelled'), 'fr')?.method).toBe('CANCEL');
  });
});
