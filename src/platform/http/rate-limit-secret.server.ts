// The key that turns a rate-limit subject (an email, phone, account or address) into an
// opaque HMAC. RATE_LIMIT_SECRET sets it; without it, the portal draws a random one the first
// time and keeps it in `app_secrets`, so every instance on the database counts alike with no
// setting to copy around. Either way the key is not in `rate_limits`: a copy of that table
// alone tells nobody who booked or signed in.
import { createHmac, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { appSecrets } from '~db/schema';
import { config } from '~/platform/config/config';
import type { Db } from '~/platform/db/db.server';

const NAME = 'rate-limit-hmac';
// Kept as a KeyObject: given the bytes, every createHmac builds one anew (about 30 µs on
// Node 24, against 6 µs for the HMAC itself; a booking counts two subjects).
const loaded = new WeakMap<Db, Promise<KeyObject>>();

async function loadKey(db: Db): Promise<KeyObject> {
  if (config.rateLimitSecret) return createSecretKey(Buffer.from(config.rateLimitSecret));
  await db
    .insert(appSecrets)
    .values({ name: NAME, value: randomBytes(32) })
    .onConflictDoNothing();
  const [row] = await db.select({ value: appSecrets.value }).from(appSecrets).where(eq(appSecrets.name, NAME));
  return createSecretKey(Buffer.from(row!.value));
}

function keyOf(db: Db): Promise<KeyObject> {
  let key = loaded.get(db);
  if (!key) {
    key = loadKey(db);
    key.catch(() => loaded.delete(db));
    loaded.set(db, key);
  }
  return key;
}

// 128 bits of HMAC-SHA-256: ample to keep counters apart, short enough for an index.
export async function subjectDigest(db: Db, subject: string): Promise<string> {
  return createHmac('sha256', await keyOf(db))
    .update(subject)
    .digest('base64url')
    .slice(0, 22);
}
