// What the privacy notice says that depends on the deployment: the controller and DPO
// (configuration), the organisations that run sessions (database), the retention periods.
import { isNotNull } from 'drizzle-orm';
import { organisations } from '~db/schema';
import { config } from '~/platform/config/config';
import type { Db } from '~/platform/db/db.server';

export interface NoticeFacts {
  controller: string;
  controllerAddress: string;
  dpoEmail: string;
  organisers: string[];
  retentionDays: number;
  teacherRetentionDays: number;
  auditRetentionDays: number;
}

export async function noticeFacts(db: Db): Promise<NoticeFacts> {
  const rows = await db
    .select({ name: organisations.name })
    .from(organisations)
    .where(isNotNull(organisations.audience))
    .orderBy(organisations.name);
  return { ...config.privacy, organisers: rows.map((r) => r.name), retentionDays: config.retentionDays };
}
