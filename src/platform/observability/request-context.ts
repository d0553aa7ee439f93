// What the request pipeline learns about the request in hand (its id, the route pattern
// Astro matched), readable from anywhere below it without passing it along. scripts/serve.ts
// opens the context (boot.server.ts, observeRequests); the middleware fills in the route.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestContext {
  id: string;
  routePattern?: string;
}

const store = new AsyncLocalStorage<RequestContext>();

export function runInRequestContext<T>(context: RequestContext, fn: () => T): T {
  return store.run(context, fn);
}

export function currentRequest(): RequestContext | undefined {
  return store.getStore();
}
