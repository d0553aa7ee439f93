import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import { E2E_PORT } from './e2e/fixture-db';

// Debian's Chromium where it exists (Playwright cannot download browsers here).
const systemChromium = '/usr/bin/chromium';
const asRoot = process.getuid?.() === 0;
const PORT = E2E_PORT;

export default defineConfig({
  testDir: './e2e',
  // One folder per port, so runs side by side do not delete each other's traces.
  outputDir: `../test-results/e2e-${PORT}`,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    ...devices['Pixel 5'],
    viewport: { width: 360, height: 740 },
    browserName: 'chromium',
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: existsSync(systemChromium) ? systemChromium : undefined,
      args: asRoot
        ? [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ]
        : [],
    },
  },
  webServer: {
    command: `node --import tsx tests/e2e/fixture-server.ts`,
    cwd: '..',
    url: `http://127.0.0.1:${PORT}/api/v1/sessions`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      LOG_LEVEL: 'warn',
      PORT: String(PORT),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${PORT}`,
      RATE_LIMIT: 'off',
      DEMO_DATA: '0',
      SMTP_URL: '',
    },
    stdout: 'pipe',
  },
});
