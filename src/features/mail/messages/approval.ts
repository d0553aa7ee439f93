// Messages of the inspector's approval (issue 17 item 6): the request to the approver, with a
// one-time link (removed from the outbox once sent), and the refusal to the teacher. An
// approval is told by the booking's own confirmation, or, when the session is still full, by
// "approval-granted-waiting" (the teacher keeps their place in line).
import { t } from '~/i18n';
import { formatSessionWhen } from '~/platform/text/dates';
import type { Draft } from './layout';
import { footer, type RenderContext } from './parts';

export const APPROVAL_KINDS = ['approval-request', 'approval-refused', 'approval-granted-waiting'] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];

export interface ApprovalPayload {
  teacherName: string;
  school: string;
  title: string;
  organisation: string;
  dates: { startsAt: number; endsAt: number }[];
  // The approver's one-time link (the request only).
  url?: string;
}

export function isApprovalKind(kind: string): kind is ApprovalKind {
  return (APPROVAL_KINDS as readonly string[]).includes(kind);
}

function facts(p: ApprovalPayload, ctx: RenderContext) {
  const when = p.dates.map((d) => formatSessionWhen(d.startsAt, d.endsAt, ctx.lang, ctx.now)).join(' ; ');
  return {
    kind: 'facts' as const,
    rows: [
      { label: t(ctx.lang, 'mail.common.what'), value: p.title },
      { label: t(ctx.lang, 'mail.common.when'), value: when },
    ],
  };
}

export function approvalMessage(kind: ApprovalKind, p: ApprovalPayload, ctx: RenderContext): Draft {
  const { lang } = ctx;
  const names = { name: p.teacherName, school: p.school, title: p.title };
  if (kind === 'approval-granted-waiting') {
    return {
      subject: t(lang, 'courses.approval.grantedWaitingSubject', names),
      blocks: [{ kind: 'text', text: t(lang, 'courses.approval.grantedWaitingIntro'), strong: true }, facts(p, ctx), footer(ctx)],
    };
  }
  if (kind === 'approval-refused') {
    return {
      subject: t(lang, 'courses.approval.refusedSubject', names),
      blocks: [{ kind: 'text', text: t(lang, 'courses.approval.refusedIntro'), strong: true }, facts(p, ctx), footer(ctx)],
    };
  }
  return {
    subject: t(lang, 'courses.approval.requestSubject', names),
    blocks: [
      { kind: 'text', text: t(lang, 'courses.approval.requestIntro', names), strong: true },
      facts(p, ctx),
      p.url
        ? { kind: 'button', label: t(lang, 'courses.approval.requestAction'), href: p.url, hint: t(lang, 'courses.approval.requestHint') }
        : { kind: 'text', text: t(lang, 'mail.outboxAdmin.linkRemoved') },
      footer(ctx),
    ],
  };
}
