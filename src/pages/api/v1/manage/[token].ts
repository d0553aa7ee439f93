import type { APIRoute } from 'astro';
import { getDb } from '../../../../lib/server/db';
import { json, jsonError } from '../../../../lib/server/http';
import { manageView, cancelThroughManageLink } from '../../../../lib/server/manage';

const NOT_FOUND = 'Ce lien de réservation n\'est pas valable.';

export const GET: APIRoute = async ({ params }) => {
  const view = await manageView(getDb(), params.token ?? '');
  return view ? json(view.json) : jsonError(404, NOT_FOUND);
};

export const DELETE: APIRoute = async ({ params }) => {
  const view = await cancelThroughManageLink(getDb(), params.token ?? '');
  return view ? json(view.json) : jsonError(404, NOT_FOUND);
};
