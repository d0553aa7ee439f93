// What accepted input turns into (fast-check, bounded runs): names carrying HTML, script,
// quotes or CR/LF come out escaped in the manage page, in the rendered email and in the
// invite; no header and no calendar property can be injected, whatever a name, a session
// title or a venue contains.
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '~db/schema';
import { createMailer } from '~/features/mail/smtp-transport.server';
import { composeMessage } from '~/features/mail/messages';
import { payload } from '~/features/mail/messages/fixtures/payloads';
import type { MessageKind } from '~/features/mail/outbox/enqueue.server';
import { parseIcs } from '../helpers/ics';
import { testPortal } from '../helpers/portal';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { createSession } from '../helpers/world';

const HOSTILE = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '</title><script>x</script>',
  '&lt;b&gt;',
  'A\r\nBcc: evil@example.com',
  'A\nX-INJECTED:1',
  'A\r\nATTENDEE:mailto:evil@example.com',
  'A;ROLE=CHAIR:mailto:evil@example.com',
  'A"B',
  'A\\nB',
] as const;
// A hostile piece inside ordinary text, as it would arrive in a form.
const hostile = fc
  .tuple(fc.string({ maxLength: 8 }), fc.constantFrom(...HOSTILE), fc.string({ maxLength: 8 }))
  .map((parts) => parts.join(''));

// What a browser shows for an HTML text: entities decoded, once.
const NAMED: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };
function decodeEntities(html: string) {
  return html.replace(/&(#\d+|#x[0-9a-f]+|lt|gt|quot|apos|amp);/gi, (_, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)))
      : NAMED[e.toLowerCase()]!,
  );
}

// Shown as text (decoded, it reads as typed) and never as markup: none of the hostile pieces'
// tags outside attribute values, and no quote that closes an attribute early.
function expectEscaped(html: string, value: string, what: string) {
  const outsideAttributes = html.replace(/=\s*"[^"]*"/g, '=""');
  for (const tag of ['<script>alert', '<img src=x', '<svg onload', '</title><script>'])
    expect(outsideAttributes, `${what}: ${value}`).not.toContain(tag);
  expect(html, `${what}: ${value}`).not.toContain('"><img');
  if (value) expect(decodeEntities(html), `${what}: ${value}`).toContain(value);
}

// The invite, as a calendar reads it: one event, one attendee, nothing smuggled in.
function expectSoundInvite(ics: string, attendee: string | null) {
  const lines = ics
    .replace(/\r\n[ \t]/g, '')
    .split(/\r\n/)
    .filter(Boolean);
  expect(lines.filter((l) => /^BEGIN:VEVENT$/.test(l))).toHaveLength(1);
  expect(lines.filter((l) => /^ATTENDEE[;:]/i.test(l))).toHaveLength(attendee ? 1 : 0);
  if (attendee) expect(lines.find((l) => /^ATTENDEE[;:]/i.test(l))).toMatch(new RegExp(`:mailto:${attendee.replace(/[.]/g, '\\.')}$`, 'i'));
  expect(lines.some((l) => /^X-INJECTED/i.test(l))).toBe(false);
  expect(() => parseIcs(ics)).not.toThrow();
}

describe('through the running portal', () => {
  let smtp: TestSmtp;
  let sessionId: number;

  beforeAll(async () => {
    smtp = await startSmtp();
  });
  afterAll(() => smtp?.stop());
  const portal = testPortal({
    env: () => ({ SMTP_URL: smtp.url, OUTBOX_POLL_MS: '100' }),
    seed: async (db) => void (sessionId = await createSession(db, { capacity: 100 })),
  });

  it('a booked name comes out escaped in the manage page, the queued email and the invite', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(hostile, hostile, async (firstName, lastName) => {
        const email = `fuzz${n++}@example.fr`;
        const res = await fetch(`${portal.url}/api/v1/sessions/${sessionId}/registrations`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ firstName, lastName, email, consent: true }),
        });
        const body = (await res.json()) as { registration?: { id: number; manageUrl: string } };
        if (res.status === 422) return; // refused (a control character): nothing to show
        expect(res.status).toBe(201);
        const [first, last] = [firstName, lastName].map((s) => s.normalize('NFC').trim().replace(/\s+/g, ' ')) as [string, string];

        const page = await (await fetch(body.registration!.manageUrl)).text();
        expectEscaped(page, first, 'manage page');
        expectEscaped(page, last, 'manage page');

        const [row] = await portal.db.select().from(outbox).where(eq(outbox.registrationId, body.registration!.id));
        const message = composeMessage(row!, { manageUrl: body.registration!.manageUrl });
        expectEscaped(message.html, first, 'email html');
        expect(message.subject).not.toMatch(/[\r\n]/);
        expectSoundInvite(message.invite!.ics, email);

        // The mail as delivered: to this person only, with no header added by the name.
        const [mail] = await smtp.waitFor(n, 10_000).then((all) => all.filter((m) => m.to.includes(email)));
        expect(mail!.to).toEqual([email]);
        expect(mail!.parsed.headers.has('bcc')).toBe(false);
        expect(mail!.parsed.to && 'value' in mail!.parsed.to ? mail!.parsed.to.value.map((a) => a.address) : []).toEqual([email]);
        expectEscaped(String(mail!.parsed.html), first, 'delivered html');
      }),
      { numRuns: 15 },
    );
  });

  it('values put back into the booking form after an error are escaped', async () => {
    await fc.assert(
      fc.asyncProperty(hostile, async (name) => {
        const res = await fetch(`${portal.url}/sessions/${sessionId}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: portal.url },
          body: new URLSearchParams({ firstName: name, lastName: name, phone: 'pas un numéro', consent: 'on' }),
        });
        expect(res.status).toBe(422);
        expectEscaped(await res.text(), '', 'booking form');
      }),
      { numRuns: 15 },
    );
  });
});

describe('any text staff or data put in a session', () => {
  const kinds: MessageKind[] = ['confirmed', 'waitlisted', 'promoted', 'cancelled', 'session-updated', 'session-cancelled', 'reminder'];
  const anyText = fc.oneof(hostile, fc.string({ maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 30 }));

  it('never breaks out of the email HTML, the subject line or the invite', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...kinds),
        anyText,
        anyText,
        anyText,
        anyText,
        anyText,
        (kind, name, title, venue, organisation, reason) => {
          const p = payload(kind, { firstName: name, lastName: name });
          p.session = { ...p.session, title, venueName: venue, venueAddress: venue, organisation, cancelReason: reason };
          const message = composeMessage(
            { kind, language: 'fr', payload: p as unknown as Record<string, unknown> },
            { manageUrl: 'http://127.0.0.1/r/abc' },
          );
          expect(message.subject).not.toMatch(/[\r\n]/);
          expectEscaped(message.html, '', `${kind} email`);
          if (message.invite) expectSoundInvite(message.invite.ics, p.email);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never adds a recipient or a header to the mail as sent', async () => {
    const smtp = await startSmtp();
    const mailer = createMailer(smtp.url);
    try {
      let n = 0;
      await fc.assert(
        fc.asyncProperty(anyText, anyText, async (name, title) => {
          const address = `hostile${n++}@example.fr`;
          const p = payload('confirmed', { firstName: name, lastName: 'X', email: address });
          p.session = { ...p.session, title };
          const message = composeMessage({ kind: 'confirmed', language: 'fr', payload: p as unknown as Record<string, unknown> });
          await mailer.send({
            from: 'Passerelle <passerelle@example.fr>',
            to: { name, address },
            subject: message.subject,
            text: message.text,
            html: message.html,
            invite: message.invite,
            messageId: `<fuzz-${n}@example.fr>`,
            kind: 'confirmed',
            language: message.language,
          });
          const mail = smtp.mails.at(-1)!;
          expect(mail.to).toEqual([address]);
          expect([...mail.parsed.headers.keys()].filter((h) => /^(bcc|cc|x-injected)$/.test(h))).toEqual([]);
          expect(mail.parsed.subject ?? '').not.toMatch(/[\r\n]/);
        }),
        { numRuns: 15 },
      );
    } finally {
      mailer.close();
      await smtp.stop();
    }
  });
});
