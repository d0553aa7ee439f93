// GET /.well-known/security.txt (RFC 9116): whom to tell about a security flaw. The contact
// is SECURITY_CONTACT (default security@ the PUBLIC_URL host); Expires is always six months
// ahead, since the file is written at each request and so never goes stale.
import type { APIRoute } from 'astro';
import { config } from '~/platform/config/config';

const SIX_MONTHS_MS = 182 * 24 * 60 * 60 * 1000;

export function securityTxt(now = Date.now()): string {
  const expires = new Date(now + SIX_MONTHS_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return [
    `Contact: ${config.securityContact}`,
    `Expires: ${expires}`,
    'Preferred-Languages: fr, en',
    `Canonical: ${config.publicUrl}/.well-known/security.txt`,
    '',
  ].join('\n');
}

export const GET: APIRoute = () =>
  new Response(securityTxt(), { headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'public, max-age=86400' } });
