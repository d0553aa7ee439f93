// Placeholder until the demo generator lands: an empty city.
import type { Db } from '../db';

export async function seedDemoData(_db: Db, _now = Date.now()): Promise<void> {}

export async function demoLogins(_db: Db): Promise<{ role: string; email: string; password: string }[]> {
  return [];
}
