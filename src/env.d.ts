/// <reference types="astro/client" />

declare namespace App {
  interface Locals {
    user: import('./lib/server/user').SessionUser | null;
    session: import('./lib/server/session').AuthSession | null;
    lang: import('./i18n').Lang;
  }
}
