// A trainer's message to everyone booked: French required, Arabic and English optional, each
// short enough to go by SMS with the workshop's name and date.
import type { Lang } from '~/i18n';

export const MESSAGE_MAX = 120;
export type TrainerMessage = Partial<Record<Lang, string>> & { fr: string };

export type ParsedMessage = { ok: true; value: TrainerMessage } | { ok: false; errors: Record<string, string> };

export function parseTrainerMessage(form: Record<string, unknown>): ParsedMessage {
  const errors: Record<string, string> = {};
  const value: Partial<Record<Lang, string>> = {};
  for (const lang of ['fr', 'ar', 'en'] as const) {
    const raw = form[`message_${lang}`];
    const text = typeof raw === 'string' ? raw.replace(/\s+/g, ' ').trim() : '';
    if ([...text].length > MESSAGE_MAX) errors[`message_${lang}`] = 'notify.message.tooLong';
    else if (text) value[lang] = text;
  }
  if (!value.fr && !errors.message_fr) errors.message_fr = 'notify.message.required';
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: value as TrainerMessage };
}
