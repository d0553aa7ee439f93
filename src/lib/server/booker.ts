// Who is booking, from the signed-in user (if any) the middleware put in locals.
import type { Booker } from './booking';

export function bookerFromLocals(locals: App.Locals): Booker | null {
  const user = locals.user as (Record<string, unknown> & { id: number }) | null | undefined;
  if (!user) return null;
  return {
    id: user.id,
    role: String(user.role),
    name: String(user.name),
    email: String(user.email),
    emailVerified: Boolean(user.emailVerified ?? user.emailVerifiedAt),
    schoolUai: (user.schoolUai as string | null | undefined) ?? null,
  };
}
