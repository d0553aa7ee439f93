// Accounts and a tiny cookie-keeping client for tests that sign in over HTTP.
import { eq } from 'drizzle-orm';
import { generateTOTP } from '@oslojs/otp';
import { userTotp } from '~db/schema';
import { SYSTEM } from '~/features/audit/audit.server';
import type { Db } from '~/platform/db/db.server';
import { createUser, type NewUser, type Role } from '~/features/accounts/users.server';

export const PASSWORD = 'un cartable bleu sous la pluie';

export type Persona = Role | 'unconfirmed-teacher' | 'drane-trainer';

const PEOPLE: Record<Persona, Omit<NewUser, 'password'>> = {
  teacher: { role: 'teacher', email: 'claire.enseignante@ac-aix-marseille.fr', name: 'Claire Enseignante', schoolUai: '0130001A' },
  'unconfirmed-teacher': {
    role: 'teacher',
    email: 'paul.nouveau@ac-aix-marseille.fr',
    name: 'Paul Nouveau',
    schoolUai: '0130002B',
    verified: false,
  },
  trainer: { role: 'trainer', email: 'nadia.formatrice@ligue13.test', name: 'Nadia Formatrice', organisationSlug: 'ligue' },
  coordinator: { role: 'coordinator', email: 'lina.coordinatrice@ligue13.test', name: 'Lina Coordinatrice', organisationSlug: 'ligue' },
  'drane-trainer': { role: 'trainer', email: 'marc.formateur@ac-aix-marseille.fr', name: 'Marc Formateur', organisationSlug: 'drane' },
  drane: { role: 'drane', email: 'sophie.drane@ac-aix-marseille.fr', name: 'Sophie Drane', organisationSlug: 'drane' },
  city: { role: 'city', email: 'karim.ville@marseille.test', name: 'Karim Ville', organisationSlug: 'ville' },
  admin: { role: 'admin', email: 'admin@passerelle.test', name: 'Alex Admin' },
};

export type Accounts = Record<Persona, { id: number; email: string; password: string }>;

// The test administrator's authenticator key: administrators must have two-factor on.
export const ADMIN_TOTP_KEY = new Uint8Array(20).map((_, i) => i + 1);

// A code from the authenticator app holding `key`, as a phone would show it now.
export const totpCode = (key: Uint8Array = ADMIN_TOTP_KEY) => generateTOTP(key, 30, 6);

// Accounts with an authenticator, by email: signedIn() types their code. A code opens one
// session only (replay protection), so the helper clears the server's memory of used steps
// before each sign-in, as if 30 seconds had passed.
const enrolled = new Map<string, { db: Db; userId: number; key: Uint8Array }>();

export async function enrolTotp(db: Db, user: { id: number; email: string }, key: Uint8Array = ADMIN_TOTP_KEY): Promise<void> {
  await db.insert(userTotp).values({ userId: user.id, key: Buffer.from(key), enabledAt: Date.now() });
  enrolled.set(user.email, { db, userId: user.id, key });
}

export async function freshTotpCode(email: string): Promise<string | undefined> {
  const account = enrolled.get(email.toLowerCase());
  if (!account) return undefined;
  await account.db.update(userTotp).set({ lastStep: 0 }).where(eq(userTotp.userId, account.userId));
  return totpCode(account.key);
}

// One account per persona, created through the user module (needs createWorld first); the
// administrator with two-factor on.
export async function createAccounts(db: Db): Promise<Accounts> {
  const out = {} as Accounts;
  for (const [persona, person] of Object.entries(PEOPLE) as [Persona, Omit<NewUser, 'password'>][]) {
    const result = await createUser(db, { ...person, password: PASSWORD }, SYSTEM);
    if (!result.ok) throw new Error(`${persona}: ${JSON.stringify(result.errors)}`);
    out[persona] = { id: result.user.id, email: result.user.email, password: PASSWORD };
  }
  await enrolTotp(db, out.admin);
  return out;
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  location: string | null;
  json<T = Record<string, unknown>>(): T;
}

// A browser-like client: keeps cookies, never follows redirects, sends a same-site Origin
// on writes unless told otherwise.
export class Client {
  readonly cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  async request(method: string, path: string, init: { body?: BodyInit; headers?: Record<string, string> } = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...init.headers };
    if (method !== 'GET' && method !== 'HEAD' && !Object.keys(headers).some((h) => h.toLowerCase() === 'origin'))
      headers.Origin = this.base;
    if (this.cookies.size) headers.Cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(new URL(path, this.base), { method, headers, body: init.body, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, location: res.headers.get('location'), json: () => JSON.parse(text) };
  }

  get(path: string, headers: Record<string, string> = {}) {
    return this.request('GET', path, { headers });
  }

  // A page's HTML with the entities a person never sees decoded, so tests can look for "l'école".
  async read(path: string) {
    return (await this.get(path)).text
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
  }

  postForm(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
    return this.request('POST', path, {
      body: new URLSearchParams(fields),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    });
  }

  postJson(path: string, body: unknown, headers: Record<string, string> = {}) {
    return this.request('POST', path, { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', ...headers } });
  }
}

export async function signedIn(base: string, email: string, password = PASSWORD): Promise<Client> {
  const client = new Client(base);
  const totp = await freshTotpCode(email);
  const res = await client.postJson('/api/v1/auth/login', { email, password, ...(totp ? { totp } : {}) });
  if (res.status !== 200) throw new Error(`sign-in of ${email} failed: ${res.status} ${res.text}`);
  return client;
}

// The token of the latest account email of a kind sent to someone, read from its link.
export async function latestAccountLink(db: Db, kind: string, recipient: string): Promise<{ url: string; token: string }> {
  const rs = await db.$client.execute({
    sql: 'select payload from outbox where kind = ? and recipient = ? order by id desc limit 1',
    args: [kind, recipient],
  });
  const row = rs.rows[0];
  if (!row) throw new Error(`no ${kind} email for ${recipient}`);
  const url = String((JSON.parse(String(row.payload)) as { url: string }).url);
  return { url, token: url.split('/').pop()! };
}
