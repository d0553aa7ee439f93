// A real SMSC for integration tests: `smpp`'s own server on a free loopback port. It accepts
// a transceiver bind with one system_id/password, answers every submit_sm with a message id,
// puts concatenated parts back together as a phone would, and sends a delivery receipt per
// part (DELIVRD, or UNDELIV for chosen numbers). It can be stopped and restarted on the same
// port (an outage).
import smpp, { type PDU, type Server, type Session } from 'smpp';
import { freePort } from './server';

export interface SubmittedPart {
  messageId: string;
  to: string;
  destTon: number;
  destNpi: number;
  from: string;
  sourceTon: number;
  sourceNpi: number;
  dataCoding: number;
  esmClass: number;
  registeredDelivery: number;
  // [reference, total, sequence] from the concatenation header, null for a single SMS.
  concat: [number, number, number] | null;
  text: string;
}

// A whole SMS as the phone shows it.
export interface ReceivedSms extends Omit<SubmittedPart, 'messageId' | 'concat'> {
  parts: number;
  messageIds: string[];
}

export interface SentReceipt {
  messageId: string;
  stat: 'DELIVRD' | 'UNDELIV';
  // The transport's deliver_sm_resp status (0 = recorded), null until it answers.
  ackStatus: number | null;
}

export interface TestSmsc {
  port: number;
  url: string;
  parts: SubmittedPart[];
  messages: ReceivedSms[];
  receipts: SentReceipt[];
  binds: { systemId: string; ok: boolean; at: number }[];
  enquireLinks: number;
  // A hung SMSC: the connection stays open, nothing is answered.
  setSilent(silent: boolean): void;
  // Receipts say UNDELIV for these numbers (E.164 without "+", as on the wire).
  failFor(numbers: string[]): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedSms[]>;
  waitForReceipts(count: number, timeoutMs?: number): Promise<SentReceipt[]>;
}

function text(field: unknown): string {
  const value = (field as { message?: unknown } | null)?.message ?? field;
  return typeof value === 'string' ? value : Buffer.isBuffer(value) ? value.toString('latin1') : '';
}

function concatHeader(field: unknown): [number, number, number] | null {
  const udh = (field as { udh?: Buffer[] } | null)?.udh ?? [];
  const element = udh.find((e) => e[0] === 0x00 && e[1] === 0x03);
  return element ? [element[2]!, element[3]!, element[4]!] : null;
}

async function until<T>(ready: () => T | null, what: string, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = ready();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`SMSC: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function startSmsc({ systemId = 'passerelle', password = 'secret1' } = {}): Promise<TestSmsc> {
  const port = await freePort();
  let server: Server | null = null;
  let nextId = 0x5000;
  let failing = new Set<string>();
  let silent = false;
  const pending = new Map<string, SubmittedPart[]>();

  function reassemble(part: SubmittedPart) {
    const [ref, total] = part.concat ?? [0, 1];
    const key = `${part.to}/${part.from}/${ref}/${total}`;
    const got = [...(pending.get(key) ?? []), part];
    if (got.length < total) return void pending.set(key, got);
    pending.delete(key);
    got.sort((a, b) => (a.concat?.[2] ?? 1) - (b.concat?.[2] ?? 1));
    const { messageId: _id, concat: _c, text: _t, ...first } = got[0]!;
    smsc.messages.push({ ...first, text: got.map((p) => p.text).join(''), parts: total, messageIds: got.map((p) => p.messageId) });
  }

  function sendReceipt(session: Session, part: SubmittedPart) {
    const stat = failing.has(part.to) ? 'UNDELIV' : 'DELIVRD';
    const receipt: SentReceipt = { messageId: part.messageId, stat, ackStatus: null };
    smsc.receipts.push(receipt);
    const date = '2612011200';
    session.deliver_sm(
      {
        source_addr_ton: 1,
        source_addr_npi: 1,
        source_addr: part.to,
        dest_addr_ton: part.sourceTon,
        dest_addr_npi: part.sourceNpi,
        destination_addr: part.from,
        esm_class: 0x04,
        data_coding: 0,
        short_message: `id:${part.messageId} sub:001 dlvrd:${stat === 'DELIVRD' ? '001' : '000'} submit date:${date} done date:${date} stat:${stat} err:${stat === 'DELIVRD' ? '000' : '001'} text:`,
      },
      (resp: PDU) => (receipt.ackStatus = resp.command_status),
    );
  }

  function onSession(session: Session) {
    let bound = false;
    session.on('error', () => {});
    session.on('bind_transceiver', (pdu: PDU) => {
      const ok = pdu.system_id === systemId && pdu.password === password;
      smsc.binds.push({ systemId: String(pdu.system_id), ok, at: Date.now() });
      if (!ok) {
        session.send(pdu.response({ command_status: smpp.errors.ESME_RBINDFAIL }));
        session.close();
        return;
      }
      bound = true;
      session.send(pdu.response({ system_id: 'TESTSMSC' }));
    });
    session.on('enquire_link', (pdu: PDU) => {
      smsc.enquireLinks += 1;
      if (!silent) session.send(pdu.response());
    });
    session.on('unbind', (pdu: PDU) => {
      session.send(pdu.response());
      session.close();
    });
    session.on('submit_sm', (pdu: PDU) => {
      if (silent) return;
      if (!bound) return void session.send(pdu.response({ command_status: smpp.errors.ESME_RINVBNDSTS }));
      const part: SubmittedPart = {
        messageId: (nextId++).toString(16).toUpperCase(),
        to: String(pdu.destination_addr),
        destTon: Number(pdu.dest_addr_ton),
        destNpi: Number(pdu.dest_addr_npi),
        from: String(pdu.source_addr),
        sourceTon: Number(pdu.source_addr_ton),
        sourceNpi: Number(pdu.source_addr_npi),
        dataCoding: Number(pdu.data_coding),
        esmClass: Number(pdu.esm_class),
        registeredDelivery: Number(pdu.registered_delivery),
        concat: concatHeader(pdu.short_message),
        text: text(pdu.short_message),
      };
      smsc.parts.push(part);
      session.send(pdu.response({ message_id: part.messageId }));
      reassemble(part);
      if (part.registeredDelivery & 0x01) setTimeout(() => sendReceipt(session, part), 5);
    });
  }

  const smsc: TestSmsc = {
    port,
    url: `smpp://${encodeURIComponent(systemId)}:${encodeURIComponent(password)}@127.0.0.1:${port}`,
    parts: [],
    messages: [],
    receipts: [],
    binds: [],
    enquireLinks: 0,
    setSilent(value) {
      silent = value;
    },
    failFor(numbers) {
      failing = new Set(numbers);
    },
    async start() {
      if (server) return;
      const s = smpp.createServer(onSession);
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject);
        s.listen(port, '127.0.0.1', () => resolve());
      });
      server = s;
    },
    // Drops every connection at once, as a crashed or unplugged SMSC would.
    async stop() {
      const s = server;
      server = null;
      if (!s) return;
      for (const session of [...s.sessions]) session.destroy();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    },
    waitFor(count, timeoutMs = 5_000) {
      return until(() => (smsc.messages.length >= count ? smsc.messages : null), `${count} SMS (got ${smsc.messages.length})`, timeoutMs);
    },
    waitForReceipts(count, timeoutMs = 5_000) {
      const acked = () => smsc.receipts.filter((r) => r.ackStatus !== null);
      return until(() => (acked().length >= count ? acked() : null), `${count} acknowledged receipts`, timeoutMs);
    },
  };
  await smsc.start();
  return smsc;
}
