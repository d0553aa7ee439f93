// Messages of teachers' training: the Drane's invitation to a session for equipment the
// school has (to a teacher, or to the school's address), and the yearly attestation (its PDF
// is attached when sent, see outbox/attachments.server.ts).
import { t } from '~/i18n';
import { formatSessionWhen } from '~/platform/text/dates';
import { kindList } from '~/features/readiness/staff-format';
import type { TrainingInvitePayload } from '~/features/training/invite-untrained.server';
import type { YearAttestationPayload } from '~/features/training/attestation-mail.server';
import { hoursText } from '~/features/training/school-year';
import type { Draft } from './layout';
import { contact, footer, placeText, sessionFacts, type RenderContext } from './parts';

export function trainingInviteMessage(p: TrainingInvitePayload, ctx: RenderContext): Draft {
  const session = { ...p.session, status: 'scheduled', cancelReason: null, changeCount: 0, contactPhone: null };
  const params = {
    name: p.name ?? '',
    kinds: kindList(p.kinds),
    title: p.session.title,
    date: formatSessionWhen(p.session.startsAt, p.session.endsAt, 'fr', ctx.now),
    venue: placeText(p.session),
  };
  return {
    subject: t('fr', 'invite.mail.subject', params),
    blocks: [
      { kind: 'text', text: t('fr', p.toSchool ? 'invite.mail.school' : 'invite.mail.teacher', params) },
      sessionFacts(session, ctx),
      { kind: 'button', label: t('fr', 'invite.mail.button'), href: p.bookUrl },
      contact(session, ctx),
      footer(ctx),
    ],
  };
}

export function yearAttestationMessage(p: YearAttestationPayload, ctx: RenderContext): Draft {
  const params = { name: p.name, year: p.schoolYear, hours: hoursText(p.hours) };
  return {
    subject: t('fr', 'attestation.mail.subject', params),
    blocks: [
      { kind: 'text', text: t('fr', 'attestation.mail.body', params) },
      { kind: 'button', label: t('fr', 'attestation.mail.verify'), href: p.verifyUrl },
      footer(ctx),
    ],
  };
}
