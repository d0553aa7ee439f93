// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';
import { fileURLToPath } from 'node:url';

// scripts/serve.ts takes the start-up work (migrations, background jobs) from
// dist/server/boot.mjs, built here with the pages so both share one copy of every module:
// one configuration, one database connection per process.
/** @returns {import('vite').Plugin} */
function bootModule() {
  return {
    name: 'passerelle-boot-module',
    apply: 'build',
    applyToEnvironment: (environment) => environment.name === 'ssr',
    buildStart() {
      this.emitFile({ type: 'chunk', id: fileURLToPath(new URL('./src/platform/boot.server.ts', import.meta.url)), fileName: 'boot.mjs' });
    },
  };
}

// Astro's page map loads a route's module with `() => import(…)`, called on every request: each
// call goes through Node's module resolution again (about 30 µs a booking, with its
// package.json lookups). The module is the same every time, so the promise is kept.
/** @returns {import('vite').Plugin} */
function pageImportsOnce() {
  return {
    name: 'passerelle-page-imports-once',
    apply: 'build',
    enforce: 'post',
    transform: {
      filter: { id: /^\0virtual:astro:pages$/ },
      handler(code) {
        return code.replace(/const (_page\d+) = \(\) => (import\("[^"]+"\));/g, 'let $1_once;\nconst $1 = () => ($1_once ??= $2);');
      },
    },
  };
}

export default defineConfig({
  output: 'server',
  // Separate build folders let several checkouts or test runs build side by side.
  outDir: process.env.PASSERELLE_OUT_DIR || './dist',
  // Middleware mode: scripts/serve.ts is the server and serves the client files itself
  // (scripts/static-files.ts), so pages and API calls skip the adapter's disk lookup.
  adapter: node({ mode: 'middleware', bodySizeLimit: 2 * 1024 * 1024 }),
  // Cross-site writes are refused by our own middleware (src/platform/http/web-security.ts): Astro's
  // check also refuses body-less API calls such as DELETE /api/v1/manage/:token.
  security: { checkOrigin: false },
  server: { port: 4321 },
  // French at the root, Arabic and English under /ar/ and /en/. Routing is manual: the
  // [...lang] pages serve every language from one file, and links go through localePath().
  i18n: { locales: ['fr', 'ar', 'en'], defaultLocale: 'fr', routing: 'manual' },
  // Lossless whitespace collapsing: Astro 7's default JSX rules dropped the space in "{a} {b}".
  compressHTML: true,
  build: { inlineStylesheets: 'always' },
  vite: {
    // libSQL ships native bindings: keep it out of the server bundle.
    ssr: { external: ['@libsql/client', 'libsql', '@node-rs/argon2', 'pino', 'prom-client'] },
    plugins: [bootModule(), pageImportsOnce()],
  },
});
