// The short link an SMS carries to withdraw a "prévenez-moi" request (a whole path costs
// Arabic SMS a third of a segment): to the request's own page, in the language it was asked in.
import type { APIRoute } from 'astro';
import { localePath } from '~/i18n';
import { getDb } from '~/platform/db/db.server';
import { mailLanguage } from '~/features/mail/messages/language';
import { requestOfToken } from '~/features/interest/interest.server';

export const GET: APIRoute = async ({ params }) => {
  const token = params.token ?? '';
  const request = await requestOfToken(getDb(), token);
  const headers = { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' };
  if (!request) return new Response(null, { status: 404, headers });
  const lang = mailLanguage(request.messageLanguage);
  return new Response(null, { status: 302, headers: { ...headers, Location: localePath(lang, `/prevenez-moi/retrait/${token}`) } });
};
