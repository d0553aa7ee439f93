// Builds the server when dist/ is missing or older than any source file, so `npm start`
// and `npm test` always run what is in the tree: the Astro build, then scripts/serve.ts
// bundled to plain JavaScript (running it through a TypeScript loader would put that loader
// on every dynamic import Astro makes while serving, about a fifth of the CPU under load).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const outDir = process.env.PASSERELLE_OUT_DIR || 'dist';
const marker = join(outDir, 'serve.mjs');
const sources = [
  'src',
  'public',
  'db',
  'scripts/serve.ts',
  'scripts/static-files.ts',
  'astro.config.mjs',
  'package-lock.json',
  'tsconfig.json',
];

function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const built = existsSync(marker) ? statSync(marker).mtimeMs : 0;
const changed = Math.max(...sources.map(newest));
if (built < changed) {
  console.log(`Building Passerelle into ${outDir}/ …`);
  execFileSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], { stdio: 'inherit' });
  const { build } = await import('esbuild');
  await build({
    entryPoints: ['scripts/serve.ts'],
    outfile: marker,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
    logLevel: 'warning',
  });
}
