/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    user: import('./features/accounts/users.server').SessionUser | null;
    session: import('./features/auth/sign-in-session.server').AuthSession | null;
    lang: import('./i18n').Lang;
    // The signed-in account has a confirmed authenticator.
    twoFactor: boolean;
    // When time alone changes what the page shows (epoch ms): the render cache keeps it until then.
    cacheableUntil?: number;
  }
}
