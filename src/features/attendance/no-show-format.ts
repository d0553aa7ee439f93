// The no-show rate as the weekly report's email says it (one line among the week's figures).
import { t } from '~/i18n';
import { pct } from '~/features/readiness/staff-format';
import type { Fact } from '~/features/mail/messages/layout';
import type { NoShowRates } from './no-show-rates.server';

export function noShowFacts(rates: NoShowRates | undefined): Fact[] {
  if (!rates || rates.overall.rate === null) return [];
  const o = rates.overall;
  const worst = rates.bySchool[0];
  const value = t('fr', 'noShows.value', { rate: pct(o.rate ?? 0), absent: o.absent, expected: o.expected });
  return [{ label: t('fr', 'noShows.title'), value, note: worst?.rate ? `${worst.label} : ${pct(worst.rate)}` : undefined }];
}
