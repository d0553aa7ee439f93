// What admins see and do in the outbox: the list with states and errors, a message as its
// recipient reads it with its invite, retry now, resend a copy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOutbox, outboxMessage, resendOutboxMessage, retryOutboxMessage } from '~/features/mail/outbox/outbox-admin.server';
import { createOutboxWorker } from '~/features/mail/outbox/worker.server';
import { testCity } from '../helpers/portal';
import { book, drain } from '../helpers/mail';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { createSession } from '../helpers/world';

const ADMIN = { kind: 'user' as const, userId: null };
let smtp: TestSmtp;

const city = testCity();

beforeAll(async () => {
  smtp = await startSmtp();
});
afterAll(async () => {
  await smtp.stop();
});

describe('the admin outbox', () => {
  it('shows held messages with their text, HTML and invite, without minting a manage link', async () => {
    const sessionId = await createSession(city.db);
    await book(city.db, sessionId, { email: 'held@example.fr' });
    await drain(createOutboxWorker(city.db, { smtpUrl: null }));
    const page = await listOutbox(city.db, { status: 'held' });
    expect(page.counts.held).toBe(1);
    expect(page.items.map((m) => [m.kind, m.recipient, m.status])).toEqual([['confirmed', 'held@example.fr', 'held']]);
    const view = (await outboxMessage(city.db, page.items[0]!.id))!;
    expect(view.preview!.subject).toMatch(/^Inscription confirmée/);
    expect(view.preview!.text).toContain('/r/…');
    expect(view.preview!.invite!.ics).toContain('METHOD:REQUEST');
    const tokens = await city.db.$client.execute('select count(*) as n from manage_tokens');
    expect(Number(tokens.rows[0]!.n)).toBe(0);
  });

  it('retries a failed message now, and resends a copy of a sent one', async () => {
    const sessionId = await createSession(city.db);
    await book(city.db, sessionId, { email: 'retry@example.fr' });
    smtp.setMode('reject');
    const worker = createOutboxWorker(city.db, { smtpUrl: smtp.url, log: () => {} });
    await drain(worker);
    const [failed] = (await listOutbox(city.db, { status: 'failed' })).items;
    expect(failed!.lastError).toContain('550');
    expect(await resendOutboxMessage(city.db, failed!.id, ADMIN)).toBeNull();

    smtp.setMode('accept');
    expect(await retryOutboxMessage(city.db, failed!.id, ADMIN)).toBe(true);
    await drain(worker);
    expect((await outboxMessage(city.db, failed!.id))!.row.status).toBe('sent');
    expect(await retryOutboxMessage(city.db, failed!.id, ADMIN)).toBe(false);

    const copy = await resendOutboxMessage(city.db, failed!.id, ADMIN);
    expect(copy).not.toBeNull();
    await drain(worker);
    const received = smtp.mails.filter((m) => m.to[0] === 'retry@example.fr');
    expect(received).toHaveLength(2);
    expect(new Set(received.map((m) => m.parsed.messageId)).size).toBe(2);
    const audit = await city.db.$client.execute(`select action from audit_log where subject_type = 'outbox' order by id`);
    expect(audit.rows.map((r) => r.action)).toEqual(['outbox.retried', 'outbox.resent']);
    await worker.stop();
  });

  it('pages through the newest first', async () => {
    const all = await listOutbox(city.db, { limit: 2 });
    expect(all.items).toHaveLength(2);
    expect(all.items[0]!.id).toBeGreaterThan(all.items[1]!.id);
    const older = await listOutbox(city.db, { limit: 2, before: all.olderThan! });
    expect(older.items[0]!.id).toBeLessThan(all.items[1]!.id);
  });
});
