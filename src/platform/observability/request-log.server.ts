// Around every request scripts/serve.ts receives: a request id (also sent back as
// X-Request-Id), then, once the answer has left, one JSON log line and the request metrics.
// The route is the pattern Astro matched ("/r/[token]"), never the path: manage links and
// calendar feeds carry their secret in it.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { logger } from './logger';
import { recordRequest } from './metrics';
import { runInRequestContext, type RequestContext } from './request-context';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export function observeRequests(handler: Handler): Handler {
  return (req, res) => {
    const context: RequestContext = { id: randomUUID() };
    const started = process.hrtime.bigint();
    res.setHeader('X-Request-Id', context.id);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      // Seconds: the figure Prometheus uses, and the same in the log line.
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const method = req.method ?? 'GET';
      const route = context.routePattern;
      recordRequest({ method, route, status: res.statusCode, seconds });
      const line = {
        requestId: context.id,
        method,
        route: route ?? '(static)',
        status: res.statusCode,
        seconds: Math.round(seconds * 1e6) / 1e6,
      };
      logger.info(res.writableFinished ? line : { ...line, aborted: true }, 'request');
    };
    res.once('finish', finish);
    res.once('close', finish);
    runInRequestContext(context, () => handler(req, res));
  };
}
