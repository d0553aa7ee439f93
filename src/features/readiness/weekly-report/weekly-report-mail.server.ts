// The weekly report as an email (kind `weekly-report`): the figures of the week, the newly
// equipped schools and the ones most at risk, and a link to the full report in the portal.
import { t } from '~/i18n';
import { arrondissementLabel, delta, kindCount, kindList, pct, weekSpan } from '~/features/readiness/staff-format';
import type { Block, Draft, Line } from '~/features/mail/messages/layout';
import type { RenderContext } from '~/features/mail/messages/parts';
import type { WeeklyReport } from './weekly-report.server';
import { noShowFacts } from '~/features/attendance/no-show-format';

export const WEEKLY_REPORT_KIND = 'weekly-report';

// What the email says: the report without the per-school snapshot, and the recipient's name.
export type WeeklyReportPayload = Omit<WeeklyReport, 'snapshot'> & { name?: string };

const w = (key: string, params: Record<string, string | number> = {}) => t('fr', `staff.weeklyReport.${key}`, params);

function figures(p: WeeklyReportPayload): Block {
  const held = p.sessions.filter((s) => s.status === 'scheduled');
  const since = p.changes.since;
  const moved = (status: 'at-risk' | 'ready') =>
    p.changes.delta ? ` (${w('since', { delta: delta(p.changes.delta[status]), week: since ?? '' })})` : '';
  return {
    kind: 'facts',
    rows: [
      {
        label: w('sessions'),
        value: w('sessionsValue', {
          n: held.length,
          teacher: held.filter((s) => s.audience === 'teacher').length,
          parent: held.filter((s) => s.audience === 'parent').length,
        }),
      },
      {
        label: w('attendance'),
        value:
          p.attendance.rate === null
            ? w('noAttendance')
            : w('attendanceValue', { rate: pct(p.attendance.rate), present: p.attendance.present, marked: p.attendance.marked }),
      },
      { label: w('teachersTrained'), value: String(p.attendance.teachersTrained) },
      ...noShowFacts(p.noShows),
      { label: w('newlyEquipped'), value: String(p.newlyEquipped.length) },
      { label: w('atRisk'), value: `${p.totals['at-risk']} / ${p.totals.schools}${moved('at-risk')}` },
      { label: w('ready'), value: `${p.totals.ready} / ${p.totals.schools}${moved('ready')}` },
    ],
  };
}

function schoolLines(title: string, lines: Line[]): Block[] {
  return lines.length
    ? [
        { kind: 'text', text: title, strong: true },
        { kind: 'lines', lines },
      ]
    : [];
}

export function weeklyReportMessage(p: WeeklyReportPayload, ctx: RenderContext): Draft {
  const equipped = p.newlyEquipped.map(
    (s) => `${s.name} (${arrondissementLabel(s.arrondissement)}) : ${s.kinds.map((k) => kindCount(k.quantity, k.kind)).join(', ')}`,
  );
  const atRisk = p.atRisk.map((s) =>
    w('atRiskLine', {
      name: s.name,
      arrondissement: arrondissementLabel(s.arrondissement),
      pupils: s.pupils,
      readiness: pct(s.readiness),
      kinds: kindList(s.kinds),
    }),
  );
  return {
    subject: w('subject', { week: p.isoWeek, span: weekSpan(p.isoWeek) }),
    blocks: [
      { kind: 'text', text: p.name ? t('fr', 'mail.common.greeting', { name: p.name }) : t('fr', 'mail.common.greetingNoName') },
      { kind: 'text', text: w('intro', { span: weekSpan(p.isoWeek) }) },
      figures(p),
      ...schoolLines(w('newlyEquippedTitle'), equipped),
      ...schoolLines(w('atRiskTitle'), atRisk),
      { kind: 'button', label: w('open'), href: `${ctx.publicUrl}/drane/rapports/${p.isoWeek}` },
      // The meeting page: deliveries ahead, people not told, follow-ups, printable.
      { kind: 'lines', lines: [`${t('fr', 'review.report.meeting')} : ${ctx.publicUrl}/drane/rapports/${p.isoWeek}/reunion`] },
      { kind: 'lines', small: true, lines: [w('footer')] },
    ],
  };
}
