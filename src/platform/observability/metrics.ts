// The counters and histograms of this instance, in the Prometheus text format at GET /metrics
// (metrics-endpoint.server.ts). Every instance keeps its own: Prometheus scrapes each one and
// sums. What lives in the database (the outbox backlog, the last backup) is read at scrape
// time instead (database-metrics.server.ts), so every instance reports the same figure.
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

export const registry = new Registry();
// Process memory, CPU, event-loop lag (nodejs_eventloop_lag_*), heap, handles.
collectDefaultMetrics({ register: registry });

const registers = [registry];

export const httpRequests = new Counter({
  name: 'passerelle_http_requests_total',
  help: 'HTTP requests answered, by method, route pattern and status',
  labelNames: ['method', 'route', 'status'] as const,
  registers,
});

export const httpDuration = new Histogram({
  name: 'passerelle_http_request_duration_seconds',
  help: 'Time from the request to the last byte of the answer, by method, route pattern and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers,
});

export const bookings = new Counter({
  name: 'passerelle_bookings_total',
  help: 'Booking requests (forms and API), by audience and outcome',
  labelNames: ['audience', 'outcome'] as const,
  registers,
});

export const jobRuns = new Counter({
  name: 'passerelle_job_runs_total',
  help: 'Scheduled job rounds in this instance, by job and outcome (ran, failed; busy: another instance had the lease)',
  labelNames: ['job', 'outcome'] as const,
  registers,
});

export const deliveries = new Counter({
  name: 'passerelle_deliveries_total',
  help: 'Delivery attempts of the outbox worker, by channel and outcome (sent, retried, failed)',
  labelNames: ['channel', 'outcome'] as const,
  registers,
});

export const dbBusyRetries = new Counter({
  name: 'passerelle_db_busy_retries_total',
  help: 'Statements and batches tried again because the database was busy',
  registers,
});

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

// Labels stay few: an odd method is "other", a request no route took is "(static)" (a file
// from the client build) — never the raw path, which holds manage and feed tokens. Each label
// set is bound once (a few dozen exist), so a request costs two additions, not two label
// hashes and their objects.
type Bound = { count: { inc(): void }; duration: { observe(seconds: number): void } };
const bound = new Map<string, Bound>();

export function recordRequest({
  method,
  route,
  status,
  seconds,
}: {
  method: string;
  route: string | undefined;
  status: number;
  seconds: number;
}) {
  const m = METHODS.has(method) ? method : 'other';
  const r = route ?? '(static)';
  const key = `${m} ${status} ${r}`;
  let series = bound.get(key);
  if (!series) {
    const labels = { method: m, route: r, status: String(status) };
    series = { count: httpRequests.labels(labels), duration: httpDuration.labels(labels) };
    bound.set(key, series);
  }
  series.count.inc();
  series.duration.observe(seconds);
}

// For the admin home: scheduled job rounds that failed in this process since it started.
export async function jobFailuresSinceStart(): Promise<number> {
  const { values } = await jobRuns.get();
  return values.filter((v) => v.labels.outcome === 'failed').reduce((sum, v) => sum + v.value, 0);
}
