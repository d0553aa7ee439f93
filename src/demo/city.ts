// The demo city being built in memory: rows with their ids, ready to be written in one batch.
// Ids are assigned here so rows can refer to each other before anything is inserted.
import type { attendance, registrations, sessions, users } from '~db/schema';
import type { Random } from './random';

// Rows as the schema declares them, only the columns the demo fills.
type Row<T extends { $inferSelect: object }, K extends keyof T['$inferSelect']> = Pick<T['$inferSelect'], K>;
export type UserRow = Row<typeof users, 'id' | 'email' | 'name' | 'role' | 'organisationId' | 'schoolUai' | 'passwordHash' | 'createdAt'>;
export type SessionRow = Row<
  typeof sessions,
  | 'id'
  | 'trackId'
  | 'organisationId'
  | 'trainerId'
  | 'title'
  | 'audience'
  | 'startsAt'
  | 'endsAt'
  | 'venueName'
  | 'venueAddress'
  | 'schoolUai'
  | 'capacity'
  | 'languages'
  | 'interpreterNote'
  | 'childcareNote'
  | 'accessibilityNote'
  | 'status'
  | 'cancelReason'
  | 'changeCount'
  | 'createdAt'
>;
export type RegistrationRow = Row<
  typeof registrations,
  | 'id'
  | 'sessionId'
  | 'status'
  | 'queuedAt'
  | 'firstName'
  | 'lastName'
  | 'email'
  | 'phone'
  | 'childSchoolUai'
  | 'language'
  | 'adults'
  | 'userId'
  | 'code'
  | 'createdBy'
  | 'consentAt'
  | 'consentVersion'
  | 'cancelledAt'
  | 'erasedAt'
  | 'createdAt'
>;
export type AttendanceRow = typeof attendance.$inferSelect;

const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export class DemoCity {
  readonly users: UserRow[] = [];
  readonly sessions: SessionRow[] = [];
  readonly registrations: RegistrationRow[] = [];
  readonly attendance: AttendanceRow[] = [];
  private readonly codes = new Set<string>();
  private readonly phones = new Set<string>();
  private readonly emails = new Set<string>();
  private nextIds: { user: number; session: number; registration: number };

  constructor(
    readonly random: Random,
    readonly now: number,
    firstIds: { user: number; session: number; registration: number },
  ) {
    this.nextIds = { ...firstIds };
  }

  addUser(user: Omit<UserRow, 'id'>): UserRow {
    const row = { ...user, id: this.nextIds.user++ };
    this.emails.add(row.email);
    this.users.push(row);
    return row;
  }

  // Claims an address not taken yet: "prenom.nom", then "prenom.nom2", as academic mailboxes do.
  claimEmail(localPart: string, domain: string): string {
    for (let i = 1; ; i++) {
      const email = `${localPart}${i === 1 ? '' : i}@${domain}`;
      if (!this.emails.has(email)) return (this.emails.add(email), email);
    }
  }

  addSession(session: Omit<SessionRow, 'id'>): SessionRow {
    const row = { ...session, id: this.nextIds.session++ };
    this.sessions.push(row);
    return row;
  }

  addRegistration(registration: Omit<RegistrationRow, 'id' | 'code'>): RegistrationRow {
    const row = { ...registration, id: this.nextIds.registration++, code: this.newCode() };
    this.registrations.push(row);
    return row;
  }

  markAttendance(registration: RegistrationRow, present: boolean, markedBy: number | null, markedAt: number) {
    this.attendance.push({ registrationId: registration.id, present, markedAt, markedBy, status: present ? 'present' : 'absent' });
  }

  private newCode(): string {
    for (;;) {
      let code = '';
      for (let i = 0; i < 6; i++) code += CODE_ALPHABET[this.random.int(0, CODE_ALPHABET.length - 1)];
      if (!this.codes.has(code)) return (this.codes.add(code), code);
    }
  }

  // A phone number nobody else in the demo has, in E.164 as bookings store it, taken from the
  // ranges ARCEP reserves for fiction (06 39 98 …, then 01 99 00 …) so no real person is reached.
  newPhone(): string {
    for (;;) {
      const prefix = this.phones.size < 9000 ? '+3363998' : '+3319900';
      const phone = `${prefix}${String(this.random.int(0, 9999)).padStart(4, '0')}`;
      if (!this.phones.has(phone)) return (this.phones.add(phone), phone);
    }
  }
}
