// "Prévenez-moi" (DESIGN contract): a parent asks to be told when a workshop is published at
// or near a school, in a language they read.
import type { APIRoute } from 'astro';
import { t } from '~/i18n';
import { requestInterest, withdrawUrl } from '~/features/interest/interest.server';
import { getDb } from '~/platform/db/db.server';
import { json, jsonError, readJson } from '~/platform/http/json';
import { wordErrors } from '~/platform/text/field-errors';
import { clientAddress, retryAfterHeaders } from '~/platform/http/rate-limit.server';

export const POST: APIRoute = async (context) => {
  const body = await readJson(context.request);
  if (!body.ok) return body.response;
  const result = await requestInterest(getDb(), body.body, clientAddress(context));
  if (result.status === 422) return jsonError(422, t('fr', 'form.errorSummary'), wordErrors('fr', result.errors));
  if (result.status === 429) return jsonError(429, t('fr', result.error), undefined, retryAfterHeaders(result.retryAfterSeconds));
  return json(
    {
      interest: {
        id: result.id,
        expiresAt: new Date(result.expiresAt).toISOString(),
        withdrawUrl: withdrawUrl(result.messageLanguage, result.withdrawToken),
      },
    },
    201,
  );
};
