// `user:create`: an active, confirmed account from the shell (DESIGN.md, "Commands").
import { t } from '~/i18n';
import { SYSTEM } from '~/features/audit/audit.server';
import type { Db } from '~/platform/db/db.server';
import { createUser, isRole } from '~/features/accounts/users.server';
import type { Command } from './index';

export const userCreate: Command = {
  name: 'user:create',
  usage: 'user:create --role <teacher|trainer|coordinator|drane|city|admin> --email E --name N --password P [--school UAI] [--org SLUG]',
  summary: 'Creates an active, confirmed account (a trainer needs --org ligue or drane).',
  options: {
    role: { type: 'string' },
    email: { type: 'string' },
    name: { type: 'string' },
    password: { type: 'string' },
    school: { type: 'string' },
    org: { type: 'string' },
  },
  async run(db: Db, o) {
    const text = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
    const missing = ['role', 'email', 'name', 'password'].filter((k) => !text(k));
    if (missing.length) {
      console.error(`Missing ${missing.map((k) => `--${k}`).join(', ')}.\nUsage: ${this.usage}`);
      return 2;
    }
    const role = text('role')!;
    if (!isRole(role)) {
      console.error(`Unknown role "${role}": use teacher, trainer, coordinator, drane, city or admin.`);
      return 2;
    }
    const result = await createUser(
      db,
      {
        role,
        email: text('email')!,
        name: text('name')!,
        password: text('password')!,
        schoolUai: text('school') ?? null,
        organisationSlug: text('org') ?? null,
        verified: true,
      },
      SYSTEM,
    );
    if (!result.ok) {
      for (const [field, key] of Object.entries(result.errors)) console.error(`${field}: ${t('fr', key, { domains: '' })}`);
      return 1;
    }
    console.log(`Created ${result.user.role} #${result.user.id} ${result.user.email}.`);
  },
};
