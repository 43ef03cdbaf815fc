// npm start: the whole app on one machine with nothing else installed.
// Builds when the sources changed since the last build, applies migrations,
// seeds the demo on an empty database, then serves on PORT (default 3000).
// `npm run dev` does the same with the development server and no build.
import { spawnSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { isBuildCurrent, recordBuild, sourceFingerprint } from "./build-fingerprint.mjs";
import { serverEnv } from "./server-env.mjs";

const dev = process.argv[2] === "dev";
if (existsSync(".env")) process.loadEnvFile(".env");
const env = { ...process.env };
const bin = (name) => path.join("node_modules", ".bin", name);

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: "inherit", env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// Auth.js signs session cookies with AUTH_SECRET. Without one, make a random
// secret once and keep it beside the embedded database.
if (!env.AUTH_SECRET) {
  mkdirSync(".data", { recursive: true });
  const file = path.join(".data", "auth-secret");
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  env.AUTH_SECRET = readFileSync(file, "utf8").trim();
}
env.AUTH_TRUST_HOST ??= "true";

if (!dev) {
  if (!isBuildCurrent()) {
    console.log("Building the app (first start or sources changed)…");
    const fingerprint = sourceFingerprint();
    run(bin("next"), ["build"]);
    recordBuild(fingerprint);
  }
}

// Scripts import src/server modules, which are marked "server-only".
run(bin("tsx"), ["--conditions=react-server", "scripts/db-migrate.ts"]);
run(bin("tsx"), ["--conditions=react-server", "scripts/db-seed.ts"]);

const port = env.PORT || "3000";
console.log(`\nOpen http://localhost:${port}\n`);
const child = spawn(bin("next"), [dev ? "dev" : "start", "-p", port], { stdio: "inherit", env: { ...env, ...serverEnv(env) } });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
