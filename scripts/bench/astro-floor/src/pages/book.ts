// POST /book: parse the JSON, one insert, answer 201 with the new id.
import type { APIRoute } from 'astro';
import { createClient } from '@libsql/client';

const client = createClient({ url: process.env.DATABASE_URL ?? 'file:floor.db', concurrency: 1 });
const ready = (async () => {
  await client.execute('PRAGMA journal_mode = WAL');
  await client.execute('PRAGMA synchronous = NORMAL');
  await client.execute(
    'create table if not exists bookings (id integer primary key, session_id integer, first_name text, last_name text, phone text, created_at integer)',
  );
})();

export const GET: APIRoute = () => new Response('ok');

export const POST: APIRoute = async ({ request }) => {
  await ready;
  const b = (await request.json()) as { firstName: string; lastName: string; phone: string };
  const rs = await client.execute({
    sql: 'insert into bookings (session_id, first_name, last_name, phone, created_at) values (?, ?, ?, ?, ?) returning id',
    args: [1, b.firstName, b.lastName, b.phone, Date.now()],
  });
  return new Response(JSON.stringify({ registration: { id: Number(rs.rows[0]!.id) } }), {
    status: 201,
    headers: { 'Content-Type': 'application/json' },
  });
};
