// The manage link (`/r/<token>`): what its holder may see and do with their booking.
import { ANONYMOUS } from './audit';
import type { Db } from './db';
import { cancelRegistration } from './cancellation';
import { moveRegistration, type MoveOutcome } from './move';
import { findByManageToken, registrationJson, type Registration } from './registration';
import { getSession, sessionJson, type SessionView } from './sessions';

export interface ManageView {
  registration: Registration;
  session: SessionView;
  json: { registration: ReturnType<typeof registrationJson> & { firstName: string | null; lastName: string | null }; session: ReturnType<typeof sessionJson> };
}

async function view(db: Db, registration: Registration, token: string): Promise<ManageView | null> {
  const session = await getSession(db, registration.sessionId);
  if (!session) return null;
  return {
    registration,
    session,
    json: {
      registration: { ...registrationJson(registration, token), firstName: registration.firstName, lastName: registration.lastName },
      session: sessionJson(session),
    },
  };
}

export async function manageView(db: Db, token: string): Promise<ManageView | null> {
  const registration = await findByManageToken(db, token);
  return registration ? view(db, registration, token) : null;
}

// Cancelling through the link also erases the person's name and contacts (DESIGN rule 6).
// `leftWaitlist`: they were waiting, not holding a seat (the page thanks them differently).
export async function cancelThroughManageLink(db: Db, token: string): Promise<(ManageView & { leftWaitlist: boolean }) | null> {
  const registration = await findByManageToken(db, token);
  if (!registration) return null;
  const actor = { ...ANONYMOUS, kind: 'manage-link' as const };
  const updated = registration.status === 'cancelled' ? registration : await cancelRegistration(db, registration, actor, { erase: true });
  const shown = updated && (await view(db, updated, token));
  return shown ? { ...shown, leftWaitlist: registration.status === 'waitlisted' } : null;
}

// Another date of the same workshop, for the holder of the link (move.ts).
export async function moveThroughManageLink(db: Db, token: string, sessionId: number): Promise<MoveOutcome | { kind: 'not-found' }> {
  const registration = await findByManageToken(db, token);
  if (!registration) return { kind: 'not-found' };
  return moveRegistration(db, registration, sessionId, { ...ANONYMOUS, kind: 'manage-link' });
}
