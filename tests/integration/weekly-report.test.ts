// The weekly report: what it says about a week, when it is due (Monday 07:00, Paris), and that
// it is made and emailed once per week even when several instances reach it together.
import { beforeAll, describe, expect, it } from 'vitest';
import { parisLocalToUtc } from '~/platform/text/dates';
import { openDb, prepareConnection } from '~/platform/db/db.server';
import { composeMessage } from '~/features/mail/messages';
import { runJobIfDue } from '~/platform/jobs/scheduler.server';
import { buildWeeklyReport } from '~/features/readiness/weekly-report/weekly-report.server';
import {
  getWeeklyReport,
  publishWeeklyReport,
  reportWeekAt,
  weeklyReportJob,
} from '~/features/readiness/weekly-report/weekly-report-job.server';
import { testCity } from '../helpers/portal';
import { createSession } from '../helpers/world';

const city = testCity();
const at = (date: string, time: string) => parisLocalToUtc(date, time)!;
const MONDAY_7 = at('2027-04-05', '07:00');

async function user(email: string, role: string, extra: { school?: string; active?: number } = {}) {
  const rs = await city.db.$client.execute({
    sql: `insert into users (email, name, role, school_uai, active, email_verified_at) values (?, ?, ?, ?, ?, 1) returning id`,
    args: [email, email.split('@')[0]!, role, extra.school ?? null, extra.active ?? 1],
  });
  return Number(rs.rows[0]!.id);
}

async function registration(sessionId: number, who: { userId?: number; phone?: string }, present: boolean | null) {
  const rs = await city.db.$client.execute({
    sql: `insert into registrations (session_id, status, first_name, last_name, phone, user_id, code)
        values (?, 'confirmed', 'A', 'B', ?, ?, ?) returning id`,
    args: [sessionId, who.phone ?? null, who.userId ?? null, `R${sessionId}${who.userId ?? who.phone}`.slice(0, 12)],
  });
  if (present !== null)
    await city.db.$client.execute({
      sql: 'insert into attendance (registration_id, present) values (?, ?)',
      args: [Number(rs.rows[0]!.id), present ? 1 : 0],
    });
}

beforeAll(async () => {
  await user('sophie@ac-aix-marseille.fr', 'drane');
  await user('karim@marseille.test', 'city');
  await user('ancien@marseille.test', 'city', { active: 0 });
  const teachers = await Promise.all(['a', 'b', 'c'].map((x) => user(`${x}@ac-aix-marseille.fr`, 'teacher', { school: '0130002B' })));
  // Week 13 of 2027: Monday 29 March to Sunday 4 April.
  const training = await createSession(city.db, { audience: 'teacher', startsAt: at('2027-03-30', '14:00'), schoolUai: '0130002B' });
  for (const [i, id] of teachers.entries()) await registration(training, { userId: id }, i < 2);
  const workshop = await createSession(city.db, { startsAt: at('2027-04-04', '10:00') });
  for (const phone of ['0600000001', '0600000002']) await registration(workshop, { phone }, null);
  await createSession(city.db, { startsAt: at('2027-04-01', '18:00'), status: 'cancelled' });
  await createSession(city.db, { startsAt: at('2027-03-28', '10:00') }); // the Sunday before: week 12
  await city.db.$client.batch(
    [
      `insert into equipment_rollouts (school_uai, kind, quantity, planned_on, delivered_on)
          values ('0130001A', 'tablet', 16, '2027-03-20', '2027-03-31')`,
      `insert into equipment_rollouts (school_uai, kind, quantity, planned_on, delivered_on)
          values ('0130002B', 'interactive-display', 5, '2027-01-10', '2027-02-01')`,
    ],
    'write',
  );
});

describe('when the report is due', () => {
  it('reports on the week before, from Monday 07:00 in Paris', () => {
    expect(reportWeekAt(at('2027-04-05', '06:59'))).toBeNull();
    expect(reportWeekAt(MONDAY_7)).toBe('2027-W13');
    expect(reportWeekAt(at('2027-04-08', '15:00'))).toBe('2027-W13');
    expect(reportWeekAt(at('2027-04-11', '23:59'))).toBe('2027-W13');
    // Winter time too: 07:00 in Paris is 06:00 UTC.
    expect(reportWeekAt(Date.UTC(2027, 0, 4, 5, 59))).toBeNull();
    expect(reportWeekAt(Date.UTC(2027, 0, 4, 6, 0))).toBe('2026-W53');
  });
});

describe("a week's report", () => {
  it("counts the week's sessions, attendance, newly equipped schools and schools at risk", async () => {
    const report = await buildWeeklyReport(city.db, '2027-W13', MONDAY_7);
    expect(report).toMatchObject({ isoWeek: '2027-W13', from: '2027-03-29', to: '2027-04-04' });
    expect(report.sessions.map((s) => [s.audience, s.status, s.confirmed, s.marked, s.present])).toEqual([
      ['teacher', 'scheduled', 3, 3, 2],
      ['parent', 'cancelled', 0, 0, 0],
      ['parent', 'scheduled', 2, 0, 0],
    ]);
    expect(report.attendance).toEqual({ marked: 3, present: 2, rate: 2 / 3, teachersTrained: 2 });
    expect(report.newlyEquipped).toEqual([
      { uai: '0130001A', name: 'École élémentaire Belsunce', arrondissement: 1, kinds: [{ kind: 'tablet', quantity: 16 }] },
    ]);
    // Belsunce: 12 teachers, none trained on tablets. Panier: 2 of 6 trained on displays.
    expect(report.atRisk.map((s) => [s.uai, s.kinds])).toEqual([
      ['0130001A', ['tablet']],
      ['0130002B', ['interactive-display']],
    ]);
    expect(report.totals).toMatchObject({ schools: 3, 'at-risk': 2, 'no-equipment': 1 });
    expect(report.changes.since).toBeNull();
  });
});

describe('the weekly job', () => {
  it('runs once when two instances reach it together: one archive, one email per staff member', async () => {
    const job = weeklyReportJob();
    expect(await runJobIfDue(city.db, job, 'a', at('2027-04-05', '06:30'))).toBe('not-due');
    // A second instance: its own connection to the same database.
    const other = openDb(city.databaseUrl);
    await prepareConnection(other, city.databaseUrl);
    const outcomes = await Promise.all([
      runJobIfDue(city.db, job, 'instance-a', MONDAY_7),
      runJobIfDue(other, job, 'instance-b', MONDAY_7),
    ]);
    other.$client.close();
    expect(outcomes.filter((o) => o === 'ran')).toHaveLength(1);
    expect(outcomes.filter((o) => o !== 'ran').every((o) => o === 'busy' || o === 'done')).toBe(true);
    expect(await runJobIfDue(city.db, job, 'instance-c', MONDAY_7 + 3600_000)).toBe('done');

    const reports = await city.db.$client.execute(`select iso_week from weekly_reports`);
    expect(reports.rows.map((r) => r.iso_week)).toEqual(['2027-W13']);
    const mails = await city.db.$client.execute(`select recipient, dedupe_key from outbox where kind = 'weekly-report' order by recipient`);
    expect(mails.rows.map((r) => r.recipient)).toEqual(['karim@marseille.test', 'sophie@ac-aix-marseille.fr']);
    const run = await city.db.$client.execute(`select result from job_runs where job = 'weekly-report' and period = '2027-W13'`);
    expect(JSON.parse(String(run.rows[0]!.result))).toEqual({ archived: 1, queued: 2, atRisk: 2 });
  });

  it('writes neither a second report nor a second email when the week is published again', async () => {
    const again = await Promise.all([
      publishWeeklyReport(city.db, '2027-W13', MONDAY_7),
      publishWeeklyReport(city.db, '2027-W13', MONDAY_7),
    ]);
    expect(again.map((r) => [r.archived, r.queued])).toEqual([
      [0, 0],
      [0, 0],
    ]);
    const mails = await city.db.$client.execute(`select count(*) as n from outbox where kind = 'weekly-report'`);
    expect(Number(mails.rows[0]!.n)).toBe(2);
  });

  it('emails the figures and a link to the archived report', async () => {
    const rs = await city.db.$client.execute(
      `select kind, language, payload from outbox where kind = 'weekly-report' and recipient = 'sophie@ac-aix-marseille.fr'`,
    );
    const row = rs.rows[0]!;
    const payload = JSON.parse(String(row.payload)) as Record<string, unknown>;
    expect(payload).not.toHaveProperty('snapshot');
    const mail = composeMessage({ kind: String(row.kind), language: String(row.language), payload });
    expect(mail.subject).toBe('Passerelle · rapport de la semaine 2027-W13 (du 29 mars au 4 avril 2027)');
    expect(mail.invite).toBeNull();
    expect(mail.text).toContain('Bonjour sophie,');
    expect(mail.text).toContain('Présence : 67\u202f% (2 présents sur 3 pointés)');
    expect(mail.text).toContain('École élémentaire Belsunce (1er) : 16 tablettes');
    expect(mail.text).toContain('École élémentaire Belsunce (1er) : 240 élèves, 0\u202f% des enseignants formés (tablettes)');
    expect(mail.text).toMatch(/\/drane\/rapports\/2027-W13\n/);
    expect(mail.text).toContain('Préparer la réunion : livraisons à venir, changements, suivis : http');
    expect(mail.text).toMatch(/\/drane\/rapports\/2027-W13\/reunion\n/);
    expect(mail.html).toContain('<strong>Les plus à risque</strong>');
  });

  it('compares the next week with the archived one', async () => {
    await city.db.$client.execute(`update schools set teachers = 2 where uai = '0130002B'`);
    await publishWeeklyReport(city.db, '2027-W14', at('2027-04-12', '07:00'));
    const next = (await getWeeklyReport(city.db, '2027-W14'))!.data;
    expect(next.changes.since).toBe('2027-W13');
    expect(next.changes.delta).toMatchObject({ 'at-risk': -1, ready: 1 });
    expect(next.changes.becameReady.map((s) => s.uai)).toEqual(['0130002B']);
    expect(next.newlyEquipped).toEqual([]);
  });
});
