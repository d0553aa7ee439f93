// A big session's roster for its trainer, over HTTP: a page at a time (each under 100 KB with
// a thousand people booked), found by name, every button and link named with its person; and
// the door page of 300 people, whole (it must work offline), measured.
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, createAccounts, signedIn, type Accounts } from '../helpers/auth';
import { testPortal } from '../helpers/portal';
import { createSession } from '../helpers/world';

const HOUR = 3_600_000;
let people: Accounts;
let trainer: Client;

const portal = testPortal({ seed: async (db) => void (people = await createAccounts(db)) });
beforeAll(async () => {
  trainer = await signedIn(portal.url, people.trainer.email);
});

// `n` people, the first `confirmed` confirmed, then `waitlisted` waiting, the rest cancelled.
async function crowd(sessionId: number, n: number, confirmed: number, waitlisted: number) {
  await portal.db.$client.execute({
    sql: `with recursive k(i) as (select 1 union all select i + 1 from k where i < ?)
      insert into registrations (session_id, status, first_name, last_name, email, phone, language, code, queued_at, cancelled_at)
      select ?, case when i <= ? then 'confirmed' when i <= ? then 'waitlisted' else 'cancelled' end,
        'Prénom' || i, 'Famille' || printf('%04d', i), 'personne' || i || '@example.test', '+3361' || printf('%07d', i), 'fr',
        'R' || ? || 'X' || i, i, case when i > ? then 1700000000000 + i end
      from k`,
    args: [n, sessionId, confirmed, confirmed + waitlisted, sessionId, confirmed + waitlisted],
  });
}

const size = (text: string) => Buffer.byteLength(text, 'utf8');

describe('the roster of a big session', () => {
  it('comes a page at a time under 100 KB, finds people by name, and names every control with its person', async () => {
    const id = await createSession(portal.db, { startsAt: Date.now() + 3 * 24 * HOUR, capacity: 1000 });
    await crowd(id, 1000, 900, 60);
    const roster = `/formateur/sessions/${id}`;
    const first = await trainer.get(roster);
    expect(first.status).toBe(200);
    console.log(`roster page 1 of 1,000 people: ${size(first.text)} bytes`);
    expect(size(first.text)).toBeLessThan(100_000);
    expect(first.text).toContain('Personnes 1 à 50 sur 1000');
    expect(first.text).toContain('Places confirmées (900)');
    expect(first.text).toMatch(/href="\?page=2#liste" rel="next"/);
    const last = await trainer.get(`${roster}?page=20`);
    expect(size(last.text)).toBeLessThan(100_000);
    expect(last.text).toContain('Personnes 951 à 1000 sur 1000');

    // A search by name, typed without accents or case.
    const found = await trainer.get(`${roster}?q=${encodeURIComponent('famille0950')}`);
    expect(found.text).toContain('Prénom950 Famille0950');
    expect(found.text).not.toContain('Prénom951 ');
    // Each control says whose it is.
    const text = found.text.replace(/&#39;/g, "'");
    expect(text).toMatch(/Confirmer sa place<span class="visually-hidden"[^>]*> : Prénom950 Famille0950/);
    expect(text).toMatch(/<span class="visually-hidden"[^>]*>Appeler Prénom950 Famille0950 : <\/span>/);
    expect(text).toMatch(/<span class="visually-hidden"[^>]*>Écrire à Prénom950 Famille0950 : <\/span>/);
    const none = await trainer.get(`${roster}?q=personne-inconnue`);
    expect(none.text).toContain('Personne ne correspond à « personne-inconnue ».');
  });

  it('shows the door page of 300 people whole, and light', async () => {
    const id = await createSession(portal.db, { startsAt: Date.now() - 10 * 60_000, capacity: 300 });
    await crowd(id, 300, 300, 0);
    const door = await trainer.get(`/formateur/sessions/${id}/presences`);
    expect(door.status).toBe(200);
    expect(door.text.match(/class="door-row/g)).toHaveLength(300);
    // About 1 KB a person as sent, a tenth of that compressed (the server gzips pages).
    const zipped = gzipSync(door.text).length;
    console.log(`door page of 300 people: ${size(door.text)} bytes, ${zipped} gzipped`);
    expect(size(door.text)).toBeLessThan(350_000);
    expect(zipped).toBeLessThan(40_000);
  });
});
