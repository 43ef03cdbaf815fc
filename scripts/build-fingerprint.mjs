// Whether .next was built from the current sources, so `npm start` rebuilds
// only after a change (and not after `npm test` has just built).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const STAMP = path.join(".next", "source-fingerprint");

/** A hash of the path, size and mtime of everything `next build` reads. */
export function sourceFingerprint() {
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

export function isBuildCurrent() {
  return existsSync(path.join(".next", "BUILD_ID")) && existsSync(STAMP) && readFileSync(STAMP, "utf8") === sourceFingerprint();
}

/** Call after a successful build with the fingerprint taken before it started. */
export function recordBuild(fingerprint) {
  writeFileSync(STAMP, fingerprint);
}

/** `next build` unless .next is current with the sources (or `force`); says which. */
export function buildIfStale({ force = false, log = () => {} } = {}) {
  if (!force && isBuildCurrent()) return "existing build, current with the sources";
  log(force ? "next build (--build)" : "next build (no build, or the sources changed since the last one)");
  const fingerprint = sourceFingerprint();
  const r = spawnSync(path.join("node_modules", ".bin", "next"), ["build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (r.status !== 0) throw new Error(`next build failed (${r.status})`);
  recordBuild(fingerprint);
  return "built by this run";
}
