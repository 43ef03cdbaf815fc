// npm start: the whole app on one machine with nothing else installed.
// Builds when the sources changed since the last build, applies migrations,
// seeds the demo on an empty database, then serves on PORT (default 3000).
// `npm run dev` does the same with the development server and no build.
import { spawnSync, spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

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

/** A fingerprint of everything `next build` reads, to rebuild only after changes. */
function sourceFingerprint() {
  const hash = createHash("sha256");
  const walk = (p) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) for (const e of readdirSync(p).sort()) walk(path.join(p, e));
    else hash.update(`${p}:${s.size}:${s.mtimeMs}\n`);
  };
  for (const p of ["src", "public", "prisma/schema.prisma", "next.config.ts", "postcss.config.mjs", "package-lock.json", "tsconfig.json"]) walk(p);
  return hash.digest("hex");
}

if (!dev) {
  const stamp = path.join(".next", "source-fingerprint");
  const fingerprint = sourceFingerprint();
  const built = existsSync(path.join(".next", "BUILD_ID")) && existsSync(stamp) && readFileSync(stamp, "utf8") === fingerprint;
  if (!built) {
    console.log("Building the app (first start or sources changed)…");
    run(bin("next"), ["build"]);
    writeFileSync(stamp, fingerprint);
  }
}

// Scripts import src/server modules, which are marked "server-only".
run(bin("tsx"), ["--conditions=react-server", "scripts/db-migrate.ts"]);
run(bin("tsx"), ["--conditions=react-server", "scripts/db-seed.ts"]);

const port = env.PORT || "3000";
console.log(`\nOpen http://localhost:${port}\n`);
const child = spawn(bin("next"), [dev ? "dev" : "start", "-p", port], { stdio: "inherit", env });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code) => process.exit(code ?? 0));
