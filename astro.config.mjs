// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';

export default defineConfig({
  output: 'server',
  // Separate build folders let several checkouts or test runs build side by side.
  outDir: process.env.PASSERELLE_OUT_DIR || './dist',
  adapter: node({ mode: 'standalone', bodySizeLimit: 2 * 1024 * 1024 }),
  // Forms post to the same origin; Astro refuses cross-site form posts.
  security: { checkOrigin: true },
  server: { port: 4321 },
  build: { inlineStylesheets: 'always' },
  vite: {
    // libSQL ships native bindings: keep it out of the server bundle.
    ssr: { external: ['@libsql/client', 'libsql', '@node-rs/argon2'] },
  },
});
