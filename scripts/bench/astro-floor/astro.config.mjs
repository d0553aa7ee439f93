// @ts-check
// Floor (b) of the booking benchmark: the smallest Astro 7 app on the portal's own adapter
// (@astrojs/node, standalone handler behind our own node:http server, as scripts/serve.ts
// runs it), answering a POST with one insert. Built by the benchmark into a temporary folder.
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';

export default defineConfig({
  output: 'server',
  // Inside the repository (dist-* is ignored), so the build finds its packages.
  outDir: process.env.FLOOR_OUT_DIR || '../../../dist-bench-floor',
  adapter: node({ mode: 'standalone' }),
  security: { checkOrigin: false },
  vite: { ssr: { external: ['@libsql/client', 'libsql'] } },
});
