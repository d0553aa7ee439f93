// The teachers part of a school's staff page: per equipment kind, who is trained, booked or
// neither (names for Drane staff, counts for others); the sessions planned at the school one
// can invite the untrained to; and the POSTs of that part (invite, send the year's attestations).
import type { Db } from '~/platform/db/db.server';
import { t } from '~/i18n';
import { can } from '~/features/auth/permissions';
import type { SessionUser } from '~/features/accounts/users.server';
import { parseId } from '~/platform/http/json';
import { listSessions, type SessionView } from '~/features/sessions/sessions.server';
import { teachersByKind, type KindTeachers } from './school-teachers';
import { schoolTeachers } from './school-teachers.server';
import { inviteUntrained } from './invite-untrained.server';
import { sendYearAttestations } from './attestation-mail.server';
import { schoolYearOf } from './school-year';

export interface SchoolTraining {
  byKind: KindTeachers[];
  accounts: number;
  showNames: boolean;
  // Teacher sessions to come at this school for a kind it has.
  invitable: SessionView[];
  schoolYear: string;
}

export async function loadSchoolTraining(
  db: Db,
  user: SessionUser,
  uai: string,
  kinds: string[],
  now = Date.now(),
): Promise<SchoolTraining> {
  const [teachers, sessions] = await Promise.all([
    schoolTeachers(db, uai, now),
    listSessions(db, { audience: 'teacher', schoolUai: uai, from: now }, now),
  ]);
  const staff = can(user, 'manage-teacher-training');
  return {
    byKind: teachersByKind(kinds, teachers),
    accounts: teachers.length,
    showNames: staff,
    invitable: staff ? sessions.filter((s) => s.status === 'scheduled' && s.equipmentKinds.some((k) => kinds.includes(k))) : [],
    schoolYear: schoolYearOf(now).label,
  };
}

export type SchoolTrainingOutcome = { ok: true; notice: string; n: number } | { ok: false; status: number; message: string };

// What the page says after a POST, from the redirect's query: a known notice and a count only,
// so a crafted link cannot make the page say anything else.
const NOTICES: Record<string, string> = {
  invited: 'invite.action.done',
  'invited-accounts': 'invite.action.doneNoSchool',
  nobody: 'invite.action.nobody',
  sent: 'invite.school.sentYear',
  'sent-none': 'invite.school.sentNone',
};

export function schoolTrainingNotice(notice: string | null, n: string | null): string | null {
  const key = NOTICES[notice ?? ''];
  return key ? t('fr', key, { n: Number(n) || 0, accounts: Number(n) || 0 }) : null;
}

export async function submitSchoolTraining(
  db: Db,
  user: SessionUser,
  uai: string,
  form: Record<string, string>,
): Promise<SchoolTrainingOutcome> {
  if (form.intent === 'invite-untrained') {
    const sessionId = parseId(form.sessionId);
    const result = sessionId ? await inviteUntrained(db, user, sessionId) : ({ status: 404, error: 'errors.sessionNotFound' } as const);
    if (result.status !== 200) return { ok: false, status: result.status, message: t('fr', result.error) };
    if (result.accounts === 0 && !result.schoolAddress) return { ok: true, notice: 'nobody', n: 0 };
    return { ok: true, notice: result.schoolAddress ? 'invited' : 'invited-accounts', n: result.accounts };
  }
  if (form.intent === 'send-attestations') {
    const result = await sendYearAttestations(db, user, uai, schoolYearOf(Date.now()));
    if (result.status !== 200) return { ok: false, status: result.status, message: t('fr', result.error) };
    return { ok: true, notice: result.sent ? 'sent' : 'sent-none', n: result.sent };
  }
  return { ok: false, status: 400, message: t('fr', 'errors.invalid') };
}
