// The manage link (`/r/<token>`): what its holder may see and do with their booking.
import { ANONYMOUS } from '~/features/audit/audit.server';
import type { Db } from '~/platform/db/db.server';
import { cancelRegistration } from './cancellation.server';
import { changeAdults, moveRegistration, type AdultsOutcome, type MoveOutcome } from './manage-changes.server';
import { registrationJson } from './book-seat.server';
import { findByManageToken, type Registration } from './find-registration.server';
import { getSession, sessionJson, type SessionView } from '~/features/sessions/sessions.server';

// Who the audit log names for what is done through the link.
const LINK_HOLDER = { ...ANONYMOUS, kind: 'manage-link' as const };

export interface ManageView {
  registration: Registration;
  session: SessionView;
  json: {
    registration: ReturnType<typeof registrationJson> & { firstName: string | null; lastName: string | null };
    session: ReturnType<typeof sessionJson>;
  };
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

// The answers of the page's own forms (below): the page they redirect to shows a change this
// instance has just made, which its sqld replica may not have yet.
const AFTER_CHANGE = ['annule', 'deplace', 'adultes'];

export async function manageView(db: Db, token: string, search?: URLSearchParams): Promise<ManageView | null> {
  const fresh = AFTER_CHANGE.some((k) => search?.has(k));
  const registration = await findByManageToken(db, token, { fresh });
  return registration ? view(db, registration, token) : null;
}

// Cancelling through the link also erases the person's name and contacts (DESIGN rule 6).
// `leftWaitlist`: they were waiting, not holding a seat (the page thanks them differently).
export async function cancelThroughManageLink(db: Db, token: string): Promise<(ManageView & { leftWaitlist: boolean }) | null> {
  const registration = await findByManageToken(db, token);
  if (!registration) return null;
  const updated =
    registration.status === 'cancelled' ? registration : await cancelRegistration(db, registration, LINK_HOLDER, { erase: true });
  const shown = updated && (await view(db, updated, token));
  return shown ? { ...shown, leftWaitlist: registration.status === 'waitlisted' } : null;
}

// Another date of the same workshop, or another number of adults (manage-changes.server.ts).
export async function moveThroughManageLink(db: Db, token: string, sessionId: number): Promise<MoveOutcome | { kind: 'not-found' }> {
  const registration = await findByManageToken(db, token);
  return registration ? moveRegistration(db, registration, sessionId, LINK_HOLDER) : { kind: 'not-found' };
}

export async function changeAdultsThroughManageLink(db: Db, token: string, adults: 1 | 2): Promise<AdultsOutcome | { kind: 'not-found' }> {
  const registration = await findByManageToken(db, token);
  return registration ? changeAdults(db, registration, adults, LINK_HOLDER) : { kind: 'not-found' };
}

// The manage page's forms, each to the query string (and place) the page answers with.
const MOVE_ANSWERS = {
  moved: '?deplace=1',
  full: '?deplace=complet#change-title',
  'already-booked': '?deplace=deja#change-title',
  'not-allowed': '?deplace=non#change-title',
  'not-found': null,
};
const ADULTS_ANSWERS = {
  changed: '?adultes=1',
  full: '?adultes=complet#change-title',
  'not-allowed': '?adultes=non#change-title',
  'not-found': null,
};

export async function manageFormAction(db: Db, token: string, form: FormData): Promise<string | null> {
  const action = form.get('action');
  if (action === 'cancel') {
    // Erasing cannot be undone: only the confirmation step's button does it (WCAG 3.3.4).
    if (form.get('confirm') !== 'yes') return '?annuler=1';
    const done = await cancelThroughManageLink(db, token);
    return done && `?annule=${done.leftWaitlist ? 'attente' : '1'}`;
  }
  if (action === 'move') return MOVE_ANSWERS[(await moveThroughManageLink(db, token, Number(form.get('session')))).kind];
  const adults = form.get('adults');
  if (action === 'adults' && (adults === '1' || adults === '2'))
    return ADULTS_ANSWERS[(await changeAdultsThroughManageLink(db, token, Number(adults) as 1 | 2)).kind];
  return null;
}
