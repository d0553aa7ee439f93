// The server process as `npm start` runs it: a wrong environment value stops it before it
// listens (status 1, a sentence naming the variable), and the pages and the background jobs
// share one database connection (the data layer is loaded once, from the Astro build).
import { readdirSync, readlinkSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jobRuns } from '~db/schema';
import { startServer } from '../helpers/server';
import { testPortal } from '../helpers/portal';

async function failedStart(env: Record<string, string>) {
  const error = await startServer(env).then(
    (server) => server.stop().then(() => new Error('the server started')),
    (e: Error) => e,
  );
  return error.message;
}

describe('a wrong environment value', () => {
  it.each([
    ['RETENTION_DAYS', '30d', 'RETENTION_DAYS must be a whole number of days (got "30d")'],
    [
      'TRUST_PROXY',
      'true',
      'TRUST_PROXY must be 1 (behind a reverse proxy that appends to X-Forwarded-For), a number of proxies in a row (2), ' +
        'a comma-separated list of proxy addresses or CIDR ranges (10.0.0.0/8,fd00::/8), or 0 (got "true")',
    ],
    ['PORT', 'abc', 'PORT must be a port number, a whole number from 1 to 65535 (got "abc")'],
    ['BACKGROUND_JOBS', 'no', 'BACKGROUND_JOBS must be on or off (got "no")'],
    ['REMINDER_HOUR', '25', 'REMINDER_HOUR must be an hour of the day, a whole number from 0 to 23 (got "25")'],
  ])('%s=%s stops the server with status 1, naming the variable', async (name, value, sentence) => {
    const message = await failedStart({ DATABASE_URL: 'file::memory:', [name]: value });
    expect(message).toMatch(/exited with 1/);
    expect(message).toContain(`Passerelle could not start: ${sentence}`);
    expect(message).not.toMatch(/is ready on/);
  });
});

describe('one process', () => {
  const portal = testPortal({ env: { OUTBOX_POLL_MS: '50', SCHEDULER_INTERVAL_MS: '100' } });

  it('serves pages and runs the background jobs over one database connection', async () => {
    expect((await fetch(`${portal.url}/api/v1/sessions`)).status).toBe(200);
    expect((await fetch(`${portal.url}/`)).status).toBe(200);
    // The scheduler has run its jobs: the background side has used the database too.
    for (let i = 0; i < 100 && (await portal.db.select().from(jobRuns)).length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect((await portal.db.select().from(jobRuns)).length).toBeGreaterThan(0);

    // Each libSQL connection to an embedded file holds the file open once.
    const file = new URL(portal.server.output().match(/database file:(\S+)\)/)![1]!, 'file:').pathname;
    const fds = `/proc/${portal.server.process.pid}/fd`;
    const handles = readdirSync(fds).filter((fd) => {
      try {
        return readlinkSync(`${fds}/${fd}`) === file;
      } catch {
        return false;
      }
    });
    expect(handles).toHaveLength(1);
  });
});
