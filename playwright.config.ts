import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// E2E_PORT / E2E_DATABASE (scripts/e2e-server.mjs) let two runs share a machine.
const PORT = Number(process.env.E2E_PORT || 3100);
const baseURL = `http://127.0.0.1:${PORT}`;

// Debian's chromium package when present (offline machines cannot download
// Playwright's own build); otherwise Playwright's bundled Chromium.
const systemChromium = "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  // Per port, so two runs on one machine do not delete each other's traces.
  outputDir: `test-results/${PORT}`,
  workers: 2,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // The student record (case at a glance, sections, history) makes axe scans of a profile take seconds on two busy cores.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          ...(existsSync(systemChromium) ? { executablePath: systemChromium } : {}),
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
          ],
        },
      },
    },
  ],
  webServer: {
    // Fresh database, migrations, demo seed, then `next start` (needs `next build` first).
    command: "node scripts/e2e-server.mjs",
    url: `${baseURL}/sign-in`,
    timeout: 240_000,
    reuseExistingServer: !!process.env.E2E_REUSE_SERVER,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    env: { PORT: String(PORT) },
  },
});
