// Who may do what: the one place every page, action, endpoint and job asks.
// Roles grant permissions; permissions about one session or registration also look at it.
import type { APIContext, AstroGlobal } from 'astro';
import { t } from '~/i18n';
import { jsonError } from '~/platform/http/json';
import type { Role, SessionUser } from '~/features/accounts/users.server';

export type Permission =
  | 'use-account' // any signed-in person: account page, role home
  | 'book-teacher-session' // a teacher whose address is confirmed, for themself
  | 'view-own-trainings' // a teacher's bookings and training record
  | 'manage-registration' // resource: RegistrationRef — see, cancel a booking
  | 'manage-sessions' // the trainer area: list and plan sessions
  | 'manage-session' // resource: SessionRef — create, edit, reschedule, cancel
  | 'read-roster' // resource: SessionRef — roster, waitlist, sign-in sheet export
  | 'mark-attendance' // resource: SessionRef
  | 'book-on-behalf' // resource: SessionRef — a trainer books someone at the school gate
  | 'read-readiness' // the readiness dashboard and weekly report
  | 'manage-rollouts' // schools' equipment rollouts, inventory imports
  | 'edit-headcount' // a school's teacher headcount, the denominator of readiness
  | 'manage-users' // accounts, roles, invitations
  | 'manage-organisations'
  | 'read-outbox' // the mail outbox and held messages
  | 'manage-personal-data' // find, export and erase everything about one person (GDPR)
  | 'manage-tracks' // resource: TrackRef — create, edit, retire tracks
  | 'manage-teacher-training' // teachers' records and attestations of every school, inviting the untrained
  | 'download-attestation' // resource: RegistrationRef (the teacher's own) — a teacher's attestation
  | 'set-track-approver'; // who approves a teacher track in school time (the IEN)

export interface SessionRef {
  organisationId: number;
  audience: 'parent' | 'teacher';
  // Whom the session's organisation trains (organisations.audience); null or absent: anyone.
  organisationAudience?: 'parent' | 'teacher' | null;
  // Who runs it (sessions.trainer_id); a plain trainer reads only the rosters of these.
  trainerId?: number | null;
}

export interface RegistrationRef {
  userId: number | null;
}

// A track of an organisation: the Drane writes teacher tracks, the Ligue's coordinators and
// trainers write its parent tracks.
export interface TrackRef {
  trackAudience: 'parent' | 'teacher';
  organisationId: number;
}

type Resource = SessionRef | RegistrationRef | TrackRef;

const ALL: readonly Role[] = ['teacher', 'trainer', 'coordinator', 'drane', 'city', 'admin'];
const SESSION_STAFF: readonly Role[] = ['trainer', 'coordinator', 'drane', 'admin'];

// What touches the people booked (names, phones, emails): only who runs the session, or the
// organisation's coordinator, not every trainer of the organisation.
const ABOUT_ATTENDEES: ReadonlySet<Permission> = new Set(['read-roster', 'mark-attendance', 'book-on-behalf']);

// Who holds each permission at all. Admins hold everything but booking, which is a teacher's
// own act (an admin books nobody into a training as themself).
const GRANTS: Record<Permission, readonly Role[]> = {
  'use-account': ALL,
  'book-teacher-session': ['teacher'],
  'view-own-trainings': ['teacher', 'admin'],
  'manage-registration': ['teacher', 'admin'],
  'manage-sessions': SESSION_STAFF,
  'manage-session': SESSION_STAFF,
  'read-roster': SESSION_STAFF,
  'mark-attendance': SESSION_STAFF,
  'book-on-behalf': SESSION_STAFF,
  'read-readiness': ['drane', 'city', 'admin'],
  'manage-rollouts': ['city', 'admin'],
  'edit-headcount': ['drane', 'city', 'admin'],
  'manage-users': ['admin'],
  'manage-organisations': ['admin'],
  'read-outbox': ['admin'],
  'manage-personal-data': ['admin'],
  'manage-tracks': ['trainer', 'coordinator', 'drane', 'admin'],
  'manage-teacher-training': ['drane', 'admin'],
  'download-attestation': ['teacher', 'drane', 'admin'],
  'set-track-approver': ['drane', 'admin'],
};

export type Decision = 'allowed' | 'unauthenticated' | 'forbidden' | 'unconfirmed';

function isSessionRef(r: Resource): r is SessionRef {
  return 'organisationId' in r && !('trackAudience' in r);
}

function allowedOnTrack(user: SessionUser, track: TrackRef): boolean {
  if (user.role === 'drane') return track.trackAudience === 'teacher';
  if (user.role !== 'trainer' && user.role !== 'coordinator') return false;
  return track.trackAudience === 'parent' && user.organisationId === track.organisationId;
}

// Coordinators act on their own organisation's sessions for the audience it trains, trainers
// too but read attendees only where they run the session; Drane staff act on every teacher session.
function allowedOn(user: SessionUser, permission: Permission, resource: Resource): boolean {
  if (user.role === 'admin') return true;
  if ('trackAudience' in resource) return allowedOnTrack(user, resource);
  // Drane staff read any teacher's attestation; a teacher only their own.
  if (permission === 'download-attestation' && user.role === 'drane') return true;
  if (!isSessionRef(resource)) return resource.userId !== null && resource.userId === user.id;
  if (user.role === 'drane') return resource.audience === 'teacher';
  if (user.role !== 'trainer' && user.role !== 'coordinator') return false;
  if (user.organisationId === null || resource.organisationId !== user.organisationId) return false;
  if (!audienceFits(resource)) return false;
  return user.role === 'coordinator' || !ABOUT_ATTENDEES.has(permission) || resource.trainerId === user.id;
}

// A Ligue session is for parents, a Drane one for teachers (finding 5 of issue 14): else a
// trainer could publish a session for the other audience and read who books it.
export function audienceFits(resource: SessionRef): boolean {
  return resource.organisationAudience == null || resource.organisationAudience === resource.audience;
}

// Without a resource, the answer is whether the role may do this to some resource at all.
export function decide(user: SessionUser | null | undefined, permission: Permission, resource?: Resource): Decision {
  if (!user) return 'unauthenticated';
  if (!GRANTS[permission].includes(user.role)) return 'forbidden';
  if (permission === 'book-teacher-session' && !user.emailVerified) return 'unconfirmed';
  if (resource && !allowedOn(user, permission, resource)) return 'forbidden';
  return 'allowed';
}

export function can(user: SessionUser | null | undefined, permission: Permission, resource?: Resource): boolean {
  return decide(user, permission, resource) === 'allowed';
}

// Where each role lands after signing in.
export function homePath(user: SessionUser): string {
  switch (user.role) {
    case 'teacher':
      return '/enseignant';
    case 'trainer':
    case 'coordinator':
      return '/formateur';
    case 'drane':
    case 'city':
      return '/drane';
    case 'admin':
      return '/admin';
  }
}

const DENIAL_KEYS: Record<Exclude<Decision, 'allowed'>, string> = {
  unauthenticated: 'auth.errors.signInRequired',
  forbidden: 'auth.errors.forbidden',
  unconfirmed: 'auth.errors.emailNotConfirmed',
};

// For endpoints: null when allowed, else the 401 or 403 JSON answer.
export function guardApi(locals: App.Locals, permission: Permission, resource?: Resource): Response | null {
  const decision = decide(locals.user, permission, resource);
  if (decision === 'allowed') return null;
  return jsonError(decision === 'unauthenticated' ? 401 : 403, t(locals.lang ?? 'fr', DENIAL_KEYS[decision]));
}

type PageContext = Pick<AstroGlobal | APIContext, 'locals' | 'url' | 'redirect'>;

// For pages: null when allowed; anonymous people go to the sign-in page (and come back),
// others get the "not allowed" page with a 403.
export function guardPage(context: PageContext, permission: Permission, resource?: Resource): Response | null {
  const decision = decide(context.locals.user, permission, resource);
  if (decision === 'allowed') return null;
  if (decision === 'unauthenticated') {
    return context.redirect(`/login?next=${encodeURIComponent(context.url.pathname + context.url.search)}`, 302);
  }
  return forbiddenPage(context.locals.lang ?? 'fr', DENIAL_KEYS[decision]);
}

// A plain page rather than a rewrite: it must not depend on any other route being healthy.
export function forbiddenPage(lang: App.Locals['lang'], messageKey: string): Response {
  const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const body = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(t(lang, 'auth.forbidden.title'))}</title></head>
<body style="font:1.0625rem/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem">
<h1>${escape(t(lang, 'auth.forbidden.title'))}</h1><p>${escape(t(lang, messageKey))}</p>
<p><a href="/espace">${escape(t(lang, 'auth.forbidden.home'))}</a></p></body></html>`;
  return new Response(body, { status: 403, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}
