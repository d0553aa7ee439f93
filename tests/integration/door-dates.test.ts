// The door page of a course over several dates, against the built server without JavaScript:
// it opens on today's date, names it and links to the others; each mark, undo, walk-in and end
// of call records that date only, and the booking's own mark follows. Also: an absence undone
// withdraws the "on vous a manqué" still waiting, and leaves one already sent alone.
import { beforeAll, describe, expect, it } from 'vitest';
import { MISSED_YOU_WITHDRAWN } from '~/features/attendance/no-shows.server';
import { formatDay } from '~/platform/text/dates';
import { type Client, createAccounts, signedIn, type Accounts } from '../helpers/auth';
import { testPortal } from '../helpers/portal';
import { createSession, DAY } from '../helpers/world';

const HOUR = 3_600_000;
let people: Accounts;
let trainer: Client;

const portal = testPortal({ seed: async (db) => void (people = await createAccounts(db)) });
beforeAll(async () => {
  trainer = await signedIn(portal.url, people.trainer.email);
});

const post = (path: string, fields: Record<string, string>) =>
  trainer.request('POST', path, { body: new URLSearchParams(fields), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
const read = (path: string) => trainer.read(path);
async function rows(sql: string, args: (string | number)[] = []) {
  return (await portal.db.$client.execute({ sql, args })).rows.map((r) => ({ ...r }));
}

// Three dates a week apart, the second under way (started ten minutes ago).
async function course(title = 'Parcours numérique') {
  const starts = [Date.now() - 7 * DAY - 10 * 60_000, Date.now() - 10 * 60_000, Date.now() + 7 * DAY - 10 * 60_000];
  const id = await createSession(portal.db, { startsAt: starts[0]!, title });
  await portal.db.$client.execute({ sql: 'update sessions set ends_at = ? where id = ?', args: [starts[2]! + 2 * HOUR, id] });
  const dates: { id: number; startsAt: number }[] = [];
  for (const startsAt of starts) {
    const rs = await portal.db.$client.execute({
      sql: 'insert into session_dates (session_id, starts_at, ends_at) values (?, ?, ?) returning id',
      args: [id, startsAt, startsAt + 2 * HOUR],
    });
    dates.push({ id: Number(rs.rows[0]!.id), startsAt });
  }
  return { id, dates, door: `/formateur/sessions/${id}/presences` };
}

let codes = 0;
async function seat(sessionId: number, firstName: string, contact: { email?: string; phone?: string } = {}) {
  codes++;
  const rs = await portal.db.$client.execute({
    sql: `insert into registrations (session_id, status, first_name, last_name, email, phone, language, code)
        values (?, 'confirmed', ?, 'Test', ?, ?, 'fr', ?) returning id`,
    args: [
      sessionId,
      firstName,
      contact.email ?? null,
      contact.phone ?? `+336112200${String(codes).padStart(2, '0')}`,
      `DD${sessionId}X${codes}`,
    ],
  });
  return Number(rs.rows[0]!.id);
}

const dateRows = (id: number) =>
  rows('select date_id as dateId, present, status from date_attendance where registration_id = ? order by date_id', [id]);
const ownMark = (id: number) => rows('select present, status from attendance where registration_id = ?', [id]);

describe('the door page of a course', () => {
  it("opens on today's date, names it, links to the others, and marks, corrects and undoes that date only", async () => {
    const { id, dates, door } = await course();
    const [d1, d2, d3] = dates as [(typeof dates)[0], (typeof dates)[0], (typeof dates)[0]];
    const amina = await seat(id, 'Amina');
    const page = await read(door);
    expect(page).toContain(`Séance 2 sur 3 — ${formatDay(d2.startsAt, 'fr')}`);
    expect(page).toContain(`href="${door}?seance=${d1.id}"`);
    expect(page).toContain(`href="${door}?seance=${d3.id}"`);
    expect(page).toContain(`name="dateId" value="${d2.id}"`);

    const mark = (dateId: number, status: string, key?: string) =>
      post(door, { intent: 'mark', registrationId: String(amina), status, dateId: String(dateId), ...(key ? { key } : {}) });
    const late = await mark(d2.id, 'late', 'date-tap-0001');
    expect(late.location).toBe(`${door}?seance=${d2.id}&marque=${amina}#r-${amina}`);
    expect(await read(late.location!)).toContain('Amina Test : arrivée en retard notée.');
    // The same tap again changes nothing, even with another status.
    await mark(d2.id, 'excused', 'date-tap-0001');
    expect(await dateRows(amina)).toEqual([{ dateId: d2.id, present: 1, status: 'late' }]);
    expect(await ownMark(amina)).toEqual([{ present: 1, status: 'late' }]);
    expect(
      await rows(`select count(*) as n from audit_log where action = 'attendance.date-marked' and subject_id = ?`, [String(amina)]),
    ).toEqual([{ n: 1 }]);

    // Date 1, filled in later from the paper sheet: absent there, still came to the course.
    const first = await read(`${door}?seance=${d1.id}`);
    expect(first).toContain(`Séance 1 sur 3 — ${formatDay(d1.startsAt, 'fr')}`);
    expect(first).toMatch(/Présent<span class="visually-hidden"[^>]*> : Amina Test/);
    await mark(d1.id, 'absent');
    expect(await dateRows(amina)).toEqual([
      { dateId: d1.id, present: 0, status: 'absent' },
      { dateId: d2.id, present: 1, status: 'late' },
    ]);
    expect(await ownMark(amina)).toEqual([{ present: 1, status: 'late' }]);

    // Undo on date 2: the course now reads as missed.
    const undo = await post(door, { intent: 'undo', registrationId: String(amina), dateId: String(d2.id) });
    expect(undo.location).toBe(`${door}?seance=${d2.id}&retire=${amina}#r-${amina}`);
    expect(await dateRows(amina)).toEqual([{ dateId: d1.id, present: 0, status: 'absent' }]);
    expect(await ownMark(amina)).toEqual([{ present: 0, status: 'absent' }]);

    // Date 3 is next week: its register is not open yet.
    const early = await mark(d3.id, 'present');
    expect(early.status).toBe(409);
    expect(await read(`${door}?seance=${d3.id}`)).toContain("L'appel de cette séance ouvre le");
    await post(door, { intent: 'undo', registrationId: String(amina), dateId: String(d1.id) });
    expect(await dateRows(amina)).toEqual([]);
    expect(await ownMark(amina)).toEqual([]);
  });

  it('adds a walk-in for that date only, once for one key, and closes the call for that date only', async () => {
    const { id, dates, door } = await course();
    const [d1, d2] = dates as [(typeof dates)[0], (typeof dates)[0]];
    const karim = await seat(id, 'Karim');
    const leila = await seat(id, 'Leila');
    await post(door, { intent: 'mark', registrationId: String(karim), status: 'present', dateId: String(d1.id) });
    const walkIn = {
      intent: 'walk-in',
      firstName: 'Malik',
      lastName: 'Nouveau',
      adults: '1',
      key: 'walk-in-date-2',
      dateId: String(d2.id),
    };
    const added = await post(door, walkIn);
    expect(added.location).toMatch(new RegExp(`^${door}\\?seance=${d2.id}&ajoute=\\d+#r-\\d+$`));
    expect((await post(door, walkIn)).location).toBe(added.location);
    const [malik] = await rows(`select id, status from registrations where session_id = ? and last_name = 'Nouveau'`, [id]);
    expect(malik).toMatchObject({ status: 'confirmed' });
    expect(await dateRows(Number(malik!.id))).toEqual([{ dateId: d2.id, present: 1, status: 'present' }]);

    await post(door, { intent: 'mark', registrationId: String(karim), status: 'present', dateId: String(d2.id) });
    const close = await post(door, { intent: 'close', dateId: String(d2.id) });
    expect(close.location).toBe(`${door}?seance=${d2.id}&absents=1`);
    expect(await read(close.location!)).toContain('1 personne notée absente.');
    expect(await dateRows(leila)).toEqual([{ dateId: d2.id, present: 0, status: 'absent' }]);
    expect(await dateRows(karim)).toEqual([
      { dateId: d1.id, present: 1, status: 'present' },
      { dateId: d2.id, present: 1, status: 'present' },
    ]);
    // The counts are the date's: Karim and Malik came to date 2, Leila did not.
    expect(await read(`${door}?seance=${d2.id}`)).toContain('Présents : 2 sur 3 inscrits');
    expect(await read(`${door}?seance=${d1.id}`)).toContain('Présents : 1 sur 3 inscrits');

    // Someone still on the waitlist who comes to date 2 takes a seat, marked for that date.
    const waiting = await seat(id, 'Sami');
    await portal.db.$client.execute({ sql: `update registrations set status = 'waitlisted' where id = ?`, args: [waiting] });
    await post(door, { intent: 'mark', registrationId: String(waiting), status: 'present', dateId: String(d2.id) });
    expect(await rows('select status from registrations where id = ?', [waiting])).toEqual([{ status: 'confirmed' }]);
    expect(await dateRows(waiting)).toEqual([{ dateId: d2.id, present: 1, status: 'present' }]);
  });

  it('takes late and excused per date through the API, and prints one sign-in sheet per date', async () => {
    const { id, dates } = await course();
    const [, d2] = dates as [(typeof dates)[0], (typeof dates)[0]];
    const nora = await seat(id, 'Nora');
    const put = (body: unknown) =>
      trainer.request('PUT', `/api/v1/registrations/${nora}/attendance`, {
        body: JSON.stringify(body),
        headers: { 'Content-Type': 'application/json' },
      });
    const res = await put({ status: 'excused', dateId: d2.id, key: 'api-date-key-1' });
    expect(res.status, res.text).toBe(200);
    expect(res.json<{ attendance: unknown }>().attendance).toEqual({
      registrationId: nora,
      present: false,
      dates: [{ dateId: d2.id, present: false, status: 'excused' }],
    });
    expect(await ownMark(nora)).toEqual([{ present: 0, status: 'excused' }]);

    const sheet = await read(`/formateur/sessions/${id}/emargement`);
    for (const n of [1, 2, 3]) expect(sheet).toContain(`Séance ${n} sur 3`);
    const one = await read(`/formateur/sessions/${id}/emargement?seance=${d2.id}`);
    expect(one).toContain('Séance 2 sur 3');
    expect(one).not.toContain('Séance 1 sur 3');
  });
});

describe('an absence corrected', () => {
  it('withdraws the "on vous a manqué" still waiting, and leaves one already sent', async () => {
    const ended = await createSession(portal.db, { startsAt: Date.now() - 3 * HOUR, durationMinutes: 120, title: 'Rattrapage ENT' });
    const fatima = await seat(ended, 'Fatima', { email: 'fatima.absente@example.test', phone: '+33611229911' });
    const hugo = await seat(ended, 'Hugo', { phone: '+33611229922' });
    const door = `/formateur/sessions/${ended}/presences`;
    await post(door, { intent: 'close' });
    const outbox = (id: number) =>
      rows(`select channel, status, last_error as error from outbox where kind = 'missed-you' and registration_id = ? order by channel`, [
        id,
      ]);
    expect(await outbox(fatima)).toEqual([
      { channel: 'email', status: 'pending', error: null },
      { channel: 'sms', status: 'pending', error: null },
    ]);
    // Fatima was there after all: both her messages are given up, kept as a trace.
    await post(door, { intent: 'mark', registrationId: String(fatima), status: 'present' });
    expect(await outbox(fatima)).toEqual([
      { channel: 'email', status: 'failed', error: MISSED_YOU_WITHDRAWN },
      { channel: 'sms', status: 'failed', error: MISSED_YOU_WITHDRAWN },
    ]);
    // Hugo's went already: undoing his absence leaves it as it is.
    await portal.db.$client.execute({
      sql: `update outbox set status = 'sent' where kind = 'missed-you' and registration_id = ?`,
      args: [hugo],
    });
    await post(door, { intent: 'undo', registrationId: String(hugo) });
    expect(await outbox(hugo)).toEqual([{ channel: 'sms', status: 'sent', error: null }]);
    expect(await ownMark(hugo)).toEqual([]);
  });
});
