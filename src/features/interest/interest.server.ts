// Leaving and withdrawing a "prévenez-moi" request. A repeat by the same person for the same
// school and language renews the one request (and its six months) rather than adding one.
import { and, eq, inArray, isNull, like, sql, type SQL } from 'drizzle-orm';
import { interestRequests, interestTokens, outbox } from '~db/schema';
import { forgetRecipientStatements } from '~/features/mail/outbox/delivery-states.server';
import { ANONYMOUS, auditStatement } from '~/features/audit/audit.server';
import type { Db } from '~/platform/db/db.server';
import { hitRateLimits, rule } from '~/platform/http/rate-limit.server';
import { localePath, type Lang } from '~/i18n';
import { mailLanguage } from '~/features/mail/messages/language';
import { config } from '~/platform/config/config';
import { generateSecret, hashSecret } from '~/platform/text/tokens';
import { getSchool } from '~/features/schools/schools.server';
import { contactKey, INTEREST_LIFETIME_MS, parseInterest } from './interest-rules';
import type { FieldErrors } from '~/features/registration/registration-input';

export type InterestResult =
  | { status: 201; id: number; withdrawToken: string; expiresAt: number; messageLanguage: Lang }
  | { status: 422; errors: FieldErrors }
  | { status: 429; error: string; retryAfterSeconds: number };

// `/prevenez-moi/retrait/<token>` in the person's language.
export function withdrawUrl(lang: Lang, token: string): string {
  return `${config.publicUrl}${localePath(lang, `/prevenez-moi/retrait/${token}`)}`;
}

// A new withdrawal link for a request; only its hash is kept.
// An SMS carries a shorter one (12 bytes, 96 bits: withdrawing is all it does), which keeps
// its link whole in an Arabic SMS.
export const SMS_WITHDRAW_TOKEN_BYTES = 12;
export function mintWithdrawTokenStatement(
  db: Db,
  requestId: number,
  size = 20,
): { token: string; statement: ReturnType<typeof insertToken> } {
  const token = generateSecret(size);
  return { token, statement: insertToken(db, requestId, hashSecret(token)) };
}

function insertToken(db: Db, requestId: number, tokenHash: string) {
  return db.insert(interestTokens).values({ tokenHash, requestId });
}

export async function mintWithdrawToken(db: Db, requestId: number, size?: number): Promise<string> {
  const { token, statement } = mintWithdrawTokenStatement(db, requestId, size);
  await statement;
  return token;
}

// The withdrawal token a message carries, minted when it is sent; none once the request is gone.
export async function freshWithdrawToken(db: Db, row: { payload: Record<string, unknown> }, size?: number): Promise<string | null> {
  const id = Number(row.payload.requestId);
  if (!Number.isInteger(id)) return null;
  const [request] = await db
    .select({ id: interestRequests.id })
    .from(interestRequests)
    .where(and(eq(interestRequests.id, id), isNull(interestRequests.erasedAt)));
  return request ? mintWithdrawToken(db, id, size) : null;
}

export async function freshWithdrawUrl(db: Db, row: { payload: Record<string, unknown>; language: string }): Promise<string | null> {
  const token = await freshWithdrawToken(db, row);
  return token ? withdrawUrl(mailLanguage(row.language), token) : null;
}

// The same page by a short link, for SMS (`/p/<token>` opens it in the request's language).
export function shortWithdrawUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/p/${token}`;
}

// Rate limited like bookings: per address and per contact.
export async function requestInterest(db: Db, input: unknown, address: string, now = Date.now()): Promise<InterestResult> {
  const parsed = parseInterest(input);
  if (!parsed.ok) return { status: 422, errors: parsed.errors };
  const v = parsed.value;
  if (!(await getSchool(db, v.schoolUai))) return { status: 422, errors: { schoolUai: 'errors.invalidSchool' } };
  const limited = await hitRateLimits(db, [rule('bookingPerAddress', address), rule('bookingPerContact', v.email ?? v.phone ?? '')], now);
  if (!limited.allowed) return { status: 429, error: 'form.tooMany', retryAfterSeconds: limited.retryAfterSeconds };
  const expiresAt = now + INTEREST_LIFETIME_MS;
  const [row] = await db
    .insert(interestRequests)
    .values({
      schoolUai: v.schoolUai,
      language: v.language,
      messageLanguage: v.messageLanguage,
      email: v.email,
      phone: v.phone,
      contactKey: contactKey(v.email, v.phone),
      consentAt: now,
      expiresAt,
      createdAt: now,
    })
    .onConflictDoUpdate({
      target: [interestRequests.schoolUai, interestRequests.language, interestRequests.contactKey],
      targetWhere: isNull(interestRequests.erasedAt),
      set: { expiresAt, consentAt: now, withdrawnAt: null, messageLanguage: v.messageLanguage },
    })
    .returning({ id: interestRequests.id });
  const { token, statement } = mintWithdrawTokenStatement(db, row!.id);
  await db.batch([
    statement,
    auditStatement(db, ANONYMOUS, 'interest.requested', 'interest', row!.id, { school: v.schoolUai, language: v.language }),
  ]);
  return { status: 201, id: row!.id, withdrawToken: token, expiresAt, messageLanguage: v.messageLanguage };
}

export interface WithdrawableRequest {
  id: number;
  schoolUai: string;
  language: string;
  expiresAt: number;
  messageLanguage: string;
  live: boolean;
}

export async function requestOfToken(db: Db, token: string): Promise<WithdrawableRequest | null> {
  if (!/^[a-z2-7]{20,64}$/.test(token)) return null;
  const [row] = await db
    .select({
      id: interestRequests.id,
      schoolUai: interestRequests.schoolUai,
      language: interestRequests.language,
      expiresAt: interestRequests.expiresAt,
      messageLanguage: interestRequests.messageLanguage,
      erasedAt: interestRequests.erasedAt,
    })
    .from(interestTokens)
    .innerJoin(interestRequests, eq(interestRequests.id, interestTokens.requestId))
    .where(eq(interestTokens.tokenHash, hashSecret(token)));
  return row ? { ...row, live: row.erasedAt == null } : null;
}

// The request an interest message is about.
const interestPayloadRequest = sql<number>`json_extract(${outbox.payload}, '$.requestId')`;

// Keeps the row (demand counts stay true) and forgets who asked, with every link to it.
// What the outbox still holds for those requests goes too (an unsent match is not sent).
export function eraseInterestStatements(db: Db, where: SQL, now: number, withdrawn: boolean) {
  const erased = db.select({ id: interestRequests.id }).from(interestRequests).where(where);
  return [
    db.delete(interestTokens).where(inArray(interestTokens.requestId, erased)),
    ...forgetRecipientStatements(db, and(like(outbox.kind, 'interest-%'), inArray(interestPayloadRequest, erased))!),
    db
      .update(interestRequests)
      .set({
        email: null,
        phone: null,
        contactKey: null,
        erasedAt: sql`coalesce(${interestRequests.erasedAt}, ${now})`,
        ...(withdrawn ? { withdrawnAt: sql`coalesce(${interestRequests.withdrawnAt}, ${now})` } : {}),
      })
      .where(where),
  ] as const;
}

export async function withdrawInterest(db: Db, token: string, now = Date.now()): Promise<boolean> {
  const request = await requestOfToken(db, token);
  if (!request?.live) return false;
  await db.batch([
    ...eraseInterestStatements(db, eq(interestRequests.id, request.id), now, true),
    auditStatement(db, { kind: 'manage-link' }, 'interest.withdrawn', 'interest', request.id),
  ]);
  return true;
}
