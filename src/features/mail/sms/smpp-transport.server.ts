// Sending SMS over SMPP 3.4 (the protocol aggregators and operators accept) with the `smpp`
// package: one transceiver bind kept alive with enquire_link, re-bound with exponential
// backoff when it drops, delivery receipts handed to `onReceipt`. Another provider (an HTTP
// API) only has to implement `SmsTransport` (see sms-transport.ts).
import smpp, { type PDU, type Session } from 'smpp';
import { parseSmsUrl, type SmppAccount } from '~/platform/config/sms';
import { retryDelayMs, type RetryPolicy } from '~/features/mail/outbox/retry';
import { concatenationHeader, dataCoding, smsParts } from './sms-parts';
import { parseReceipt } from './smpp-receipt';
import { SmsSendError, type ReceiptListener, type SentSms, type SmsMessage, type SmsTransport } from './sms-transport';
import { describeStatus, isPermanentStatus, submitFields } from './smpp-pdu';

export type SmppEvent =
  | { type: 'bound'; host: string }
  | { type: 'bind-refused'; status: string }
  | { type: 'disconnected'; error: string | null; retryInMs: number };

export interface SmppOptions {
  from?: string;
  enquireLinkMs?: number;
  // How long a request (bind, submit_sm, enquire_link) may wait for its response.
  responseTimeoutMs?: number;
  // How long `send` waits for a bind before giving up (the outbox then retries the row later).
  waitForBindMs?: number;
  reconnect?: Pick<RetryPolicy, 'baseMs' | 'maxDelayMs' | 'jitter'>;
  onEvent?: (event: SmppEvent) => void;
}

const RECONNECT = { baseMs: 1_000, maxDelayMs: 60_000, jitter: 0.2 };

interface Waiter {
  resolve: (session: Session) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export function createSmppTransport(smsUrl: string, options: SmppOptions = {}): SmsTransport {
  const account: SmppAccount = parseSmsUrl(smsUrl);
  const from = options.from ?? 'Passerelle';
  const timeoutMs = options.responseTimeoutMs ?? 15_000;
  const reconnect = { ...RECONNECT, ...options.reconnect, maxAgeMs: Infinity, maxAttempts: Infinity };
  const emit = options.onEvent ?? (() => {});
  const where = `${account.host}:${account.port}`;
  const listeners: ReceiptListener[] = [];
  const inflight = new Set<(error: Error) => void>();
  let waiters: Waiter[] = [];
  let current: Session | null = null;
  let bound: Session | null = null;
  let refused: SmsSendError | null = null;
  let lastError: string | null = null;
  let failures = 0;
  let closed = false;
  let retryTimer: NodeJS.Timeout | null = null;
  let reference = Math.floor(Math.random() * 256);

  // One request and its response; rejected when the connection drops or the response is late.
  function request(
    session: Session,
    command: 'bind_transceiver' | 'submit_sm' | 'enquire_link' | 'unbind',
    fields: Record<string, unknown>,
  ): Promise<PDU> {
    return new Promise((resolve, reject) => {
      const fail = (error: Error) => {
        clearTimeout(timer);
        inflight.delete(fail);
        reject(error);
      };
      // No answer means a dead link (or a hung SMSC): drop it and bind again.
      const timer = setTimeout(() => {
        const error = new SmsSendError(`SMPP ${command} got no response from ${where} within ${timeoutMs} ms`, false);
        lastError = error.message;
        fail(error);
        session.destroy();
      }, timeoutMs);
      inflight.add(fail);
      const sent = session[command](fields, (pdu: PDU) => {
        clearTimeout(timer);
        inflight.delete(fail);
        resolve(pdu);
      });
      if (!sent) fail(new SmsSendError(`SMPP connection to ${where} is not writable`, false));
    });
  }

  function settleWaiters(session: Session | null, error?: Error) {
    const ready = waiters;
    waiters = [];
    for (const w of ready) {
      clearTimeout(w.timer);
      if (session) w.resolve(session);
      else w.reject(error!);
    }
  }

  function connect() {
    retryTimer = null;
    if (closed) return;
    const session = (current = smpp.connect({ host: account.host, port: account.port, tls: account.tls, servername: account.host }));
    let keepAlive: NodeJS.Timeout | null = null;
    // A host that never answers (no refusal, no reply) counts as down too.
    const connectTimer = setTimeout(() => {
      lastError ??= `no answer within ${timeoutMs} ms`;
      session.destroy();
    }, timeoutMs);
    session.on(account.tls ? 'secureConnect' : 'connect', () => void bind(session));
    session.on('error', (error: Error) => (lastError = error.message));
    session.on('close', () => {
      clearTimeout(connectTimer);
      if (keepAlive) clearInterval(keepAlive);
      if (current === session) current = null;
      if (bound === session) bound = null;
      for (const fail of [...inflight])
        fail(new SmsSendError(`SMPP connection to ${where} closed: ${lastError ?? 'no reason given'}`, false));
      if (closed) return;
      failures += 1;
      const retryInMs = retryDelayMs(failures, reconnect);
      emit({ type: 'disconnected', error: lastError, retryInMs });
      retryTimer = setTimeout(connect, retryInMs);
    });
    // The SMSC asks whether we are alive, says goodbye, or delivers a receipt.
    session.on('enquire_link', (pdu: PDU) => session.send(pdu.response()));
    session.on('unbind', (pdu: PDU) => {
      session.send(pdu.response());
      session.close();
    });
    session.on('deliver_sm', (pdu: PDU) => void receive(session, pdu));

    async function bind(s: Session) {
      try {
        const resp = await request(s, 'bind_transceiver', {
          system_id: account.systemId,
          password: account.password,
          interface_version: 0x34,
        });
        if (resp.command_status !== 0) {
          const status = describeStatus(resp.command_status);
          refused = new SmsSendError(
            `SMPP bind refused by ${where} for system_id "${account.systemId}": ${status} (check the SYSTEM_ID and PASSWORD in SMS_URL)`,
            false,
          );
          lastError = refused.message;
          emit({ type: 'bind-refused', status });
          settleWaiters(null, refused);
          s.destroy();
          return;
        }
        clearTimeout(connectTimer);
        bound = s;
        refused = null;
        lastError = null;
        failures = 0;
        emit({ type: 'bound', host: where });
        keepAlive = setInterval(() => void request(s, 'enquire_link', {}).catch(() => s.destroy()), options.enquireLinkMs ?? 30_000);
        settleWaiters(s);
      } catch {
        s.destroy();
      }
    }
  }

  // Acknowledged only once every listener has recorded it: should we crash first, the SMSC
  // delivers the receipt again.
  async function receive(session: Session, pdu: PDU) {
    const receipt = parseReceipt(pdu);
    let status = 0;
    if (receipt) {
      try {
        for (const listener of listeners) await listener(receipt);
      } catch {
        status = smpp.errors.ESME_RX_T_APPN ?? 0x64;
      }
    }
    session.send(pdu.response({ command_status: status }));
  }

  function boundSession(): Promise<Session> {
    if (closed) return Promise.reject(new SmsSendError('SMS transport is closed', false));
    if (bound) return Promise.resolve(bound);
    if (refused) return Promise.reject(refused);
    const waitMs = options.waitForBindMs ?? 10_000;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters = waiters.filter((w) => w.timer !== timer);
        reject(new SmsSendError(`SMPP server ${where} not bound after ${waitMs} ms: ${lastError ?? 'still connecting'}`, false));
      }, waitMs);
      waiters.push({ resolve, reject, timer });
    });
  }

  connect();

  return {
    async send(message: SmsMessage): Promise<SentSms> {
      const fields = submitFields(message.to, from);
      const { encoding, parts } = smsParts(message.text);
      const ref = (reference = (reference + 1) & 0xff);
      const partIds: string[] = [];
      for (const [i, part] of parts.entries()) {
        const session = await boundSession();
        const shortMessage = parts.length > 1 ? { udh: concatenationHeader(ref, parts.length, i + 1), message: part } : part;
        const resp = await request(session, 'submit_sm', {
          ...fields,
          esm_class: parts.length > 1 ? 0x40 : 0,
          data_coding: dataCoding(encoding),
          short_message: shortMessage,
        });
        if (resp.command_status !== 0) {
          const status = describeStatus(resp.command_status);
          throw new SmsSendError(`SMPP submit_sm refused by ${where}: ${status}`, isPermanentStatus(resp.command_status), partIds);
        }
        partIds.push(String(resp.message_id));
      }
      return { messageId: partIds[0]!, partIds, encoding, segments: parts.length };
    },
    onReceipt(listener) {
      listeners.push(listener);
    },
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      settleWaiters(null, new SmsSendError('SMS transport is closed', false));
      const session = current;
      if (!session) return;
      if (bound === session) await request(session, 'unbind', {}).catch(() => {});
      bound = null;
      await new Promise<void>((done) => (session.socket.destroyed ? done() : session.destroy(done)));
    },
  };
}
