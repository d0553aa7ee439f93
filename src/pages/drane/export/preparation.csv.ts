// The dashboard's readiness table as a French .csv (filters from the address, audited).
import type { APIRoute } from 'astro';
import { getDb } from '~/platform/db/db.server';
import { guardPage } from '~/features/auth/permissions';
import { readinessDownload } from '~/features/readiness/readiness-download.server';

export const GET: APIRoute = async (context) => {
  const { url, locals } = context;
  const denied = guardPage(context, 'read-readiness');
  if (denied) return denied;
  return readinessDownload(getDb(), { kind: 'user', userId: locals.user!.id }, url.searchParams, 'csv');
};
