// The baseline for booking throughput: a bare node:http server that parses the same JSON and
// does one libSQL insert into a file on the same machine. No validation, no rules, no outbox.
import { createServer } from 'node:http';
import { createClient } from '@libsql/client';

const url = process.env.DATABASE_URL;
const client = createClient({ url, concurrency: 1 });
await client.execute('PRAGMA journal_mode = WAL');
await client.execute('PRAGMA synchronous = NORMAL');
await client.execute(
  'create table if not exists bookings (id integer primary key, session_id integer, first_name text, last_name text, phone text, created_at integer)',
);

const server = createServer((req, res) => {
  if (req.method === 'GET') return void res.writeHead(200).end('ok'); // the readiness probe
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', async () => {
    try {
      const b = JSON.parse(body);
      const id = Number(req.url?.split('/')[4] ?? 0);
      const rs = await client.execute({
        sql: 'insert into bookings (session_id, first_name, last_name, phone, created_at) values (?, ?, ?, ?, ?) returning id',
        args: [id, b.firstName, b.lastName, b.phone, Date.now()],
      });
      res.writeHead(201, { 'Content-Type': 'application/json' }).end(JSON.stringify({ registration: { id: Number(rs.rows[0].id) } }));
    } catch (e) {
      res.writeHead(500).end(String(e));
    }
  });
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('baseline ready'));
process.on('SIGTERM', () => process.exit(0));
