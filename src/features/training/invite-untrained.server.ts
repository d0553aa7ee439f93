// "Invite the untrained": the Drane planned a session at a school for equipment it has; one
// action tells that school's teachers not trained for it (those with an account by email,
// the others through the school's own address from the directory), in one audited write.
// Inviting again reaches only whom the first round did not (one dedupe key per person).
import type { SessionSnapshot } from '~/features/mail/outbox/session-snapshot';
import { eq } from 'drizzle-orm';
import { equipmentRollouts, outbox, schools } from '~db/schema';
import type { Db } from '~/platform/db/db.server';
import { config } from '~/platform/config/config';
import { auditStatement } from '~/features/audit/audit.server';
import { can } from '~/features/auth/permissions';
import type { SessionUser } from '~/features/accounts/users.server';
import { getSession } from '~/features/sessions/sessions.server';
import { untrainedFor } from './school-teachers';
import { bookedOnSession, schoolTeachers } from './school-teachers.server';

export const TRAINING_INVITE_KIND = 'training-invite';

export interface TrainingInvitePayload {
  name: string | null;
  toSchool: boolean;
  kinds: string[];
  bookUrl: string;
  // The facts every queued message carries about its session (one home: session-snapshot.ts).
  session: Pick<SessionSnapshot, 'id' | 'title' | 'startsAt' | 'endsAt' | 'venueName' | 'venueAddress' | 'organisation' | 'contactEmail'>;
}

export type InviteResult =
  { status: 200; accounts: number; schoolAddress: string | null; kinds: string[] } | { status: 403 | 404 | 409; error: string };

export async function inviteUntrained(db: Db, user: SessionUser, sessionId: number, now = Date.now()): Promise<InviteResult> {
  if (!can(user, 'manage-teacher-training')) return { status: 403, error: 'auth.errors.forbidden' };
  const session = await getSession(db, sessionId, now);
  if (!session || session.audience !== 'teacher') return { status: 404, error: 'errors.sessionNotFound' };
  if (!session.school || session.status !== 'scheduled' || session.startsAt <= now)
    return { status: 409, error: 'invite.action.notApplicable' };
  const uai = session.school.uai;
  const [rollouts, [school], teachers, booked] = await Promise.all([
    db.select({ kind: equipmentRollouts.kind }).from(equipmentRollouts).where(eq(equipmentRollouts.schoolUai, uai)),
    db.select({ contactEmail: schools.contactEmail }).from(schools).where(eq(schools.uai, uai)),
    schoolTeachers(db, uai, now),
    bookedOnSession(db, sessionId),
  ]);
  const kinds = session.equipmentKinds.filter((k) => rollouts.some((r) => r.kind === k));
  if (kinds.length === 0) return { status: 409, error: 'invite.action.notApplicable' };
  const invited = untrainedFor(kinds, teachers, booked);
  const base = {
    kinds,
    bookUrl: `${config.publicUrl}/sessions/${session.id}`,
    session: {
      id: session.id,
      title: session.title,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      venueName: session.venue.name,
      venueAddress: session.venue.address,
      organisation: session.organisation.name,
      contactEmail: session.organisation.contactEmail,
    },
  };
  const message = (key: string, recipient: string, payload: TrainingInvitePayload) =>
    db
      .insert(outbox)
      .values({
        dedupeKey: `${TRAINING_INVITE_KIND}:${session.id}:${key}`,
        kind: TRAINING_INVITE_KIND,
        recipient,
        language: 'fr',
        payload: { ...payload },
        channel: 'email',
      })
      .onConflictDoNothing({ target: outbox.dedupeKey });
  const schoolAddress = school?.contactEmail ?? null;
  await db.batch([
    auditStatement(db, { kind: 'user', userId: user.id }, 'session.invite-untrained', 'session', session.id, {
      school: uai,
      kinds,
      teachers: invited.map((t) => t.id),
      schoolAddress: schoolAddress !== null,
    }),
    ...invited.map((t) => message(`user:${t.id}`, t.email, { ...base, name: t.name, toSchool: false })),
    ...(schoolAddress ? [message(`school:${uai}`, schoolAddress, { ...base, name: null, toSchool: true })] : []),
  ]);
  return { status: 200, accounts: invited.length, schoolAddress, kinds };
}
