// One renderer per message kind; `composeMessage` adds the invite the kind carries. Rendering
// is pure: the worker passes a freshly minted manage link, the admin preview passes none.
import { buildInvite, inviteFromPayload, type InviteMethod } from '~/features/calendar/invite';
import { config } from '~/platform/config/config';
import type { MessageKind, RegistrationMessagePayload } from '~/features/mail/outbox/enqueue.server';
import { accountMessage, type AccountPayload } from './account';
import { cancelledMessage, waitlistLeftMessage } from './cancelled';
import { confirmedMessage, promotedMessage } from './confirmed';
import { linkResentMessage } from './link-resent';
import { mailLanguage } from './language';
import { renderDraft, type Draft, type RenderedMessage } from './layout';
import type { RenderContext } from './parts';
import { reminderMessage } from './reminder';
import { sessionCancelledMessage } from './session-cancelled';
import { dateCancelledMessage } from './date-cancelled';
import { approvalMessage, isApprovalKind, type ApprovalPayload } from './approval';
import { movedMessage, sessionUpdatedMessage } from './session-updated';
import { waitlistedMessage } from './waitlisted';
import { interestMatchMessage } from './interest-match';
import { INTEREST_MATCH_KIND, type InterestMatchPayload } from '~/features/interest/interest-match.server';
import { sessionMessageMessage } from './session-message';
import { trainingInviteMessage, yearAttestationMessage } from './training';
import { TRAINING_INVITE_KIND, type TrainingInvitePayload } from '~/features/training/invite-untrained.server';
import { YEAR_ATTESTATION_KIND, type YearAttestationPayload } from '~/features/training/attestation-mail.server';
import { missedYouMessage } from './missed-you';
import {
  WEEKLY_REPORT_KIND,
  weeklyReportMessage,
  type WeeklyReportPayload,
} from '~/features/readiness/weekly-report/weekly-report-mail.server';

const REGISTRATION_RENDERERS: Record<MessageKind, (p: RegistrationMessagePayload, ctx: RenderContext) => Draft> = {
  confirmed: confirmedMessage,
  waitlisted: waitlistedMessage,
  promoted: promotedMessage,
  cancelled: cancelledMessage,
  'waitlist-left': waitlistLeftMessage,
  'session-updated': sessionUpdatedMessage,
  moved: movedMessage,
  'session-cancelled': sessionCancelledMessage,
  'date-cancelled': dateCancelledMessage,
  reminder: reminderMessage,
  'link-resent': linkResentMessage,
  'session-message': sessionMessageMessage,
  'missed-you': missedYouMessage,
};

// Kinds about a booking that is still live, so the person may want to look at or cancel it.
const WITH_MANAGE_LINK = new Set<string>([
  'confirmed',
  'waitlisted',
  'promoted',
  'session-updated',
  'date-cancelled',
  'moved',
  'reminder',
  'link-resent',
  'session-message',
]);

export function needsManageLink(kind: string): boolean {
  return WITH_MANAGE_LINK.has(kind);
}

// Mail sent on a schedule says where to stop it (List-Unsubscribe): the weekly report is
// turned off on the account page. What people are told about their own bookings is not.
export function unsubscribeUrl(kind: string): string | null {
  return kind === WEEKLY_REPORT_KIND ? `${config.publicUrl}/compte#rapport-hebdomadaire` : null;
}

export function isRegistrationKind(kind: string): kind is MessageKind {
  return Object.hasOwn(REGISTRATION_RENDERERS, kind);
}

// A message nobody can render will not render better later: the worker fails it at once.
export { mailLanguage };

export class UnknownMessageKindError extends Error {
  readonly permanent = true;
}

export interface ComposedMessage extends RenderedMessage {
  invite: { method: InviteMethod; ics: string } | null;
}

export interface MessageToCompose {
  kind: string;
  language: string;
  payload: Record<string, unknown>;
}

export function composeMessage(
  message: MessageToCompose,
  { manageUrl = null, now = Date.now() }: { manageUrl?: string | null; now?: number } = {},
): ComposedMessage {
  const lang = mailLanguage(message.language);
  const ctx: RenderContext = { lang, manageUrl, publicUrl: config.publicUrl, now };
  if (message.kind.startsWith('account-')) {
    return { ...renderDraft(accountMessage(message.kind, message.payload as AccountPayload, ctx), lang), invite: null };
  }
  if (message.kind === WEEKLY_REPORT_KIND) {
    return { ...renderDraft(weeklyReportMessage(message.payload as unknown as WeeklyReportPayload, ctx), lang), invite: null };
  }
  if (message.kind === INTEREST_MATCH_KIND) {
    return { ...renderDraft(interestMatchMessage(message.payload as unknown as InterestMatchPayload, ctx), lang), invite: null };
  }
  if (message.kind === TRAINING_INVITE_KIND) {
    return { ...renderDraft(trainingInviteMessage(message.payload as unknown as TrainingInvitePayload, ctx), 'fr'), invite: null };
  }
  if (message.kind === YEAR_ATTESTATION_KIND) {
    return { ...renderDraft(yearAttestationMessage(message.payload as unknown as YearAttestationPayload, ctx), 'fr'), invite: null };
  }
  if (isApprovalKind(message.kind)) {
    return { ...renderDraft(approvalMessage(message.kind, message.payload as unknown as ApprovalPayload, ctx), lang), invite: null };
  }
  if (!isRegistrationKind(message.kind)) throw new UnknownMessageKindError(`no renderer for message kind "${message.kind}"`);
  const payload = message.payload as unknown as RegistrationMessagePayload;
  const rendered = renderDraft(REGISTRATION_RENDERERS[message.kind](payload, ctx), lang);
  const invite = inviteFromPayload(payload, lang);
  return { ...rendered, invite: invite ? { method: invite.method, ics: buildInvite(invite, now) } : null };
}
