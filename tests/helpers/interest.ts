// "Prévenez-moi" over HTTP for integration tests: a parent's request, and a trainer publishing
// a parents' workshop (by default at Belsunce, in French and Arabic) that may match it.
import { expect } from 'vitest';
import type { Client } from './auth';

export async function askInterest(client: Client, body: Record<string, unknown>) {
  const res = await client.postJson('/api/v1/interest', { consent: true, language: 'fr', ...body });
  expect(res.status, res.text).toBe(201);
  return res.json<{ interest: { id: number; withdrawUrl: string; expiresAt: string } }>().interest;
}

export async function publishWorkshop(trainer: Client, over: Record<string, unknown> = {}): Promise<number> {
  const res = await trainer.postJson('/api/v1/sessions', {
    title: 'Suivre la scolarité en ligne',
    audience: 'parent',
    startsAt: '2027-05-04T17:00:00+02:00',
    endsAt: '2027-05-04T19:00:00+02:00',
    schoolUai: '0130001A',
    capacity: 12,
    languages: ['fr', 'ar'],
    ...over,
  });
  expect(res.status, res.text).toBe(201);
  return res.json<{ session: { id: number } }>().session.id;
}
