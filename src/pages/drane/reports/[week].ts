// The English address of a weekly report (as the issue names it) leads to the French one.
import type { APIRoute } from 'astro';

export const GET: APIRoute = ({ params, redirect }) => redirect(`/drane/rapports/${encodeURIComponent(params.week ?? '')}`, 301);
