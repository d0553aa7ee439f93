// The SMPP transport against a real SMSC (smpp's own server on loopback): bind, long texts as
// concatenated SMS in GSM-7 and UCS-2, delivery receipts, a refused bind, and an outage.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSmppTransport, type SmppEvent, type SmppOptions } from '~/features/mail/sms/smpp-transport.server';
import type { SmsReceipt, SmsTransport } from '~/features/mail/sms/sms-transport';
import { payload, STARTS_AT } from '~/features/mail/messages/fixtures/payloads';
import { smsManageUrl, smsText } from '~/features/mail/sms/sms-text';
import { startSmsc, type TestSmsc } from '~tests/helpers/smpp';

// Real texts: the confirmation with the demo's longest workshop title, in French and Arabic.
const LONG_TITLE = "Suivre la scolarité de mon enfant sur l'espace numérique de l'école";
function confirmation(lang: 'fr' | 'ar') {
  const p = payload('confirmed', { session: { ...payload('confirmed').session, title: LONG_TITLE } });
  const publicUrl = 'https://passerelle.example.fr';
  return smsText(p, {
    lang,
    manageUrl: smsManageUrl(publicUrl, lang, 'abcdefghijklmnopqrstuvwxyz234567'),
    publicUrl,
    now: STARTS_AT - 86_400_000,
  });
}
const FRENCH = confirmation('fr');
const ARABIC = confirmation('ar');

let smsc: TestSmsc;
const opened: SmsTransport[] = [];

function transport(url = smsc.url, events: SmppEvent[] = [], receipts: SmsReceipt[] = [], options: SmppOptions = {}) {
  const t = createSmppTransport(url, {
    reconnect: { baseMs: 100, maxDelayMs: 1_000, jitter: 0 },
    responseTimeoutMs: 2_000,
    ...options,
    waitForBindMs: 5_000,
    onEvent: (e) => events.push(e),
  });
  t.onReceipt((r) => void receipts.push(r));
  opened.push(t);
  return t;
}

beforeAll(async () => {
  smsc = await startSmsc();
});
afterEach(async () => {
  smsc.setSilent(false);
  await Promise.all(opened.splice(0).map((t) => t.close()));
  await smsc.start();
});
afterAll(async () => {
  await smsc.stop();
});

describe('SMPP transport', () => {
  it('sends a long French text as concatenated GSM-7 parts, with receipts', async () => {
    const receipts: SmsReceipt[] = [];
    const t = transport(smsc.url, [], receipts);
    expect(FRENCH).toMatchObject({ encoding: 'GSM-7', segments: 2 });
    const sent = await t.send({ to: '+33612345678', text: FRENCH.text });
    expect(sent).toMatchObject({ encoding: 'GSM-7', segments: 2 });
    expect(sent.partIds).toHaveLength(2);
    const [sms] = await smsc.waitFor(1);
    expect(sms).toMatchObject({
      to: '33612345678',
      destTon: 1,
      destNpi: 1,
      from: 'Passerelle',
      sourceTon: 5,
      sourceNpi: 0,
      dataCoding: 0,
      registeredDelivery: 1,
      parts: 2,
      text: FRENCH.text,
    });
    expect(sms!.esmClass & 0x40).toBe(0x40);
    expect(smsc.parts.map((p) => p.concat?.slice(1))).toEqual([
      [2, 1],
      [2, 2],
    ]);
    await smsc.waitForReceipts(2);
    expect(receipts.map((r) => [r.messageId, r.status])).toEqual(sent.partIds.map((id) => [id, 'delivered']));
    expect(smsc.receipts.every((r) => r.ackStatus === 0)).toBe(true);
  });

  it("keeps GSM-7's two-septet characters in a single SMS", async () => {
    const before = smsc.messages.length;
    const text = 'Tarif : 0 € [gratuit] {ok} ~ ^ | \\ à é è ù ì ò Ç ü';
    await transport().send({ to: '+33612345678', text });
    expect((await smsc.waitFor(before + 1))[before]).toMatchObject({ text, parts: 1, dataCoding: 0, esmClass: 0 });
  });

  it('sends Arabic as UCS-2 parts and reports undelivered numbers as failed', async () => {
    const before = smsc.messages.length;
    const receipts: SmsReceipt[] = [];
    const t = transport(smsc.url, [], receipts);
    smsc.failFor(['213551234567']);
    expect(ARABIC).toMatchObject({ encoding: 'UCS-2', segments: 3 });
    const sent = await t.send({ to: '+213551234567', text: ARABIC.text });
    expect(sent).toMatchObject({ encoding: 'UCS-2', segments: 3 });
    const sms = (await smsc.waitFor(before + 1))[before]!;
    expect(sms).toMatchObject({ to: '213551234567', dataCoding: 8, parts: 3, text: ARABIC.text });
    await new Promise((r) => setTimeout(r, 200));
    expect(receipts.map((r) => [r.messageId, r.status, r.stat])).toEqual(sent.partIds.map((id) => [id, 'failed', 'UNDELIV']));
    smsc.failFor([]);
  });

  it('answers a receipt it could not record with a temporary error, so the SMSC sends it again', async () => {
    const t = transport();
    t.onReceipt(() => Promise.reject(new Error('database busy')));
    const sent = await t.send({ to: '+33612345678', text: 'Bonjour' });
    const receipt = () => smsc.receipts.find((r) => r.messageId === sent.messageId);
    while (receipt()?.ackStatus == null) await new Promise((r) => setTimeout(r, 20));
    expect(receipt()!.ackStatus).toBe(0x64); // ESME_RX_T_APPN
  });

  it('says clearly when the SMSC refuses the password', async () => {
    const events: SmppEvent[] = [];
    const t = transport(smsc.url.replace(':secret1@', ':wrong@'), events);
    const started = Date.now();
    await expect(t.send({ to: '+33612345678', text: 'Bonjour' })).rejects.toThrow(
      /bind refused by 127\.0\.0\.1:\d+ for system_id "passerelle": ESME_RBINDFAIL.*SMS_URL/,
    );
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(events[0]).toMatchObject({ type: 'bind-refused' });
  });

  it('re-binds with growing delays while the SMSC is down, then sends once it is back', async () => {
    const events: SmppEvent[] = [];
    const t = transport(smsc.url, events);
    await t.send({ to: '+33612345678', text: 'Avant la panne' });
    await smsc.stop();
    const delays = () => events.flatMap((e) => (e.type === 'disconnected' ? [e.retryInMs] : []));
    // A submit_sm cut off by the outage fails (the SMSC may or may not have it: the outbox
    // decides); one made once the transport knows the link is down waits for the re-bind.
    while (delays().length < 1) await new Promise((r) => setTimeout(r, 5));
    const during = t.send({ to: '+33698765432', text: 'Pendant la panne' });
    while (delays().length < 3) await new Promise((r) => setTimeout(r, 20));
    expect(delays().slice(0, 3)).toEqual([100, 200, 400]);
    await smsc.start();
    await during;
    const arrived = (await smsc.waitFor(1)).filter((m) => m.text === 'Pendant la panne');
    expect(arrived).toHaveLength(1);
    expect(events.filter((e) => e.type === 'bound').length).toBe(2);
  });

  it('keeps the link alive with enquire_link and drops a link that stopped answering', async () => {
    const events: SmppEvent[] = [];
    const t = transport(smsc.url, events, [], { enquireLinkMs: 50, responseTimeoutMs: 300 });
    await t.send({ to: '+33612345678', text: 'Bonjour' });
    const before = smsc.enquireLinks;
    await new Promise((r) => setTimeout(r, 200));
    expect(smsc.enquireLinks - before).toBeGreaterThanOrEqual(2);
    expect(events.some((e) => e.type === 'disconnected')).toBe(false);
    smsc.setSilent(true);
    while (!events.some((e) => e.type === 'disconnected')) await new Promise((r) => setTimeout(r, 20));
    expect(events.find((e) => e.type === 'disconnected')).toMatchObject({ error: expect.stringMatching(/enquire_link got no response/) });
    smsc.setSilent(false);
    while (events.filter((e) => e.type === 'bound').length < 2) await new Promise((r) => setTimeout(r, 20));
  });
});
