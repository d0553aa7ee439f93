// The one logger: a JSON line on stdout for every request, job run and delivery (pino), at
// LOG_LEVEL. Lines carry ids, kinds, counts and outcomes, never a person's contact, name,
// token or password; the keys that could hold one are censored as a last guard, should a
// caller ever pass such an object.
import pino, { type DestinationStream, type Logger } from 'pino';
import { config } from '~/platform/config/config';

const PERSONAL_KEYS = ['email', 'phone', 'firstName', 'lastName', 'name', 'recipient', 'password', 'token', 'authorization', 'cookie'];

export function createLogger(level: string = config.logLevel, destination?: DestinationStream): Logger {
  const options = {
    level,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    redact: { paths: PERSONAL_KEYS.flatMap((key) => [key, `*.${key}`]), censor: '[redacted]' },
  };
  return pino(options, destination ?? stdout());
}

// stdout written asynchronously: a synchronous write per line blocks the event loop for a
// system call on every request (and for as long as a slow reader keeps the pipe full). Lines
// written while one write is under way leave together in the next; pino flushes what is left
// when the process exits, crashes included.
function stdout(): DestinationStream {
  return pino.destination({ dest: 1, sync: false });
}

export const logger: Logger = createLogger();

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
