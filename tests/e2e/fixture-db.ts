// Where the end-to-end server keeps its database: one known place per port, so specs can read
// what the portal wrote (the outbox, as a mail client would see it).
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const E2E_PORT = Number(process.env.E2E_PORT ?? 4391);
export const e2eDir = join(tmpdir(), `passerelle-e2e-${E2E_PORT}`);
export const e2eDatabaseUrl = `file:${join(e2eDir, 'passerelle.db')}`;
