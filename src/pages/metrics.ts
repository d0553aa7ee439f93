// Prometheus scrape target (README, "Operations"): 404 unless METRICS_TOKEN is set and sent.
import type { APIRoute } from 'astro';
import { metricsResponse } from '~/platform/observability/metrics-endpoint.server';

export const GET: APIRoute = ({ request }) => metricsResponse(request);
