// Playwright's webServer: the built app on a fresh database with the demo seed.
//
// DATABASE_URL set: (re)creates E2E_DATABASE_seeded (E2E_DATABASE defaults to
// mtss_e2e) on that server through the owner connection (DATABASE_OWNER_URL,
// else DATABASE_URL), migrates it as the owner and seeds it, then serves a
// copy of it named E2E_DATABASE with both URLs pointing at the copy. Unset: a fresh embedded PGlite in .data/e2e-pglite.
// Expects `next build` to have run; serves on PORT (default 3100).
import { spawn, spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";

const env = { ...process.env };
const bin = (name) => path.join("node_modules", ".bin", name);
const port = env.PORT || "3100";

env.AUTH_SECRET ||= "e2e-only-secret-not-for-production-0123456789";
env.AUTH_TRUST_HOST = "true";
env.NEXT_TELEMETRY_DISABLED = "1";
// The tests expect the seeded state as it is: no dashboard sweep at start-up or at night
// during a run (decision 048; integration tests cover the sweep itself).
env.DASHBOARD_REFRESH_AT_START ??= "off";
env.DASHBOARD_REFRESH_CRON ??= "off";

function log(message) {
  console.log(`[e2e-server] ${message}`);
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: "inherit", env });
  if (r.status !== 0) {
    console.error(`[e2e-server] ${cmd} ${args.join(" ")} failed (${r.signal ?? r.status})`);
    process.exit(1);
  }
}

function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

// Scripts import src/server modules, which are marked "server-only".
const migrateAndSeed = () => {
  run(bin("tsx"), ["--conditions=react-server", "scripts/db-migrate.ts"]);
  run(bin("tsx"), ["--conditions=react-server", "scripts/db-seed.ts"]);
};

if (env.DATABASE_URL) {
  const database = env.E2E_DATABASE || "mtss_e2e";
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`Unsafe database name: ${database}`);
  // Seeded once under its own name, then copied: the crash drill
  // (e2e/durability.spec.mjs) copies the same seeded database instead of
  // migrating and seeding its own, which is minutes on a busy machine.
  const seeded = `${database}_seeded`;
  const ownerUrl = env.DATABASE_OWNER_URL || env.DATABASE_URL;
  const appUrl = env.DATABASE_URL;
  const admin = new pg.Client({ connectionString: ownerUrl });
  await admin.connect();
  try {
    for (const name of [database, seeded]) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${seeded}"`);
    env.DATABASE_URL = withDatabase(appUrl, seeded);
    env.DATABASE_OWNER_URL = withDatabase(ownerUrl, seeded);
    migrateAndSeed();
    await admin.query(`CREATE DATABASE "${database}" TEMPLATE "${seeded}"`);
  } finally {
    await admin.end();
  }
  env.DATABASE_URL = withDatabase(appUrl, database);
  env.DATABASE_OWNER_URL = withDatabase(ownerUrl, database);
  log(`fresh PostgreSQL database ${database} (a copy of the seeded ${seeded})`);
} else {
  delete env.DATABASE_OWNER_URL;
  env.PGLITE_DIR = path.resolve(".data/e2e-pglite");
  rmSync(env.PGLITE_DIR, { recursive: true, force: true });
  log(`fresh embedded PGlite in ${env.PGLITE_DIR}`);
  migrateAndSeed();
}

log(`next start on port ${port}`);
const child = spawn(bin("next"), ["start", "-p", port, "-H", "127.0.0.1"], { stdio: "inherit", env });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
