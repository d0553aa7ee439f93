// The inspector's (IEN) approval of a teacher's training in school time: a request that holds
// no seat, a one-time link to the approver, and the answer. Approved, the teacher is booked
// as anyone is (a seat or a waitlist place, with the ordinary confirmation and invite);
// refused, the teacher is told.
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { approvalRequests, auditLog, outbox, registrations, schools, sessions, trackApprovers, tracks, users } from '~db/schema';
import { auditColumns, auditStatement, newOp, type Actor } from '~/features/audit/audit.server';
import { bookSeat } from '~/features/registration/book-seat.server';
import { cancelRegistration } from '~/features/registration/cancellation.server';
import { getRegistration } from '~/features/registration/find-registration.server';
import { promoteFromWaitlist } from '~/features/registration/waitlist.server';
import type { RegistrationInput } from '~/features/registration/registration-input';
import { getSession, sessionDates, type SessionView } from '~/features/sessions/sessions.server';
import type { ApprovalPayload } from '~/features/mail/messages/approval';
import { config } from '~/platform/config/config';
import type { Db } from '~/platform/db/db.server';
import { insertColumns } from '~/platform/db/query-parts';
import { generateSecret, hashSecret } from '~/platform/text/tokens';
import { needsApproval, type ApprovalDecision } from './approval';

export function approvalUrl(token: string): string {
  return `${config.publicUrl}/approbation/${token}`;
}

// Who must approve a booking of this session, or null: its track asks for an approver and a
// date still held falls in school time. One small read for every other teacher booking.
export async function approverFor(db: Db, sessionId: number): Promise<{ email: string; session: SessionView } | null> {
  const [row] = await db
    .select({ email: trackApprovers.approverEmail })
    .from(trackApprovers)
    .innerJoin(sessions, eq(sessions.trackId, trackApprovers.trackId))
    .where(and(eq(sessions.id, sessionId), eq(sessions.audience, 'teacher')));
  if (!row) return null;
  const session = await getSession(db, sessionId);
  return session && needsApproval(sessionDates(session)) ? { email: row.email, session } : null;
}

// The step before a teacher's booking: null when no approval is needed (or it was given:
// the booking goes ahead, or gives back the booking made then), else the request waiting.
export async function approvalStep(db: Db, sessionId: number, teacher: Teacher, now = Date.now()) {
  const approver = await approverFor(db, sessionId);
  if (!approver) return null;
  const [approved] = await db
    .select({ id: approvalRequests.id })
    .from(approvalRequests)
    .where(
      and(eq(approvalRequests.sessionId, sessionId), eq(approvalRequests.userId, teacher.id), eq(approvalRequests.status, 'approved')),
    );
  if (approved) return null;
  const request = await requestApproval(db, approver.session, teacher, approver.email, now);
  return approver.session.seatsLeft > 0 ? request : waitWithApproval(db, sessionId, request, teacher, now);
}

// A full session: the teacher joins the waitlist now, in arrival order, while the IEN is asked.
// The request is written first, so the booking statement and every promotion see it: the place
// is never a seat until the IEN agrees (seat-sql.ts `awaitingApproval`).
async function waitWithApproval(db: Db, sessionId: number, request: { id: number; approverEmail: string }, teacher: Teacher, now: number) {
  const person = teacherAsPerson(teacher);
  const outcome = await bookSeat(
    db,
    { sessionId, person, userId: teacher.id, actor: { kind: 'user', userId: teacher.id }, audience: 'teacher' },
    now,
  );
  const registration = outcome.kind === 'created' || outcome.kind === 'existing' ? outcome.registration : null;
  if (registration) await db.update(approvalRequests).set({ registrationId: registration.id }).where(eq(approvalRequests.id, request.id));
  return { ...request, waitlisted: registration?.status === 'waitlisted' };
}

// Drane staff name (or remove, with null) the approver of a teacher track.
export async function setTrackApprover(db: Db, trackId: number, approverEmail: string | null, actor: Actor) {
  const change = approverEmail
    ? db
        .insert(trackApprovers)
        .values({ trackId, approverEmail })
        .onConflictDoUpdate({ target: trackApprovers.trackId, set: { approverEmail } })
    : db.delete(trackApprovers).where(eq(trackApprovers.trackId, trackId));
  await db.batch([change, auditStatement(db, actor, 'track.approver-set', 'track', trackId, { approverEmail })]);
}

interface Teacher {
  id: number;
  name: string;
  email: string;
  schoolUai: string | null;
}

function payloadOf(session: SessionView, teacherName: string, school: string): ApprovalPayload {
  return {
    teacherName,
    school,
    title: session.title,
    organisation: session.organisation.name,
    dates: sessionDates(session)
      .filter((d) => d.status !== 'cancelled')
      .map((d) => ({ startsAt: d.startsAt, endsAt: d.endsAt })),
  };
}

async function schoolName(db: Db, uai: string | null): Promise<string> {
  if (!uai) return '';
  const [row] = await db.select({ name: schools.name }).from(schools).where(eq(schools.uai, uai));
  return row?.name ?? uai;
}

// The teacher's pending request (made now, or the one already waiting: no second email).
export async function requestApproval(db: Db, session: SessionView, teacher: Teacher, approverEmail: string, now = Date.now()) {
  const token = generateSecret();
  const tokenHash = hashSecret(token);
  const payload = { ...payloadOf(session, teacher.name, await schoolName(db, teacher.schoolUai)), url: approvalUrl(token) };
  const ours = eq(approvalRequests.tokenHash, tokenHash);
  const subject = sql<string>`cast(${approvalRequests.id} as text)`;
  await db.batch([
    db
      .insert(approvalRequests)
      .values({ sessionId: session.id, userId: teacher.id, approverEmail, tokenHash, createdAt: now })
      .onConflictDoNothing(),
    db.insert(outbox).select(
      db
        .select(
          insertColumns(outbox, { dedupeKey: `approval-request:${newOp()}`, kind: 'approval-request', recipient: approverEmail, payload }),
        )
        .from(approvalRequests)
        .where(ours),
    ),
    db.insert(auditLog).select(
      db
        .select(
          auditColumns(
            { kind: 'user', userId: teacher.id },
            'approval.requested',
            'approval',
            subject,
            sql`json_object('sessionId', ${session.id})`,
          ),
        )
        .from(approvalRequests)
        .where(ours),
    ),
  ]);
  const [row] = await db
    .select({ id: approvalRequests.id, approverEmail: approvalRequests.approverEmail })
    .from(approvalRequests)
    .where(
      and(eq(approvalRequests.sessionId, session.id), eq(approvalRequests.userId, teacher.id), eq(approvalRequests.status, 'pending')),
    );
  return row!;
}

export async function approvalForToken(db: Db, token: string) {
  if (!/^[a-z2-7]{16,64}$/.test(token)) return null;
  const [row] = await db
    .select({
      id: approvalRequests.id,
      sessionId: approvalRequests.sessionId,
      approverEmail: approvalRequests.approverEmail,
      registrationId: approvalRequests.registrationId,
      teacher: { id: users.id, name: users.name, email: users.email, schoolUai: users.schoolUai },
    })
    .from(approvalRequests)
    .innerJoin(users, eq(users.id, approvalRequests.userId))
    .where(and(eq(approvalRequests.tokenHash, hashSecret(token)), eq(approvalRequests.status, 'pending')));
  if (!row) return null;
  const session = await getSession(db, row.sessionId);
  return session ? { ...row, session, school: await schoolName(db, row.teacher.schoolUai) } : null;
}

function teacherAsPerson(teacher: { name: string; email: string; schoolUai: string | null }): RegistrationInput {
  const [firstName, ...rest] = teacher.name.trim().split(/\s+/);
  return {
    firstName: firstName ?? teacher.name,
    lastName: rest.join(' ') || firstName || teacher.name,
    email: teacher.email,
    phone: null,
    schoolUai: teacher.schoolUai,
    language: 'fr',
    adults: 1,
  };
}

// The approver's answer, once (the link is spent by the same conditional update that records
// it). Approved: the ordinary booking, whose confirmation tells the teacher. Refused: told too.
export async function decideApproval(db: Db, token: string, decision: ApprovalDecision, now = Date.now()) {
  const request = await approvalForToken(db, token);
  if (!request) return { ok: false as const };
  const actor: Actor = { kind: 'manage-link' };
  const status = decision === 'approve' ? 'approved' : 'refused';
  const spent = db
    .update(approvalRequests)
    .set({ status, decidedAt: now, tokenHash: null })
    .where(and(eq(approvalRequests.id, request.id), eq(approvalRequests.status, 'pending')))
    .returning({ id: approvalRequests.id });
  const audit = auditStatement(db, actor, `approval.${status}`, 'approval', request.id, { sessionId: request.sessionId });
  if (decision === 'refuse') {
    const payload = payloadOf(request.session, request.teacher.name, request.school);
    const told = db
      .insert(outbox)
      .select(
        db
          .select(
            insertColumns(outbox, {
              dedupeKey: `approval-refused:${request.id}`,
              kind: 'approval-refused',
              recipient: request.teacher.email,
              payload: { ...payload },
            }),
          )
          .from(approvalRequests)
          .where(and(eq(approvalRequests.id, request.id), eq(approvalRequests.status, 'refused'))),
      )
      .onConflictDoNothing({ target: outbox.dedupeKey });
    const [rows] = await db.batch([spent, told, audit]);
    if (!rows.length) return { ok: false as const };
    // A waitlist place held while the IEN was asked is given up (the teacher hears it).
    const held = request.registrationId ? await getRegistration(db, request.registrationId) : null;
    if (held && held.status === 'waitlisted') await cancelRegistration(db, held, actor, {}, now);
    return { ok: true as const, status };
  }
  const [rows] = await db.batch([spent, audit]);
  if (!rows.length) return { ok: false as const };
  const outcome = await bookSeat(
    db,
    {
      sessionId: request.sessionId,
      person: teacherAsPerson(request.teacher),
      userId: request.teacher.id,
      actor,
      audience: 'teacher',
    },
    now,
  );
  const registrationId = outcome.kind === 'created' || outcome.kind === 'existing' ? outcome.registration.id : null;
  if (registrationId) await db.update(approvalRequests).set({ registrationId }).where(eq(approvalRequests.id, request.id));
  // A teacher who waited in line may now take a seat that freed meanwhile, in arrival order.
  // Still full: nothing else would tell them the IEN agreed, so a message says so, in the same
  // write and only if they are still waiting once the promotion has run.
  if (outcome.kind === 'existing' && outcome.registration.status === 'waitlisted') {
    const stillWaiting = db
      .insert(outbox)
      .select(
        db
          .select(
            insertColumns(outbox, {
              dedupeKey: `approval-granted-waiting:${request.id}`,
              kind: 'approval-granted-waiting',
              recipient: request.teacher.email,
              payload: { ...payloadOf(request.session, request.teacher.name, request.school) },
            }),
          )
          .from(registrations)
          .where(and(eq(registrations.id, outcome.registration.id), eq(registrations.status, 'waitlisted'))),
      )
      .onConflictDoNothing({ target: outbox.dedupeKey });
    await db.batch([...promoteFromWaitlist(db, request.sessionId, newOp(), actor, now), stillWaiting]);
  }
  return { ok: true as const, status, booked: outcome.kind };
}

const approverBody = z
  .object({ approverEmail: z.string().trim().toLowerCase().email({ error: 'courses.errors.approverEmail' }).max(254).nullable() })
  .strict();

// `PUT /api/v1/tracks/:id/approver`: only teacher tracks ask for an approval.
export async function changeTrackApprover(db: Db, trackId: number, body: unknown, actor: Actor) {
  const parsed = approverBody.safeParse(body ?? {});
  if (!parsed.success) return { status: 422 as const, errors: { approverEmail: 'courses.errors.approverEmail' } };
  const [track] = await db.select({ id: tracks.id, audience: tracks.audience }).from(tracks).where(eq(tracks.id, trackId));
  if (!track) return { status: 404 as const, error: 'courses.errors.trackNotFound' };
  if (track.audience !== 'teacher') return { status: 409 as const, error: 'courses.errors.approverTeacherOnly' };
  await setTrackApprover(db, trackId, parsed.data.approverEmail, actor);
  return { status: 200 as const, track: { id: trackId, approverEmail: parsed.data.approverEmail } };
}
