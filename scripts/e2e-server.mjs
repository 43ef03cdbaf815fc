// Playwright's webServer: the built app on a fresh database with the demo seed.
//
// DATABASE_URL set: (re)creates the database E2E_DATABASE (default mtss_e2e) on
// that server through the owner connection (DATABASE_OWNER_URL, else
// DATABASE_URL), migrates it as the owner, seeds it, and serves with both URLs
// pointing at it. Unset: a fresh embedded PGlite in .data/e2e-pglite.
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

if (env.DATABASE_URL) {
  const database = env.E2E_DATABASE || "mtss_e2e";
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`Unsafe database name: ${database}`);
  const ownerUrl = env.DATABASE_OWNER_URL || env.DATABASE_URL;
  const admin = new pg.Client({ connectionString: ownerUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${database}"`);
  } finally {
    await admin.end();
  }
  env.DATABASE_URL = withDatabase(env.DATABASE_URL, database);
  env.DATABASE_OWNER_URL = withDatabase(ownerUrl, database);
  log(`fresh PostgreSQL database ${database}`);
} else {
  delete env.DATABASE_OWNER_URL;
  env.PGLITE_DIR = path.resolve(".data/e2e-pglite");
  rmSync(env.PGLITE_DIR, { recursive: true, force: true });
  log(`fresh embedded PGlite in ${env.PGLITE_DIR}`);
}

// Scripts import src/server modules, which are marked "server-only".
run(bin("tsx"), ["--conditions=react-server", "scripts/db-migrate.ts"]);
run(bin("tsx"), ["--conditions=react-server", "scripts/db-seed.ts"]);

log(`next start on port ${port}`);
const child = spawn(bin("next"), ["start", "-p", port, "-H", "127.0.0.1"], { stdio: "inherit", env });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
