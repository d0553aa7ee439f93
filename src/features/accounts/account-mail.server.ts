// Emails about an account (confirm the address, reset the password, accept an invitation),
// queued in the outbox like every message. Their text lives in i18n `accountMail.<kind>.*`.
// The link carries the raw token: the outbox row is scrubbed once sent.
import { outbox } from '~db/schema';
import { newOp } from '~/features/audit/audit.server';
import { config } from '~/platform/config/config';
import type { Db } from '~/platform/db/db.server';

// `account-password-changed` tells the owner their password changed (by them or a reset
// link), so a takeover does not go unnoticed; its link leads to choosing another one.
export const ACCOUNT_MAIL_KINDS = ['account-verify-email', 'account-reset-password', 'account-invite', 'account-password-changed'] as const;
export type AccountMailKind = (typeof ACCOUNT_MAIL_KINDS)[number];

export interface AccountMail {
  kind: AccountMailKind;
  recipient: string;
  name: string;
  // An absolute link (PUBLIC_URL + path).
  url: string;
  language?: string;
}

export interface AccountMailPayload {
  kind: AccountMailKind;
  name: string;
  url: string;
}

// The path of the page each kind of link opens.
const LINK_PATHS: Record<AccountMailKind, string> = {
  'account-verify-email': '/confirmer/',
  'account-reset-password': '/reinitialiser/',
  'account-invite': '/invitation/',
  'account-password-changed': '/mot-de-passe-oublie',
};

export function accountLink(kind: AccountMailKind, token = ''): string {
  return `${config.publicUrl}${LINK_PATHS[kind]}${token}`;
}

// Each email is its own message: a fresh dedupe key, so a retried batch cannot queue it twice
// while a second request (a new link) is a new email.
export function accountEmailStatement(db: Db, mail: AccountMail) {
  const payload: AccountMailPayload = { kind: mail.kind, name: mail.name, url: mail.url };
  return db
    .insert(outbox)
    .values({
      dedupeKey: `${mail.kind}:${newOp()}`,
      kind: mail.kind,
      recipient: mail.recipient,
      language: mail.language ?? 'fr',
      payload: { ...payload },
    })
    .onConflictDoNothing({ target: outbox.dedupeKey });
}

// The notice after a password change or reset, in the same outbox batch as the change.
export function passwordChangedEmailStatement(db: Db, user: { email: string; name: string }) {
  const url = accountLink('account-password-changed');
  return accountEmailStatement(db, { kind: 'account-password-changed', recipient: user.email, name: user.name, url });
}
