// The production server (`next start` on the built .next) on a database of its
// own, for the crash drill (e2e/durability.spec.mjs) and the soak
// (scripts/soak.mjs): a fresh PostgreSQL database or PGlite directory with
// the migrations and the demo seed, a server started in its own process group
// (so the whole tree can be SIGKILLed at once, as a crash would), restarted
// on the same data, and its memory read from /proc.
import { spawn } from "node:child_process";
import { closeSync, cpSync, openSync, readFileSync, readdirSync, rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { serverEnv } from "../server-env.mjs";

const bin = (name) => path.join("node_modules", ".bin", name);
const AUTH_SECRET = "mtss-drill-only-secret-not-for-production-0123456789";

export function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * A fresh database with the migrations and the demo seed. engine "postgres":
 * (re)creates `database` on the server of ownerUrl/appUrl (DATABASE_OWNER_URL
 * and DATABASE_URL of any database there); engine "pglite": an empty
 * directory dataDir. Returns the environment the server runs with (the app
 * role only on PostgreSQL) and how to reach the data for checks.
 * template: a database (PostgreSQL, no one connected) or data directory
 * (PGlite, no one using it) already migrated and seeded to copy instead of
 * migrating and seeding, which is minutes on a busy machine; for re-runs by hand.
 */
export async function freshDatabase({ engine, database, ownerUrl, appUrl, dataDir, template, log = () => {} }) {
  const base = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  for (const k of ["DATABASE_URL", "DATABASE_OWNER_URL", "PGLITE_DIR", "AUTH_URL", "NEXTAUTH_URL"]) delete base[k];
  let setup;
  let serve;
  let target;
  if (engine === "postgres") {
    if (!/^mtss_[a-z0-9_]+$/.test(database)) throw new Error(`Unsafe database name: ${database}`);
    const admin = new pg.Client({ connectionString: ownerUrl });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      if (template && !/^mtss_[a-z0-9_]+$/.test(template)) throw new Error(`Unsafe template name: ${template}`);
      await admin.query(`CREATE DATABASE "${database}"${template ? ` TEMPLATE "${template}"` : ""}`);
    } finally {
      await admin.end();
    }
    const owner = withDatabase(ownerUrl, database);
    const app = withDatabase(appUrl, database);
    setup = { ...base, DATABASE_URL: app, DATABASE_OWNER_URL: owner };
    serve = { ...base, DATABASE_URL: app };
    target = { engine, database, ownerUrl: owner, appUrl: app };
  } else {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(`${dataDir}.pid`, { force: true });
    if (template) cpSync(template, dataDir, { recursive: true });
    setup = { ...base, PGLITE_DIR: dataDir };
    serve = setup;
    target = { engine, dataDir };
  }
  if (template) {
    log(`${engine}: copied from ${template}`);
    return { ...target, env: serve };
  }
  const t = Date.now();
  // Scripts import src/server modules, which are marked "server-only".
  // Not spawnSync: the drill prepares both engines at once.
  for (const script of ["scripts/db-migrate.ts", "scripts/db-seed.ts"]) await runScript(script, setup);
  log(`${engine}: migrated and seeded in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  return { ...target, env: serve };
}

// Migrations and seeds still running when this process ends (a test that timed out) are stopped with it.
const scripts = new Set();

function runScript(script, env) {
  return new Promise((resolve, reject) => {
    let output = "";
    const child = spawn(bin("tsx"), ["--conditions=react-server", script], { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    scripts.add(child);
    child.once("exit", () => scripts.delete(child));
    const keep = (chunk) => (output = (output + chunk).slice(-4000));
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.on("error", reject);
    child.on("close", (code, signal) => (code === 0 ? resolve() : reject(new Error(`${script} failed (${signal ?? code}):\n${output}`))));
  });
}

export async function freePort(from) {
  for (let port = from; port < from + 200; port++) {
    const free = await new Promise((resolve) => {
      const s = net.createServer();
      s.once("error", () => resolve(false));
      s.listen(port, "127.0.0.1", () => s.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port in ${from}..${from + 199}`);
}

const running = new Set();
process.on("exit", () => {
  // Last resort (synchronous): never leave a server behind.
  for (const s of running) killGroup(s.child.pid, "SIGKILL");
  for (const child of scripts) killGroup(child.pid, "SIGKILL");
});

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

const exited = (child) => child.exitCode !== null || child.signalCode !== null;

/**
 * `next start` with npm start's Node options on `port`, in its own process
 * group, output appended to logFile; resolves when /sign-in answers 200.
 */
export async function startServer({ env, port, logFile, timeoutMs = 120_000 }) {
  const fd = openSync(logFile, "a");
  const child = spawn(bin("next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...env, NODE_ENV: "production", ...serverEnv(), PORT: String(port), AUTH_SECRET, AUTH_TRUST_HOST: "true" },
    stdio: ["ignore", fd, fd],
    detached: true,
  });
  closeSync(fd);
  const server = { child, base: `http://127.0.0.1:${port}`, port, logFile };
  running.add(server);
  child.once("exit", () => running.delete(server));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited(child)) throw new Error(`next start exited (${child.exitCode ?? child.signalCode}):\n${logTail(logFile)}`);
    try {
      const r = await fetch(`${server.base}/sign-in`, { redirect: "manual" });
      await r.text();
      if (r.status === 200) return server;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await killServer(server);
  throw new Error(`the server did not answer /sign-in with 200 within ${timeoutMs / 1000} s:\n${logTail(logFile)}`);
}

export function logTail(file, lines = 40) {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "(no server log)";
  }
}

function waitExit(child, ms) {
  if (exited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** The whole process tree at once with SIGKILL: no shutdown hook, no flush, as a crash. */
export async function killServer(server) {
  const pids = groupPids(server.child.pid);
  killGroup(server.child.pid, "SIGKILL");
  await waitExit(server.child, 10_000);
  // Every process of the group must be gone before the data is reopened.
  for (let i = 0; i < 100 && pids.some(alive); i++) await new Promise((r) => setTimeout(r, 50));
}

/** A normal stop (SIGTERM to the group), SIGKILL after 10 s. */
export async function stopServer(server) {
  if (exited(server.child)) return;
  const pids = groupPids(server.child.pid);
  killGroup(server.child.pid, "SIGTERM");
  if (!(await waitExit(server.child, 10_000))) killGroup(server.child.pid, "SIGKILL");
  for (let i = 0; i < 100 && pids.some(alive); i++) await new Promise((r) => setTimeout(r, 50));
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The processes of a process group (from /proc; Linux). */
export function groupPids(pgid) {
  const pids = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // Fields after the command (which may hold spaces) start after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) === pgid) pids.push(Number(entry));
    } catch {
      /* gone */
    }
  }
  return pids;
}

/** Resident memory of the server's whole process group, in MiB. */
export function groupRssMiB(pgid) {
  let kib = 0;
  for (const pid of groupPids(pgid)) {
    try {
      const m = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB/m);
      if (m) kib += Number(m[1]);
    } catch {
      /* gone */
    }
  }
  return kib / 1024;
}
