// How long a sign-in lasts, by role (OWASP ASVS 3.3.2, level 2): at most 12 hours whatever
// the use; administrators and Drane staff, who see the most, also after 30 idle minutes.
// Use pushes the idle end back, written at most once per `refreshMs` to spare a write per request.
import type { Role } from '~/features/accounts/users.server';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;

export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
  refreshMs: number;
}

export const ABSOLUTE_LIFETIME_MS = 12 * HOUR;
export const STRICT_SESSIONS: SessionPolicy = { idleMs: 30 * MINUTE, absoluteMs: ABSOLUTE_LIFETIME_MS, refreshMs: MINUTE };
export const STANDARD_SESSIONS: SessionPolicy = { idleMs: 12 * HOUR, absoluteMs: ABSOLUTE_LIFETIME_MS, refreshMs: HOUR };

export function sessionPolicy(role: Role | string): SessionPolicy {
  return role === 'admin' || role === 'drane' ? STRICT_SESSIONS : STANDARD_SESSIONS;
}

export function sessionExpiry(policy: SessionPolicy, createdAt: number, lastVerifiedAt: number): number {
  return Math.min(lastVerifiedAt + policy.idleMs, createdAt + policy.absoluteMs);
}
