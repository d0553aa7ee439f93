// A real SMTP listener for integration tests (smtp-server): collects every mail, parsed with
// mailparser as a mail client would; can answer 4xx or 5xx, and be stopped and restarted on
// the same port (an SMTP outage).
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { freePort } from './server';

export type SmtpMode = 'accept' | 'defer' | 'reject';

export interface ReceivedMail {
  parsed: ParsedMail;
  raw: string;
  to: string[];
}

export interface TestSmtp {
  port: number;
  url: string;
  mails: ReceivedMail[];
  setMode(mode: SmtpMode): void;
  // Holds each message this long before answering (a slow server), to stop a worker mid-send.
  setDelay(ms: number): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
}

function refusal(mode: SmtpMode): Error | null {
  if (mode === 'accept') return null;
  const error = new Error(mode === 'defer' ? '4.3.0 Mailbox busy, try again later' : '5.1.1 No such mailbox here') as Error & {
    responseCode: number;
  };
  error.responseCode = mode === 'defer' ? 451 : 550;
  return error;
}

export async function startSmtp(): Promise<TestSmtp> {
  const port = await freePort();
  const mails: ReceivedMail[] = [];
  let mode: SmtpMode = 'accept';
  let delayMs = 0;
  let server: SMTPServer | null = null;

  const create = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      closeTimeout: 200,
      onRcptTo(_address, _session, callback) {
        callback(refusal(mode) ?? undefined);
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          new Promise((r) => setTimeout(r, delayMs))
            .then(() => simpleParser(raw))
            .then((parsed) => {
              mails.push({ parsed, raw, to: session.envelope.rcptTo.map((r) => r.address) });
              callback();
            })
            .catch((error: Error) => callback(error));
        });
      },
    });

  const smtp: TestSmtp = {
    port,
    url: `smtp://127.0.0.1:${port}`,
    mails,
    setMode(next) {
      mode = next;
    },
    setDelay(ms) {
      delayMs = ms;
    },
    async start() {
      if (server) return;
      const s = create();
      await new Promise<void>((resolve, reject) => {
        s.server.once('error', reject);
        s.listen(port, '127.0.0.1', () => resolve());
      });
      server = s;
    },
    async stop() {
      const s = server;
      server = null;
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
    async waitFor(count, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (mails.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} mails, got ${mails.length}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return mails;
    },
  };
  await smtp.start();
  return smtp;
}
