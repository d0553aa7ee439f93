// Bookings written directly (not through bookSeat), keeping its invariants: confirmed seats
// never exceed capacity, the waitlist only exists when full, codes are unique. Parents book
// a workshop; teachers book a training with their account.
import { PRIVACY_NOTICE_VERSION } from '~/features/privacy/notice';
import type { RegistrationRow, SessionRow } from './city';
import type { SeedContext } from './context';
import { DAY_MS } from './days';
import { newParent, type Teacher } from './people';
import type { DemoSchool } from './schools';

export interface ParentBooking {
  status: RegistrationRow['status'];
  adults: number;
  createdAt: number;
  // Set for sessions past the retention delay: names and contacts are gone (DESIGN rule 6).
  erasedAt?: number | null;
}

function childSchool(ctx: SeedContext, host: DemoSchool): string {
  if (ctx.random.chance(0.85)) return host.uai;
  const near = ctx.schools.filter((s) => s.arrondissement === host.arrondissement);
  return ctx.random.pick(near).uai;
}

export function addParentBooking(ctx: SeedContext, session: SessionRow, host: DemoSchool, b: ParentBooking): RegistrationRow {
  const { random } = ctx;
  const erased = b.erasedAt != null;
  const parent = erased ? { firstName: null, lastName: null, email: null, phone: null } : newParent(ctx.city);
  // Some parents are booked by the animator at the school gate.
  const atTheGate = random.chance(0.15);
  return ctx.city.addRegistration({
    sessionId: session.id,
    status: b.status,
    queuedAt: b.createdAt,
    firstName: parent.firstName,
    lastName: parent.lastName,
    email: parent.email,
    phone: parent.phone,
    childSchoolUai: childSchool(ctx, host),
    language: session.languages.includes('ar') && random.chance(0.5) ? 'ar' : 'fr',
    adults: b.adults,
    userId: null,
    createdBy: atTheGate ? session.trainerId : null,
    consentAt: atTheGate ? null : b.createdAt,
    consentVersion: atTheGate ? null : PRIVACY_NOTICE_VERSION,
    cancelledAt: b.status === 'cancelled' ? Math.min(ctx.now, session.startsAt - 3_600_000, b.createdAt + random.int(1, 5) * DAY_MS) : null,
    erasedAt: b.erasedAt ?? null,
    createdAt: b.createdAt,
  });
}

// Confirmed bookings of one or two adults until `seats` are taken, never more.
export function fillSeats(
  ctx: SeedContext,
  session: SessionRow,
  host: DemoSchool,
  seats: number,
  bookedAt: () => number,
  erasedAt: number | null = null,
): RegistrationRow[] {
  const bookings: RegistrationRow[] = [];
  for (let taken = 0; taken < seats;) {
    const adults = seats - taken >= 2 && ctx.random.chance(0.12) ? 2 : 1;
    bookings.push(addParentBooking(ctx, session, host, { status: 'confirmed', adults, createdAt: bookedAt(), erasedAt }));
    taken += adults;
  }
  return bookings;
}

// A teacher's confirmed seat at a training, booked from their account (no consent asked:
// training is part of their job).
export function addTeacherBooking(ctx: SeedContext, sessionId: number, teacher: Teacher, createdAt: number): RegistrationRow {
  return ctx.city.addRegistration({
    sessionId,
    status: 'confirmed',
    queuedAt: createdAt,
    firstName: teacher.person.firstName,
    lastName: teacher.person.lastName,
    email: teacher.user.email,
    phone: null,
    childSchoolUai: null,
    language: 'fr',
    adults: 1,
    userId: teacher.user.id,
    createdBy: null,
    consentAt: null,
    consentVersion: null,
    cancelledAt: null,
    erasedAt: null,
    createdAt,
  });
}
