// Reschedule, cancel and capacity changes: one write each, with the attendees' messages and
// invites and the audit entry, or nothing at all.
import { describe, expect, it } from 'vitest';
import { cancelRegistration } from '~/features/registration/cancellation.server';
import { getRegistration } from '~/features/registration/find-registration.server';
import {
  CapacityBelowConfirmedError,
  SessionChangeError,
  cancelSession,
  changeCapacity,
  rescheduleSession,
} from '~/features/sessions/session-changes.server';
import { testCity } from '../helpers/portal';
import { book } from '../helpers/mail';
import { createSession, DAY } from '../helpers/world';

const TRAINER = { kind: 'user' as const, userId: null };

const city = testCity();

async function messages(sessionId: number, kind: string) {
  const rs = await city.db.$client.execute({
    sql: `select o.recipient, o.payload from outbox o join registrations r on r.id = o.registration_id where r.session_id = ? and o.kind = ?
        order by o.id`,
    args: [sessionId, kind],
  });
  return (rs.rows as unknown as { recipient: string; payload: string }[]).map((r) => ({
    recipient: r.recipient,
    payload: JSON.parse(r.payload),
  }));
}

async function session(id: number) {
  const rs = await city.db.$client.execute({ sql: 'select * from sessions where id = ?', args: [id] });
  return rs.rows[0] as unknown as Record<string, number | string | null>;
}

async function auditActions(sessionId: number) {
  const rs = await city.db.$client.execute({
    sql: `select action from audit_log where subject_type = 'session' and subject_id = ? order by id`,
    args: [String(sessionId)],
  });
  return rs.rows.map((r) => r.action);
}

describe('rescheduleSession', () => {
  it('moves the session and tells confirmed attendees only, with the old values and the next SEQUENCE', async () => {
    const start = Date.now() + 10 * DAY;
    const sessionId = await createSession(city.db, { capacity: 1, startsAt: start });
    const seated = await book(city.db, sessionId, { email: 'seated@example.fr' });
    await book(city.db, sessionId, { email: 'waiting@example.fr' });
    const result = await rescheduleSession(
      city.db,
      sessionId,
      { startsAt: start + DAY, endsAt: start + DAY + 2 * 3600_000, venueAddress: '1 place Sadi-Carnot' },
      TRAINER,
    );
    expect(result).toEqual({ changed: true, attendees: 1, emails: 1 });
    const s = await session(sessionId);
    expect(s).toMatchObject({ starts_at: start + DAY, venue_address: '1 place Sadi-Carnot', change_count: 1 });
    const [updated] = await messages(sessionId, 'session-updated');
    expect(updated!.recipient).toBe('seated@example.fr');
    expect(updated!.payload).toMatchObject({ method: 'REQUEST', sequence: 1, session: { startsAt: start + DAY, changeCount: 1 } });
    expect(updated!.payload.previous).toEqual({
      startsAt: start,
      endsAt: start + 2 * 3600_000,
      venueName: 'École élémentaire Belsunce',
      venueAddress: '12 rue Belsunce, 13001 Marseille',
    });
    expect((await getRegistration(city.db, seated.registration.id))!.inviteSequence).toBe(2);
    expect(await auditActions(sessionId)).toEqual(['session.rescheduled']);
  });

  it('changes nothing and tells nobody when nothing attendees see has changed', async () => {
    const sessionId = await createSession(city.db);
    await book(city.db, sessionId);
    const s = await session(sessionId);
    expect(await rescheduleSession(city.db, sessionId, { startsAt: Number(s.starts_at) }, TRAINER)).toEqual({
      changed: false,
      attendees: 0,
      emails: 0,
    });
    expect(await messages(sessionId, 'session-updated')).toEqual([]);
  });

  it('refuses an end before the start, a cancelled session and an unknown one', async () => {
    const sessionId = await createSession(city.db);
    const s = await session(sessionId);
    await expect(rescheduleSession(city.db, sessionId, { endsAt: Number(s.starts_at) - 1 }, TRAINER)).rejects.toMatchObject({
      reason: 'invalid-times',
    });
    await cancelSession(city.db, sessionId, '', TRAINER);
    await expect(rescheduleSession(city.db, sessionId, { startsAt: Date.now() + DAY }, TRAINER)).rejects.toMatchObject({
      reason: 'cancelled',
    });
    await expect(rescheduleSession(city.db, 999_999, { startsAt: Date.now() + DAY }, TRAINER)).rejects.toBeInstanceOf(SessionChangeError);
  });

  it('tells each attendee once when two organisers move the session at the same moment', async () => {
    const start = Date.now() + 10 * DAY;
    const sessionId = await createSession(city.db, { startsAt: start });
    await book(city.db, sessionId);
    const moves = [1, 2].map((h) =>
      rescheduleSession(city.db, sessionId, { startsAt: start + h * 3600_000, endsAt: start + (h + 2) * 3600_000 }, TRAINER),
    );
    await Promise.allSettled(moves);
    const s = await session(sessionId);
    expect(s.change_count).toBe(2);
    const updates = await messages(sessionId, 'session-updated');
    expect(updates.map((u) => u.payload.sequence)).toEqual([1, 2]);
    expect(updates[1]!.payload.previous.startsAt).toBe(updates[0]!.payload.session.startsAt);
  });
});

describe('cancelSession', () => {
  it('cancels with the reason, a CANCEL for seats and a plain message for the waitlist', async () => {
    const sessionId = await createSession(city.db, { capacity: 1 });
    await book(city.db, sessionId, { email: 'a@example.fr' });
    await book(city.db, sessionId, { email: 'b@example.fr' });
    expect(await cancelSession(city.db, sessionId, '  Grève des transports  ', TRAINER)).toEqual({ attendees: 2, emails: 2 });
    expect(await session(sessionId)).toMatchObject({ status: 'cancelled', cancel_reason: 'Grève des transports', change_count: 1 });
    const sent = await messages(sessionId, 'session-cancelled');
    expect(sent.map((m) => [m.recipient, m.payload.status, m.payload.sequence])).toEqual([
      ['a@example.fr', 'confirmed', 1],
      ['b@example.fr', 'waitlisted', 0],
    ]);
    expect(sent[0]!.payload.session.cancelReason).toBe('Grève des transports');
    await expect(cancelSession(city.db, sessionId, 'encore', TRAINER)).rejects.toMatchObject({ reason: 'cancelled' });
    expect(await messages(sessionId, 'session-cancelled')).toHaveLength(2);
  });

  it('does not write to people who had already cancelled', async () => {
    const sessionId = await createSession(city.db);
    const gone = await book(city.db, sessionId, { email: 'gone@example.fr' });
    await cancelRegistration(city.db, gone.registration, { kind: 'manage-link' });
    expect(await cancelSession(city.db, sessionId, 'Salle indisponible', TRAINER)).toEqual({ attendees: 0, emails: 0 });
  });
});

describe('changeCapacity', () => {
  it('refuses to go below the confirmed seats, saying how many there are', async () => {
    const sessionId = await createSession(city.db, { capacity: 5 });
    await book(city.db, sessionId, { adults: 2 });
    await book(city.db, sessionId);
    const refused = changeCapacity(city.db, sessionId, 2, TRAINER);
    await expect(refused).rejects.toBeInstanceOf(CapacityBelowConfirmedError);
    await expect(refused).rejects.toMatchObject({ confirmedSeats: 3 });
    expect((await session(sessionId)).capacity).toBe(5);
    expect(await changeCapacity(city.db, sessionId, 3, TRAINER)).toEqual({ promoted: 0 });
    expect((await session(sessionId)).capacity).toBe(3);
  });

  it('promotes the head of the waitlist in arrival order when raised, in the same write', async () => {
    const sessionId = await createSession(city.db, { capacity: 1 });
    await book(city.db, sessionId);
    const second = await book(city.db, sessionId, { adults: 2 });
    const third = await book(city.db, sessionId);
    expect(await changeCapacity(city.db, sessionId, 3, TRAINER)).toEqual({ promoted: 1 });
    expect((await getRegistration(city.db, second.registration.id))!.status).toBe('confirmed');
    expect((await getRegistration(city.db, third.registration.id))!.status).toBe('waitlisted');
    expect((await messages(sessionId, 'promoted')).map((m) => m.recipient)).toEqual([second.registration.email]);
    expect(await auditActions(sessionId)).toEqual(['session.capacity-changed']);
  });

  it('refuses nonsense and cancelled sessions', async () => {
    const sessionId = await createSession(city.db);
    await expect(changeCapacity(city.db, sessionId, -1, TRAINER)).rejects.toMatchObject({ reason: 'invalid-capacity' });
    await cancelSession(city.db, sessionId, '', TRAINER);
    await expect(changeCapacity(city.db, sessionId, 20, TRAINER)).rejects.toMatchObject({ reason: 'cancelled' });
  });
});
