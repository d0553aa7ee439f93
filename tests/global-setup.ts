// Before the integration tests: build the server when dist/ is older than the sources (the
// same script `npm start` runs), once per run rather than once per test file.
import { execFileSync } from 'node:child_process';

export default function buildIfStale(): void {
  execFileSync(process.execPath, ['scripts/build-if-stale.mjs'], { stdio: 'inherit' });
}
