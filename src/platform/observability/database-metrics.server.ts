// The /metrics figures that live in the database, read when Prometheus scrapes (one read for
// all of them per scrape): messages by channel and status, the age of the oldest one not yet
// sent, the last backup, the last weekly report, the instances up.
import { Gauge } from 'prom-client';
import type { Db } from '~/platform/db/db.server';
import { serviceHealth, type ServiceHealth } from './health.server';
import { registry } from './metrics';

export function registerDatabaseMetrics(getDb: () => Db): void {
  let pending: Promise<ServiceHealth | null> | null = null;
  // Every gauge's collect() asks; the first one of a scrape reads, the others share it.
  const snapshot = () => {
    pending ??= serviceHealth(getDb())
      .catch(() => null)
      .finally(() => setTimeout(() => (pending = null), 1000).unref());
    return pending;
  };
  const registers = [registry];
  const seconds = (ms: number | undefined) => (ms == null ? 0 : ms / 1000);

  new Gauge({
    name: 'passerelle_messages',
    help: 'Outbox messages by channel (email, sms, erased) and status (pending = queued, held, sending, sent, failed)',
    labelNames: ['channel', 'status'] as const,
    registers,
    async collect() {
      const health = await snapshot();
      this.reset();
      for (const m of health?.messages ?? []) this.set({ channel: m.channel, status: m.status }, m.count);
    },
  });
  new Gauge({
    name: 'passerelle_oldest_unsent_message_age_seconds',
    help: 'Age of the oldest message not yet sent (pending, held or sending), by channel; 0 when none waits',
    labelNames: ['channel'] as const,
    registers,
    async collect() {
      const health = await snapshot();
      const now = Date.now();
      for (const ch of ['email', 'sms'] as const) {
        const oldest = health?.oldestUnsent[ch];
        this.set({ channel: ch }, oldest == null ? 0 : Math.max(0, (now - oldest) / 1000));
      }
    },
  });
  new Gauge({
    name: 'passerelle_last_backup_timestamp_seconds',
    help: 'When the last backup (scheduled or db:backup) finished, Unix time; 0: never',
    registers,
    async collect() {
      this.set(seconds((await snapshot())?.lastBackup?.ranAt));
    },
  });
  new Gauge({
    name: 'passerelle_last_weekly_report_timestamp_seconds',
    help: 'When the weekly report job last ran, Unix time; 0: never',
    registers,
    async collect() {
      this.set(seconds((await snapshot())?.lastWeeklyReport?.ranAt));
    },
  });
  new Gauge({
    name: 'passerelle_instances_up',
    help: 'Server instances that renewed their presence lease in the last 30 s',
    registers,
    async collect() {
      this.set((await snapshot())?.instances ?? 0);
    },
  });
  new Gauge({
    name: 'passerelle_database_up',
    help: '1 when this instance could read the database for this scrape',
    registers,
    async collect() {
      this.set((await snapshot()) ? 1 : 0);
    },
  });
}
