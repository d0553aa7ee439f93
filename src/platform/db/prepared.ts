// Queries built once per database handle and shape, then run with placeholders filled in.
// Building a query's SQL costs drizzle more than SQLite takes to run a small read (≈0.7 ms
// for the catalog's wide select against 0.1 ms), so the reads on every page load keep theirs.
const built = new WeakMap<object, Map<string, unknown>>();

export function preparedOnce<T>(db: object, key: string, build: () => T): T {
  let byKey = built.get(db);
  if (!byKey) built.set(db, (byKey = new Map()));
  let query = byKey.get(key) as T | undefined;
  if (query === undefined) byKey.set(key, (query = build()));
  return query;
}
