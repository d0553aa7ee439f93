// Shared steps of the mail tests: a person, a booking, a controllable clock, running the
// outbox worker until nothing is due, and reading a received mail's invite back.
import type { RegistrationInput } from '~/features/registration/registration-input';
import type { Db } from '~/platform/db/db.server';
import type { OutboxWorker } from '~/features/mail/outbox/worker.server';
import { bookSeat } from '~/features/registration/book-seat.server';
import { parseIcs, type IcsComponent } from './ics';
import type { ReceivedMail } from './smtp';

let counter = 0;

export function person(overrides: Partial<RegistrationInput> = {}): RegistrationInput {
  counter++;
  return {
    firstName: 'Amina',
    lastName: `Benali${counter}`,
    email: `parent${counter}@example.fr`,
    phone: null,
    schoolUai: null,
    language: 'fr',
    adults: 1,
    ...overrides,
  };
}

export async function book(db: Db, sessionId: number, overrides: Partial<RegistrationInput> = {}, now = Date.now()) {
  const outcome = await bookSeat(db, { sessionId, person: person(overrides), actor: { kind: 'anonymous' } }, now);
  if (outcome.kind !== 'created') throw new Error(`booking failed: ${outcome.kind}`);
  return { registration: outcome.registration, manageToken: outcome.manageToken! };
}

// Never behind the real clock: rows get their times from SQLite's clock.
export function testClock() {
  let offset = 0;
  return { now: () => Date.now() + offset, advance: (ms: number) => void (offset += ms) };
}

export async function drain(worker: OutboxWorker) {
  const total = { claimed: 0, sent: 0, retried: 0, failed: 0, held: 0 };
  for (let i = 0; i < 100; i++) {
    const r = await worker.runOnce();
    for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += r[k];
    if (r.claimed === 0) return total;
  }
  throw new Error('the outbox did not drain');
}

export interface ReceivedInvite {
  method: string | undefined;
  ics: string;
  calendar: IcsComponent;
  event: IcsComponent;
}

// The text/calendar part mail apps read as an invitation (not the .ics attachment copy).
export function inviteOf(mail: ReceivedMail): ReceivedInvite | null {
  const part = mail.parsed.attachments.find((a) => a.contentType === 'text/calendar');
  if (!part) return null;
  const ics = part.content.toString('utf8');
  const contentType = part.headers.get('content-type') as { params?: Record<string, string> } | undefined;
  const calendar = parseIcs(ics);
  return { method: contentType?.params?.method, ics, calendar, event: calendar.all('VEVENT')[0]! };
}

export function mailsTo(mails: ReceivedMail[], address: string) {
  return mails.filter((m) => m.to.includes(address));
}
