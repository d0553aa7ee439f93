// The short link printed on flyers: to the session page, in the reader's language when the
// phone says it prefers Arabic or English.
import type { APIRoute } from 'astro';
import { localePath, type Lang } from '~/i18n';
import { parseId } from '~/platform/http/json';

function preferredLang(acceptLanguage: string | null): Lang {
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().slice(0, 2).toLowerCase();
  return first === 'ar' || first === 'en' ? first : 'fr';
}

export const GET: APIRoute = ({ params, request }) => {
  const id = parseId(params.id);
  if (!id) return new Response(null, { status: 404 });
  const lang = preferredLang(request.headers.get('accept-language'));
  return new Response(null, {
    status: 302,
    headers: { Location: localePath(lang, `/sessions/${id}`), Vary: 'Accept-Language', 'Cache-Control': 'public, max-age=300' },
  });
};
