import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      // src/server modules import "server-only", whose default export throws
      // outside a React Server Components bundle; tests are server code.
      { find: /^server-only$/, replacement: `${root}node_modules/server-only/empty.js` },
      { find: /^@\//, replacement: `${root}src/` },
    ],
  },
  test: {
    // Two cores: two workers, and each integration file owns a database.
    maxWorkers: 2,
    // The unit project may be empty for a while; that is not a failure.
    passWithNoTests: true,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          // Migrates a template database (server) or a PGlite image (embedded) once.
          globalSetup: ["tests/support/global-setup.ts"],
          // Gives every test file its own database cloned from the template.
          setupFiles: ["tests/support/setup-db.ts"],
          testTimeout: 30_000,
          hookTimeout: 120_000,
          // next-auth imports "next/server" without an extension, which Node's
          // ESM resolver refuses; processed by Vite it resolves (the SSO tests
          // drive the real Auth.js handlers).
          server: { deps: { inline: ["next-auth"] } },
        },
      },
    ],
  },
});
