// npm run bench — latency of the pages that must stay fast at district scale
// (issue 3, "Performance"), written to docs/benchmarks.md.
//
// 1. A PostgreSQL server on 127.0.0.1:5432 (trust auth, superuser postgres;
//    the local cluster is started if it is down). Database BENCH_DATABASE
//    (default mtss_bench) with the demo and the 50,000-student scale
//    district: reused when it is there, else (or with --fresh) dropped,
//    migrated, seeded (about seven minutes, most of it the scale district's
//    year of sessions). Pending migrations and missing seed rows are always
//    added, then VACUUM (ANALYZE).
// 2. `next build` when the build is missing or older than the sources (the
//    fingerprint npm start uses), or always with --build; then `next start`
//    on a free port from BENCH_PORT (default 3300), as the app role mtss_app.
// 3. Signs in as the scale district's coordinator through the sign-in form
//    (and as its specialist for (h), an assistant for (l), its administrator
//    for (m)).
// 4. autocannon, 10 connections: (a) floor, (b) student search, (c) student
//    record with the case at a glance (sparklines), (d) caseloads, (e) plan
//    page with its dosage summary, (f) the coordinator's below-threshold
//    plans, (g) a goal graph with two years of weekly probes, (h) the
//    specialist's needs-review list over a caseload of 60 students on plans,
//    (i) the history feed's first page, (j) the school's behaviour overview,
//    (k) the record of the school's most-referred students (behaviour
//    section), (l) an assistant's rating screen with 10 daily report cards,
//    (m) the district's and (n) a school's compliance calendar, (o) a
//    referral packet, (p)-(s) the outcome dashboards of the district and a school, (t)-(u) their CSVs,
//    (v)-(y) intervention effectiveness and delivery of the district and a school, (z)-(aa) their CSVs,
//    (bd)-(cs) the behaviour and compliance dashboards and (bx)-(cx) their CSVs, (mt) a meeting page with 10
//    students and (fr) a family report PDF (issue 19); each warmed up, then measured in rounds that take the targets
//    in turn (default 2 rounds of 10 s: 20 s per target).
// 5. EXPLAIN (ANALYZE, BUFFERS) of the statements behind (b) to (o),
//    captured from the app's own server functions.
// 6. Writes docs/benchmarks.md, stops the server (also on error or Ctrl-C).
//
// Flags: --fresh  --build  --duration=10 (s per target per round)  --rounds=2
//        --warmup=5  --connections=10  --search=Garcia  --no-explain
import { spawn, spawnSync } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { buildIfStale } from "./build-fingerprint.mjs";
import { serverEnv } from "./server-env.mjs";
import * as db from "./bench/db.mjs";
import { snapshot, used } from "./bench/cpu.mjs";
import { explainAll } from "./bench/explain.mjs";
import { actionFields, findForm, hasControl, multipart, request, selectOptions, signInWithAuthJs, signInWithForm, cookieHeader } from "./bench/http.mjs";
import { judge, writeReport, writeSelectedSection } from "./bench/report.mjs";
import { freePort } from "./bench/server.mjs";

const require = createRequire(import.meta.url);
const autocannon = require("autocannon");

// ---------------------------------------------------------------------------
// Options

const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name, fallback) => {
  const a = args.find((x) => x.startsWith(`--${name}=`));
  return a ? a.slice(name.length + 3) : fallback;
};
const known = ["fresh", "build", "no-explain", "duration", "warmup", "connections", "rounds", "search", "imports", "only"];
for (const a of args) {
  if (!known.includes(a.replace(/^--/, "").split("=")[0])) {
    console.error(`Unknown argument ${a}. Flags: ${known.map((k) => `--${k}`).join(" ")}`);
    process.exit(2);
  }
}
const positive = (name, fallback) => {
  const n = Number(option(name, fallback));
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
  return n;
};
const OPTS = {
  fresh: flag("fresh"),
  build: flag("build"),
  explain: !flag("no-explain"),
  duration: positive("duration", 10),
  warmup: Number(option("warmup", 5)),
  connections: positive("connections", 10),
  rounds: positive("rounds", 2),
  search: option("search", "Garcia"),
  // --only=c,k,m: re-measure those targets against the floor (a), which always runs, without the
  // query plans; the result goes to its own section of the report and the full run's tables stay.
  only: option("only", "") ? ["a", ...option("only", "").split(",").filter((k) => k && k !== "a")] : null,
  database: process.env.BENCH_DATABASE || "mtss_bench",
  port: Number(process.env.BENCH_PORT || 3300),
};
if (!/^[a-z_][a-z0-9_]*$/.test(OPTS.database)) throw new Error(`Unsafe database name: ${OPTS.database}`);

// --imports: only the import benchmarks (issue 17), their own section of the report.
if (flag("imports")) {
  const { runImportsBench } = await import("./bench/imports.mjs");
  await runImportsBench({ database: OPTS.database, report: path.join("docs", "benchmarks.md"), build: OPTS.build });
  process.exit(0);
}

const COORDINATOR = "coordinator1@scale.example"; // SCALE_ACCOUNTS.coordinator in prisma/seed/scale.ts
const SCALE_WEEKS = 40; // SCALE_SCHOOL_WEEKS in prisma/seed/scale-sessions.ts
const SCALE_PROBE_WEEKS = 104; // SCALE_PROBE_WEEKS in prisma/seed/scale-probes.ts
const SPECIALIST = "specialist1@scale.example"; // REVIEW_SPECIALIST in prisma/seed/scale-probes.ts
const ADMIN = "admin1@scale.example"; // SCALE_ACCOUNTS.admin in prisma/seed/scale.ts
const RATER = "assistant1@scale.example"; // SCALE_CICO_RATER in prisma/seed/scale-cico.ts
const RATER_CARDS = 10; // SCALE_CICO_RATER_CARDS in prisma/seed/scale-cico.ts
const SCALE_BEHAVIOR_DAYS = 200; // SCALE_BEHAVIOR_DAYS in prisma/seed/scale-behavior.ts
const PASSWORD = "demo-password-2026"; // DEMO_PASSWORD in prisma/seed/demo-data.ts
const AUTH_SECRET = "mtss-bench-only-secret-not-for-production-0123456789";
const REPORT = path.join("docs", "benchmarks.md");
const SERIAL = 33; // requests of the unloaded (one connection) measurement; the first 3 are not counted
const bin = (name) => path.join("node_modules", ".bin", name);
const log = (m) => console.log(`[bench] ${m}`);
/** The first day of the current school year (schoolYearStart in src/domain/behavior.ts: 1 August). */
function schoolYearStart() {
  const today = new Date().toISOString().slice(0, 10);
  const year = Number(today.slice(0, 4));
  return `${Number(today.slice(5, 7)) >= 8 ? year : year - 1}-08-01`;
}

// ---------------------------------------------------------------------------
// The server, stopped on every way out

let server = null;
let serverLog = null;
let cpuSnapshot = async () => null;

function stopServer() {
  if (!server || server.exitCode !== null || server.signalCode !== null) return Promise.resolve();
  const child = server;
  return new Promise((resolve) => {
    const done = () => resolve();
    child.once("exit", done);
    // next start runs in its own process group (detached): signal the group.
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      child.kill("SIGTERM");
    }
    setTimeout(() => {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        /* already gone */
      }
      resolve();
    }, 10_000).unref();
  });
}

for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, async () => {
    log(`${sig}: stopping the server`);
    await stopServer();
    process.exit(130);
  });
}
process.on("exit", () => {
  // Last resort (synchronous): never leave the server behind.
  if (server && server.exitCode === null && server.signalCode === null) {
    try {
      process.kill(-server.pid, "SIGKILL");
    } catch {
      /* gone */
    }
  }
});

function serverLogTail(lines = 30) {
  try {
    return readFileSync(serverLog, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "(no server log)";
  }
}

async function startServer(appUrl) {
  const port = await freePort(OPTS.port);
  // With npm start's Node options (scripts/server-env.mjs).
  const env = { ...process.env, NODE_ENV: "production", ...serverEnv(), PORT: String(port), DATABASE_URL: appUrl, AUTH_SECRET, AUTH_TRUST_HOST: "true", NEXT_TELEMETRY_DISABLED: "1" };
  // The setup keeps the dashboards' snapshots; a run outlasts their 15 minutes, and a refresh (seconds of CPU) in the
  // middle of another target's round would be measured as that target's (refresh cost: docs/benchmarks.md, decision 037).
  env.DASHBOARD_STALE_MINUTES ??= "240";
  // Nor a sweep of the districts' dashboards (decision 048): the setup keeps its own snapshots, and a sweep at start-up
  // or at the nightly hour would run inside some target's rounds.
  env.DASHBOARD_REFRESH_AT_START ??= "off";
  env.DASHBOARD_REFRESH_CRON ??= "off";
  // The server gets the app role only, and builds its own URLs from the request.
  for (const k of ["DATABASE_OWNER_URL", "AUTH_URL", "NEXTAUTH_URL", "PGLITE_DIR"]) delete env[k];
  serverLog = path.join(os.tmpdir(), `mtss-bench-server-${port}.log`);
  const fd = openSync(serverLog, "w");
  server = spawn(bin("next"), ["start", "-p", String(port), "-H", "127.0.0.1"], { env, stdio: ["ignore", fd, fd], detached: true });
  closeSync(fd);
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) throw new Error(`next start exited (${server.exitCode ?? server.signalCode}):\n${serverLogTail()}`);
    try {
      const r = await fetch(`${base}/sign-in`, { redirect: "manual" });
      await r.text();
      if (r.status === 200) return base;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the server did not answer /sign-in with 200 within 90 s:\n${serverLogTail()}`);
}

// ---------------------------------------------------------------------------
// Measuring

const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] : NaN);

function runAutocannon(opts) {
  return new Promise((resolve, reject) => {
    const samples = [];
    const statuses = {};
    const instance = autocannon(opts, (err, result) => (err ? reject(err) : resolve({ result, samples, statuses })));
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
      if (statusCode === 200) samples.push(responseTime);
    });
  });
}

/** autocannon options for one target: its request(s), its body check. */
function cannonOptions(base, target, duration) {
  return {
    url: base,
    connections: OPTS.connections,
    pipelining: 1,
    duration,
    timeout: 30,
    headers: target.headers,
    method: target.method ?? "GET",
    body: target.body,
    ...(target.setupRequest
      ? { requests: [{ method: target.method ?? "GET", setupRequest: target.setupRequest }] }
      : { url: new URL(target.path, base).toString() }),
    verifyBody: (body) => body.includes(target.marker),
  };
}

/** Unloaded latency: SERIAL requests one after another on one connection (service time, no queueing). */
async function serialLatency(base, target) {
  const times = [];
  for (let i = 0; i < SERIAL; i++) {
    const p = target.setupRequest ? target.setupRequest({ path: target.path }).path : target.path;
    const t = performance.now();
    const r = await fetch(new URL(p, base), { method: target.method ?? "GET", headers: target.headers, body: target.body, redirect: "manual" });
    const text = await r.text();
    const elapsed = performance.now() - t;
    if (r.status !== 200 || !text.includes(target.marker)) throw new Error(`(${target.key}) serial request ${i + 1}: status ${r.status}${r.status === 200 ? ", marker missing" : ""}`);
    if (i >= 3) times.push(elapsed); // the first few warm the route
  }
  times.sort((x, y) => x - y);
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95), n: times.length };
}

/**
 * Waits until the server and its database connections are idle. autocannon
 * stops sending when its time is up, but the server goes on with the requests
 * already queued (a dashboard's take seconds each): without this wait they
 * would be measured as part of the next target (a floor round once read a
 * p95 of 830 ms that way). Idle: less than 10% of a core over 500 ms, twice in
 * a row; gives up after 60 s and says so.
 */
async function drain(label) {
  if (!(await cpuSnapshot())) return new Promise((res) => setTimeout(res, 3000));
  const started = performance.now();
  let quiet = 0;
  while (performance.now() - started < 60_000) {
    const before = await cpuSnapshot();
    await new Promise((res) => setTimeout(res, 500));
    const u = used(before, await cpuSnapshot());
    quiet = u && u.serverMs + u.dbMs < 50 ? quiet + 1 : 0;
    if (quiet >= 2) {
      const waited = performance.now() - started;
      if (waited > 2500) log(`    after ${label}: waited ${(waited / 1000).toFixed(1)} s for the server to finish queued requests`);
      return;
    }
  }
  log(`    after ${label}: the server was still busy after 60 s; measuring anyway`);
}

/** Warm-up: the same load, discarded (statuses reported if any is not 200). */
async function warmUp(base, target) {
  if (OPTS.warmup <= 0) return;
  const w = await runAutocannon(cannonOptions(base, target, OPTS.warmup));
  await drain(`the warm-up of (${target.key})`);
  const non200 = Object.entries(w.statuses).filter(([s]) => s !== "200");
  if (non200.length) log(`    warm-up of (${target.key}) saw ${non200.map(([s, n]) => `${n}× ${s}`).join(", ")}`);
}

/** One measured run of one target, with the CPU used meanwhile. */
async function measureOnce(base, target) {
  const before = await cpuSnapshot();
  const ownBefore = process.cpuUsage();
  const run = await runAutocannon(cannonOptions(base, target, OPTS.duration));
  const own = process.cpuUsage(ownBefore);
  // The CPU of the requests still queued when autocannon stopped belongs to this target.
  await drain(`(${target.key})`);
  run.cpu = used(before, await cpuSnapshot());
  run.ownMs = (own.user + own.system) / 1000;
  run.samples.sort((x, y) => x - y);
  return run;
}

/** The runs of one target (all rounds) as one result: samples pooled, counts and CPU summed. */
function aggregate(target, runs, serial) {
  const samples = runs.flatMap((r) => r.samples).sort((x, y) => x - y);
  const statuses = {};
  for (const r of runs) for (const [s, n] of Object.entries(r.statuses)) statuses[s] = (statuses[s] ?? 0) + n;
  const seconds = runs.reduce((sum, r) => sum + r.result.duration, 0);
  const errors = runs.reduce((sum, r) => sum + r.result.errors + r.result.timeouts, 0);
  const mismatches = runs.reduce((sum, r) => sum + r.result.mismatches, 0);
  const non200 = Object.entries(statuses).filter(([s]) => s !== "200").reduce((sum, [, n]) => sum + n, 0);
  const responses = Object.values(statuses).reduce((a, b) => a + b, 0);
  const stats = {
    p50: percentile(samples, 0.5),
    p95: percentile(samples, 0.95),
    p99: percentile(samples, 0.99),
    rps: samples.length / seconds,
    ok: samples.length,
    bad: non200 + errors + mismatches,
    statuses,
    errors,
    mismatches,
    seconds,
    roundP95: runs.map((r) => percentile(r.samples, 0.95)),
  };
  if (responses) stats.cpuLoadGenMs = runs.reduce((sum, r) => sum + r.ownMs, 0) / responses;
  if (responses && runs.every((r) => r.cpu)) {
    const serverMs = runs.reduce((sum, r) => sum + r.cpu.serverMs, 0);
    const dbMs = runs.reduce((sum, r) => sum + r.cpu.dbMs, 0);
    stats.cpuServerMs = serverMs / responses;
    stats.cpuDbMs = dbMs / responses;
    stats.cpuCoresBusy = (serverMs + dbMs) / 1000 / seconds;
  }
  const valid = samples.length > 0 && non200 === 0 && errors === 0 && mismatches === 0;
  return { key: target.key, title: target.title, what: target.what, stats, serial, bytes: target.bytes, valid, limit: target.limit, limitOf: target.limitOf };
}

/**
 * Unloaded latency of each target, a warm-up of each, then OPTS.rounds rounds
 * that measure every target in turn: background load that comes and goes (the
 * machine is shared) then weighs on all targets alike, not on one.
 */
async function measureAll(base, targets) {
  const serial = {};
  for (const t of targets) serial[t.key] = await serialLatency(base, t);
  for (const t of targets) {
    log(`(${t.key}) warm-up ${OPTS.warmup} s`);
    await warmUp(base, t);
  }
  const runs = Object.fromEntries(targets.map((t) => [t.key, []]));
  for (let round = 1; round <= OPTS.rounds; round++) {
    for (const t of targets) {
      const r = await measureOnce(base, t);
      runs[t.key].push(r);
      const bad = Object.entries(r.statuses).filter(([s]) => s !== "200");
      log(
        `round ${round}/${OPTS.rounds} (${t.key}) ${OPTS.duration} s: p50 ${percentile(r.samples, 0.5).toFixed(1)} ms, p95 ${percentile(r.samples, 0.95).toFixed(1)} ms, ${r.samples.length} × 200` +
          (bad.length || r.result.errors || r.result.mismatches ? ` — NOT VALID: ${JSON.stringify(r.statuses)}, errors ${r.result.errors + r.result.timeouts}, wrong bodies ${r.result.mismatches}` : ""),
      );
    }
  }
  return targets.map((t) => aggregate(t, runs[t.key], serial[t.key]));
}

// ---------------------------------------------------------------------------
// The targets, each checked once before it is measured

function mustContain(res, what, ...needles) {
  if (res.status !== 200) throw new Error(`${what}: status ${res.status}${res.location ? ` -> ${res.location}` : ""}`);
  for (const n of needles) if (!res.text.includes(n)) throw new Error(`${what}: the response does not contain ${JSON.stringify(n)}`);
}

async function prepareTargets(base, jar, data, u) {
  const headers = { cookie: cookieHeader(jar) };
  const targets = [];

  // (a) The floor: /account, inside the (app) layout like (b)-(d), shows the
  // signed-in person from the session alone. Every signed-in page resolves the
  // session (JWT cookie, then the user row and memberships from the database).
  const floor = await request(base, "/account", { jar });
  mustContain(floor, "GET /account", "Your account", data.coordinator.districtName);
  targets.push({
    key: "a",
    title: "floor: GET /account",
    what:
      "the floor the issue asks for: a page inside the (app) layout (header, navigation) that only reads the session — the Auth.js JWT cookie, then the user row and the memberships, as every page does — and shows the signed-in person. No tenant data, no audit write.",
    path: "/account",
    headers,
    marker: "Your account",
    bytes: floor.text.length,
  });

  // (b) The student search: the list's form is answered by a server action
  // (no names in URLs), so POST it as a browser without JavaScript does.
  const list = await request(base, "/students", { jar });
  mustContain(list, "GET /students", "Find students");
  const form = findForm(list.text, (a) => a["aria-label"] === "Find students");
  if (!form) throw new Error('GET /students: no form labelled "Find students"');
  const schools = selectOptions(form.html, "school") ?? [];
  const school = schools.find((o) => o.value === data.school.id);
  if (!school) throw new Error(`GET /students: ${data.school.name} is not a choice of the school filter`);
  const fields = [...actionFields(form.html), ["q", OPTS.search], ["school", school.value]];
  for (const name of ["grade", "englishLearner", "plan", "member"]) if (hasControl(form.html, name)) fields.push([name, ""]);
  fields.push(["sort", "name"], ["page", "1"], ["intent", "search"]);
  const { body, contentType } = multipart(fields);
  const searchHeaders = { ...headers, "content-type": contentType, origin: base };
  const search = await request(base, "/students", { method: "POST", jar, body, contentType });
  const echoed = `value="${OPTS.search}"`;
  mustContain(search, `POST /students (search ${OPTS.search})`, echoed);
  const found = search.text.match(/([\d,]+) students? found\. Page (\d+) of (\d+)/);
  const rows = new Set([...search.text.matchAll(/href="\/students\/([0-9a-f-]{36})"/g)].map((m) => m[1])).size;
  const expected = await db.withClient(u.owner, async (c) => {
    const like = `%${OPTS.search.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    const r = await c.query(
      `select count(*)::int as n from "Student" where "districtId" = $1 and "schoolId" = $2 and "archivedAt" is null
       and ("legalLastName" ilike $3 or "legalFirstName" ilike $3 or "preferredName" ilike $3 or "localId" ilike $3)`,
      [db.SCALE_DISTRICT_ID, data.school.id, like],
    );
    return r.rows[0].n;
  });
  const total = found ? Number(found[1].replace(/,/g, "")) : NaN;
  if (!found || total !== expected || rows === 0 || rows !== Math.min(expected, 50)) {
    throw new Error(`POST /students: expected ${expected} matches (${Math.min(expected, 50)} rows on page 1), the page says ${found?.[0] ?? "nothing"} with ${rows} student links`);
  }
  targets.push({
    key: "b",
    title: `student search: POST /students ("${OPTS.search}" + school filter)`,
    what: `the list's search form submitted the way a browser without JavaScript does (multipart POST to /students with React's hidden $ACTION fields, q="${OPTS.search}", school = ${data.school.name}, other filters empty, sort by name, page 1). Next.js runs the server action searchStudents and then renders the whole /students page with its result (so getStudentListPage runs too: school and staff choices and the default first page). Checked before measuring: ${total} students found (the same count as SQL), ${rows} rows on the page, out of ${data.size.studentsInSchool.toLocaleString("en-US")} in the school.`,
    method: "POST",
    path: "/students",
    headers: searchHeaders,
    body,
    marker: echoed,
    bytes: search.text.length,
    searchTotal: total,
  });

  // (c) The student record of the school's students on plans, in turn: the
  // case at a glance draws a sparkline per goal (two years of weekly probes).
  const ids = await db.studentsWithGoals(u, data.school.id);
  if (ids.length === 0) throw new Error(`${data.school.name} has no student with a goal on an active plan: is the scale seed current (npm run db:seed:scale)?`);
  let profileBytes = 0;
  for (const id of [ids[0], ids[Math.floor(ids.length / 2)], ids.at(-1)]) {
    const res = await request(base, `/students/${id}`, { jar });
    mustContain(res, `GET /students/${id}`, "Student profile", "Active plans", '<svg role="img"', "Caseload");
    profileBytes ||= res.text.length;
  }
  const sparklines = (await request(base, `/students/${ids[0]}`, { jar })).text.match(/<svg role="img"/g)?.length ?? 0;
  let next = 0;
  targets.push({
    key: "c",
    title: "student profile: GET /students/<id>",
    what: `the redesigned student record (issue 14) of all ${ids.length.toLocaleString("en-US")} open students of ${data.school.name} with a goal on an active plan, in turn (ids ${ids[0]} … ${ids.at(-1)}, from the scale seed): the case at a glance with a sparkline and the latest recommendation for each goal (two years of weekly probes each; ${sparklines} sparklines on the first student's page), tiers, next dates and the people on the case; the menu of the record's sections and the view the record opens with, the first entries of the history feed (built from every probe, session, plan event and tier decision of the student; each other section is its own view, decision 044). Each view writes \`view\` audit events (intended: every look at a student record is audited), so this target includes INSERTs per request.`,
    path: `/students/${ids[0]}`,
    headers,
    marker: "Active plans",
    bytes: profileBytes,
    setupRequest: (req) => {
      req.path = `/students/${ids[next++ % ids.length]}`;
      return req;
    },
  });

  // (d) The caseload-balance page.
  const caseloads = await request(base, "/caseloads", { jar });
  mustContain(caseloads, "GET /caseloads", "Caseload sizes in", "Students with no caseload member");
  targets.push({
    key: "d",
    title: "caseload balance: GET /caseloads",
    what: `the coordinator's caseload page for their school (no parameters): caseload sizes per staff member and role, the first page of students with no caseload member and the staff choices of the bulk-assignment form.`,
    path: "/caseloads",
    headers,
    marker: "Caseload sizes in",
    bytes: caseloads.text.length,
  });

  // (e) Plan pages with their dosage summary: every active plan of the school in turn (a year of sessions each).
  const planIds = await db.activePlansOfSchool(u, data.school.id);
  if (planIds.length === 0) throw new Error(`${data.school.name} has no active plan: is the scale seed current (npm run db:seed:scale)?`);
  let planBytes = 0;
  for (const id of [planIds[0], planIds.at(-1)]) {
    const res = await request(base, `/plans/${id}`, { jar });
    mustContain(res, `GET /plans/${id}`, "Dosage and fidelity", "Since the start");
    planBytes ||= res.text.length;
  }
  let nextPlan = 0;
  targets.push({
    key: "e",
    title: "plan page with its dosage summary: GET /plans/<id>",
    what: `the plan pages of all ${planIds.length} active plans of ${data.school.name} in turn (groups of up to four first, then individual plans), each with its dosage and fidelity summary — planned vs delivered sessions and minutes this week, in the last 4 weeks and since the start, attendance and fidelity, and each student's figures for a group — over ${SCALE_WEEKS} weeks of logged sessions.`,
    path: `/plans/${planIds[0]}`,
    headers,
    marker: "Dosage and fidelity",
    bytes: planBytes,
    setupRequest: (req) => {
      req.path = `/plans/${planIds[nextPlan++ % planIds.length]}`;
      return req;
    },
  });

  // (f) The coordinator's oversight: plans below threshold and who logged this week.
  const oversight = await request(base, "/sessions/oversight", { jar });
  mustContain(oversight, "GET /sessions/oversight", "Plans below threshold in", "Logging this week");
  targets.push({
    key: "f",
    title: "below-threshold plans: GET /sessions/oversight",
    what: `the coordinator's oversight page for their school: its ${data.size.activePlansInSchool} active plans' delivered minutes and fidelity over the last 4 weeks against the district's thresholds (the plans below them, 25 a page, lowest first), and each interventionist's sessions logged this week.`,
    path: "/sessions/oversight",
    headers,
    marker: "Plans below threshold in",
    bytes: oversight.text.length,
  });
  // (g) Goal graphs: the goals of the school's active plans in turn, each with two years of weekly probes.
  const goalIds = await db.goalsOfActivePlans(u, data.school.id);
  if (goalIds.length === 0) throw new Error(`${data.school.name} has no goal on an active plan: is the scale seed current (npm run db:seed:scale)?`);
  const probesPerGoal = await db.validProbeCount(u, goalIds[0]);
  let graphBytes = 0;
  for (const id of [goalIds[0], goalIds.at(-1)]) {
    const res = await request(base, `/goals/${id}`, { jar });
    mustContain(res, `GET /goals/${id}`, "Progress graph", "The graph&#x27;s data", "Decision support");
    graphBytes ||= res.text.length;
  }
  let nextGoal = 0;
  targets.push({
    key: "g",
    title: "goal graph: GET /goals/<id>",
    what: `the progress-graph pages of all ${goalIds.length} goals of ${data.school.name}'s active plans in turn, each with ${probesPerGoal} valid weekly probes (two school years and the summers between, about ${SCALE_PROBE_WEEKS} weeks): the Recharts graph's server data (probes, aimline, trend, phase lines, tier markers), the table of every probe, and the decision support (four-point and trend rules, ROI, gap against the benchmark, dosage and fidelity over the period from the session logs, the recommendation).`,
    path: `/goals/${goalIds[0]}`,
    headers,
    marker: "Decision support",
    bytes: graphBytes,
    setupRequest: (req) => {
      req.path = `/goals/${goalIds[nextGoal++ % goalIds.length]}`;
      return req;
    },
  });

  // (mt) A problem-solving meeting with 10 students on its agenda, each with two goals of two years of
  // weekly probes (issue 19; prisma/seed/scale-meetings.ts), and (fr) the family report PDF of such a
  // student, whose limit is 3x the goal graph page's (g) ratio to the floor.
  const agenda = await db.scaleMeetingAgenda(u);
  if (agenda.length < 10) throw new Error(`The scale meeting has ${agenda.length} students with two goals on its agenda, not 10: is the scale seed current (npm run db:seed:scale)?`);
  const meeting = await request(base, `/meetings/${db.SCALE_MEETING_ID}`, { jar });
  mustContain(meeting, `GET /meetings/${db.SCALE_MEETING_ID}`, "Agenda", "Problem-solving");
  targets.push({
    key: "mt",
    title: "meeting page with 10 students: GET /meetings/<id>",
    what: `a problem-solving meeting of ${data.school.name} with ${agenda.length} students on its agenda, each with ${agenda[0].goals} goals on an active plan (${agenda[0].probes} probes on the first student's), the agenda with each student's decisions and whether minutes were taken (each linking to the student's turn), invitations and attendance; the lists the agenda is built from (the school's goals that need review, plans due for review, any student) are a page of their own, /meetings/<id>/agenda (decision 046). A view audit event per student on the agenda.`,
    path: `/meetings/${db.SCALE_MEETING_ID}`,
    headers,
    marker: "Agenda",
    bytes: meeting.text.length,
  });
  let pdfBytes = 0;
  for (const a of [agenda[0], agenda.at(-1)]) {
    const res = await request(base, `/plans/${a.planId}/family-report/${a.studentId}/report.pdf`, { jar });
    if (res.status !== 200 || !res.text.startsWith("%PDF-")) throw new Error(`GET the family report PDF of ${a.studentId}: status ${res.status}, not a PDF`);
    pdfBytes ||= res.text.length;
  }
  let nextReport = 0;
  targets.push({
    key: "fr",
    title: "family report PDF: GET /plans/<id>/family-report/<student>/report.pdf",
    what: `the family progress report PDF (react-pdf, rendered on the server, with the goal graphs) of the ${agenda.length} students on the meeting's agenda in turn, each with two goals of two years of weekly probes; a disclosure audit event per request. Limit: under 3x the goal graph page's (g) ratio to the floor (issue 19).`,
    path: `/plans/${agenda[0].planId}/family-report/${agenda[0].studentId}/report.pdf`,
    headers,
    marker: "%PDF-",
    bytes: pdfBytes,
    limitOf: { key: "g", factor: 3 },
    setupRequest: (req) => {
      const a = agenda[nextReport++ % agenda.length];
      req.path = `/plans/${a.planId}/family-report/${a.studentId}/report.pdf`;
      return req;
    },
  });

  // (h) A specialist's "needs review" list over a caseload of 60 students on plans.
  const specialist = await signInWithForm(base, SPECIALIST, PASSWORD);
  const review = await request(base, "/goals/review", { jar: specialist.jar });
  mustContain(review, "GET /goals/review (specialist)", "Goals that need review", "your caseload");
  const reviewFound = review.text.match(/(\d+) goals? needs? review: (\d+) by a decision rule, (\d+) with a probe overdue/);
  if (!reviewFound) throw new Error("GET /goals/review: no count of goals that need review on the page");
  const reviewSize = await db.reviewCaseload(u, SPECIALIST);
  targets.push({
    key: "h",
    title: "needs review: GET /goals/review (specialist)",
    what: `${SPECIALIST}'s list of goals that need review: every goal of active plans for the ${reviewSize.students} students the specialist reaches (caseload and plans they deliver; ${reviewSize.goals} goals, ${reviewSize.probes.toLocaleString("en-US")} valid probes), each judged by the decision rules and the probe interval of its tier, 25 a page. Checked before measuring: the page says ${reviewFound[0]}.`,
    path: "/goals/review",
    headers: { cookie: cookieHeader(specialist.jar) },
    marker: "Goals that need review",
    bytes: review.text.length,
  });
  // (i) The history feed's first page of students with two years of weekly probes and sessions.
  const historyIds = ids.slice(0, 100);
  let historyBytes = 0;
  let historyTotal = 0;
  for (const id of [historyIds[0], historyIds.at(-1)]) {
    const res = await request(base, `/students/${id}/history`, { jar });
    mustContain(res, `GET /students/${id}/history`, "newest first. Probes and sessions are summarised by week.", "Pages of the history");
    historyTotal ||= Number(res.text.match(/(\d+)(?:<!-- -->)? (?:<!-- -->)?entries/)?.[1] ?? 0);
    historyBytes ||= res.text.length;
  }
  const history = await db.historySize(u, historyIds[0]);
  let nextHistory = 0;
  targets.push({
    key: "i",
    title: "history feed, first page: GET /students/<id>/history",
    what: `the first page (25 entries) of the history of ${historyIds.length} students of ${data.school.name} on plans, in turn. The feed is built from all of the student's history and then paged: the first student has ${history.goals} goals with ${history.probes.toLocaleString("en-US")} probes since ${history.firstProbe} (weekly, two years), ${history.sessions.toLocaleString("en-US")} sessions of their plans (this year's plan and the previous year's completed one: every school day of two school years of ${SCALE_WEEKS} weeks, prisma/seed/scale-history.ts), plan events, tier decisions and caseload changes, folded by week into ${historyTotal} entries.`,
    path: `/students/${historyIds[0]}/history`,
    headers,
    marker: "newest first. Probes and sessions are summarised by week.",
    bytes: historyBytes,
    setupRequest: (req) => {
      req.path = `/students/${historyIds[nextHistory++ % historyIds.length]}/history`;
      return req;
    },
  });

  // (j) The school's behaviour overview: the big five of the school year so far.
  const since = schoolYearStart();
  const overview = await request(base, "/behavior/overview", { jar });
  mustContain(overview, "GET /behavior/overview", `How often: ${data.school.name}`, "Which behaviours, where, when, with whom, why");
  const schoolIncidents = await db.schoolIncidents(u, data.school.id, since);
  if (schoolIncidents.n === 0) throw new Error(`${data.school.name} has no incident this school year: is the scale seed current (npm run db:seed:scale)?`);
  if (!overview.text.includes(`>${schoolIncidents.n} (`) && !overview.text.includes(`${schoolIncidents.n}<!-- --> (`)) {
    throw new Error(`GET /behavior/overview: the page does not show the school's ${schoolIncidents.n} incidents`);
  }
  targets.push({
    key: "j",
    title: "school behaviour overview: GET /behavior/overview",
    what: `the coordinator's behaviour overview of ${data.school.name} (no parameters: their school): the ${schoolIncidents.n.toLocaleString("en-US")} incidents of the school year so far (since ${schoolIncidents.first}; the scale seed's year of ${data.size.incidents.toLocaleString("en-US")} incidents spans the last ${SCALE_BEHAVIOR_DAYS} school days, so this year's part grows to about three times this by June) as the big five (behaviours, locations, time of day, others involved, motivations), incidents per week and the rate per 100 students per school day.`,
    path: "/behavior/overview",
    headers,
    marker: "Which behaviours, where, when, with whom, why",
    bytes: overview.text.length,
  });

  // (k) A student's behaviour section: the profiles of the school's most-referred students.
  const referred = await db.mostReferredStudents(u, data.school.id, since, 5);
  let behaviorBytes = 0;
  for (const s of referred) {
    const res = await request(base, `/students/${s.id}?section=behavior`, { jar });
    mustContain(res, `GET /students/${s.id}?section=behavior`, "Student profile", `Incidents since`, `${s.n} incidents`);
    behaviorBytes ||= res.text.length;
  }
  let nextReferred = 0;
  targets.push({
    key: "k",
    title: "a student's behaviour section: GET /students/<id>?section=behavior (most-referred students)",
    what: `the student record's behaviour view (the case at a glance and the behaviour section; decision 044) of the ${referred.length} students of ${data.school.name} with the most incidents this school year, in turn (${referred.map((s) => `${s.n} (${s.majors} major)`).join(", ")} incidents): the section's incidents per week, big five, rate per school day and list of the latest incidents.`,
    path: `/students/${referred[0].id}?section=behavior`,
    headers,
    marker: "Incidents since",
    bytes: behaviorBytes,
    setupRequest: (req) => {
      req.path = `/students/${referred[nextReferred++ % referred.length].id}?section=behavior`;
      return req;
    },
  });

  // (l) The day's rating screen of a staff member with ten daily report cards (the last school day: every period rated).
  const rater = await signInWithForm(base, RATER, PASSWORD);
  const cardDay = await db.lastCardDay(u);
  const cardsPath = `/behavior/cards?day=${cardDay}`;
  const cards = await request(base, cardsPath, { jar: rater.jar });
  mustContain(cards, `GET ${cardsPath} (${RATER})`, "Daily report cards", `${RATER_CARDS} cards to rate.`);
  targets.push({
    key: "l",
    title: "the day's rating screen: GET /behavior/cards?day=<last school day> (assistant, 10 cards)",
    what: `${RATER}'s daily report cards for ${cardDay}, the last school day (rated in full: each card's periods × three expectations, with the day's check-in and check-out marks and percentage): the ${RATER_CARDS} open cards of the CICO plans they deliver, out of ${data.size.cicoCards.toLocaleString("en-US")} cards with ${data.size.cicoRatings.toLocaleString("en-US")} period ratings in the district. Each card shown writes a \`view\` audit event.`,
    path: cardsPath,
    headers: { cookie: cookieHeader(rater.jar) },
    marker: `${RATER_CARDS} cards to rate.`,
    bytes: cards.text.length,
  });

  // (m) The district's compliance calendar (administrator) and (n) a school's (coordinator).
  const admin = await signInWithForm(base, ADMIN, PASSWORD);
  const dueOf = (res) => {
    const m = res.text.match(/id="due-heading"[^>]*>([\d,]+)/);
    return m ? Number(m[1].replace(/,/g, "")) : NaN;
  };
  const district = await request(base, "/compliance", { jar: admin.jar });
  mustContain(district, `GET /compliance (${ADMIN})`, "Compliance calendar", 'id="due-heading"');
  const districtDue = dueOf(district);
  targets.push({
    key: "m",
    title: "district compliance calendar: GET /compliance (administrator)",
    what: `${ADMIN}'s compliance calendar of the whole district (no parameters: every school, the next 90 days): the IEP and 504 annual reviews and re-evaluations of ${(data.size.ieps + data.size.plans504).toLocaleString("en-US")} active plans and the evaluation deadlines of ${data.size.openReferrals} open referrals (each referral's clock in calendar or school days around the district's non-school days), overdue first, then soonest, a page at a time. Checked before measuring: the page says ${districtDue.toLocaleString("en-US")} dates.`,
    path: "/compliance",
    headers: { cookie: cookieHeader(admin.jar) },
    marker: 'id="due-heading"',
    bytes: district.text.length,
  });
  const schoolPath = `/compliance?school=${data.school.id}`;
  const schoolCal = await request(base, schoolPath, { jar });
  mustContain(schoolCal, `GET ${schoolPath}`, "Compliance calendar", 'id="due-heading"', data.school.name);
  targets.push({
    key: "n",
    title: "a school's compliance calendar: GET /compliance?school=<id> (coordinator)",
    what: `the coordinator's compliance calendar of ${data.school.name} (its IEP and 504 reviews and re-evaluations and its referrals' evaluation deadlines in the next 90 days, overdue first). Checked before measuring: the page says ${dueOf(schoolCal).toLocaleString("en-US")} dates.`,
    path: schoolPath,
    headers,
    marker: 'id="due-heading"',
    bytes: schoolCal.text.length,
  });

  // (o) Referral packets of the school's referred students on plans (two years of probes, this year's and last year's plans).
  const referrals = await db.referralsWithGoals(u, data.school.id);
  if (referrals.length === 0) throw new Error(`${data.school.name} has no open referral of a student with goals: is the scale seed current (npm run db:seed:scale)?`);
  let packetBytes = 0;
  for (const r of [referrals[0], referrals.at(-1)]) {
    const res = await request(base, `/referrals/${r.id}/packet`, { jar });
    mustContain(res, `GET /referrals/${r.id}/packet`, "Referral packet:", "Readiness", "Interventions (");
    packetBytes ||= res.text.length;
  }
  let nextReferral = 0;
  targets.push({
    key: "o",
    title: "referral packet: GET /referrals/<id>/packet",
    what: `the packet pages of the ${referrals.length} open referrals of ${data.school.name} whose students are on plans, in turn (the first: ${referrals[0].plans} plans — this year's and the previous year's — and ${referrals[0].goals} goals with ${referrals[0].probes.toLocaleString("en-US")} probes over two years): the referral, the readiness checklist, the student and guardians, tier history, every intervention with its dosage and fidelity, every goal's graph with its decision support, and accommodations, assembled from the record.`,
    path: `/referrals/${referrals[0].id}/packet`,
    headers,
    marker: "Referral packet:",
    bytes: packetBytes,
    setupRequest: (req) => {
      req.path = `/referrals/${referrals[nextReferral++ % referrals.length].id}/packet`;
      return req;
    },
  });

  // (p)-(u) The outcome dashboards (issue 18): MTSS health and equity of the district (administrator) and of one school
  // (coordinator), within 3x the floor; the CSV of each chart within 5x (a download, audited as an export).
  const dashboards = [
    { key: "p", title: "district MTSS health: GET /dashboards/health (administrator)", path: "/dashboards/health", who: admin.jar, marker: 'id="tiers"', limit: 3 },
    { key: "q", title: "a school's MTSS health: GET /dashboards/health?school=<id> (coordinator)", path: `/dashboards/health?school=${data.school.id}`, who: jar, marker: 'id="tiers"', limit: 3 },
    { key: "r", title: "district equity: GET /dashboards/equity (administrator)", path: "/dashboards/equity", who: admin.jar, marker: 'id="outcome-tier3"', limit: 3 },
    { key: "s", title: "a school's equity: GET /dashboards/equity?school=<id> (coordinator)", path: `/dashboards/equity?school=${data.school.id}`, who: jar, marker: 'id="outcome-tier3"', limit: 3 },
    { key: "t", title: "district tiers by school and grade as CSV: GET /dashboards/health/export?table=tiers-by-school (administrator)", path: "/dashboards/health/export?table=tiers-by-school", who: admin.jar, marker: '"School","Grade","Area"', limit: 5 },
    { key: "u", title: "district equity as CSV: GET /dashboards/equity/export (administrator)", path: "/dashboards/equity/export", who: admin.jar, marker: '"Outcome","Group","Students"', limit: 5 },
    // The behaviour and compliance dashboards (decision 030): keys of two letters, so they never collide with another dashboard's letter.
    { key: "bd", title: "district behaviour: GET /dashboards/behavior (administrator)", path: "/dashboards/behavior", who: admin.jar, marker: 'id="behavior-rates"', limit: 3 },
    { key: "bs", title: "a school's behaviour: GET /dashboards/behavior?school=<id> (coordinator)", path: `/dashboards/behavior?school=${data.school.id}`, who: jar, marker: 'id="behavior-rates"', limit: 3 },
    { key: "cd", title: "district compliance: GET /dashboards/compliance (administrator)", path: "/dashboards/compliance", who: admin.jar, marker: 'id="compliance-by-school"', limit: 3 },
    { key: "cs", title: "a school's compliance: GET /dashboards/compliance?school=<id> (coordinator)", path: `/dashboards/compliance?school=${data.school.id}`, who: jar, marker: 'id="compliance-by-school"', limit: 3 },
    { key: "bx", title: "district behaviour rates per month as CSV: GET /dashboards/behavior/export?table=rates (administrator)", path: "/dashboards/behavior/export?table=rates", who: admin.jar, marker: '"Month","Incidents","School days"', limit: 5 },
    { key: "cx", title: "district compliance deadlines as CSV: GET /dashboards/compliance/export (administrator)", path: "/dashboards/compliance/export", who: admin.jar, marker: '"School","Annual review: Overdue"', limit: 5 },
  ];
  // (v)-(aa) Intervention effectiveness and delivery (issue 18, decision 029): of the district (administrator) and of one
  // school (coordinator), within 3x the floor; a table of each as CSV within 5x.
  const outcomes = [
    { key: "v", title: "district intervention effectiveness: GET /dashboards/effectiveness (administrator)", path: "/dashboards/effectiveness", who: admin.jar, marker: 'id="interventions"', limit: 3 },
    { key: "w", title: "a school's intervention effectiveness: GET /dashboards/effectiveness?school=<id> (coordinator)", path: `/dashboards/effectiveness?school=${data.school.id}`, who: jar, marker: 'id="interventions"', limit: 3 },
    { key: "x", title: "district delivery: GET /dashboards/delivery (administrator)", path: "/dashboards/delivery", who: admin.jar, marker: 'id="months"', limit: 3 },
    { key: "y", title: "a school's delivery: GET /dashboards/delivery?school=<id> (coordinator)", path: `/dashboards/delivery?school=${data.school.id}`, who: jar, marker: 'id="months"', limit: 3 },
    { key: "z", title: "district effectiveness per intervention as CSV: GET /dashboards/effectiveness/export?table=interventions (administrator)", path: "/dashboards/effectiveness/export?table=interventions", who: admin.jar, marker: '"Intervention","Area","Plans"', limit: 5 },
    { key: "aa", title: "district minutes per school and month as CSV: GET /dashboards/delivery/export?table=minutes (administrator)", path: "/dashboards/delivery/export?table=minutes", who: admin.jar, marker: '"School","Month","Plans"', limit: 5 },
  ];
  // Dashboard snapshots (decisions 037, 048): drop those a previous run kept, then run the nightly sweep of the scale
  // district (the `dashboard.sweep` job's body, as its administrator), so the rounds measure what users meet after the
  // night: the district-wide figures of each slow dashboard kept as of today. The first request of each target below
  // then reads them; a school's view (the coordinator's own key, which the sweep refreshes once it exists) is computed
  // live once and kept, as a coordinator's first view is. The bench server's own schedule is off (startServer).
  await db.withClient(u.owner, (c) => c.query(`DELETE FROM "DashboardSnapshot" WHERE "districtId" = $1`, [db.SCALE_DISTRICT_ID]));
  if (!OPTS.only || [...dashboards, ...outcomes].some((d) => OPTS.only.includes(d.key))) log(`nightly dashboard sweep of the scale district: ${await nightlySweep(u)}`);
  const LIVE = "live SQL aggregates over the scale district's students, tiers, screening scores, referrals and incidents (decisions 023, 030), kept as a snapshot when slower than the live budget (decision 037)";
  const JUDGED = "every goal of the year judged by the decision rules with its delivery summed in SQL, or planned minutes per plan and month against held minutes summed in SQL, with overdue probes (decision 029)";
  for (const d of [...dashboards.map((x) => ({ ...x, about: LIVE })), ...outcomes.map((x) => ({ ...x, about: JUDGED }))]) {
    // Not checked when --only leaves it out: a first view of a big dashboard computes it live (decision 037).
    const res = OPTS.only && !OPTS.only.includes(d.key) ? null : await request(base, d.path, { jar: d.who });
    if (res) mustContain(res, `GET ${d.path}`, d.marker);
    targets.push({
      key: d.key,
      title: d.title,
      what: `${d.title.split(":")[0]}: ${d.about}; one audit event per request. Limit: ${d.limit}x the floor's p95.`,
      path: d.path,
      headers: { cookie: cookieHeader(d.who) },
      marker: d.marker,
      bytes: res?.text.length,
      limit: d.limit,
    });
  }

  return { targets, profileId: ids[0], planId: planIds[0], goalId: goalIds[0], historyId: historyIds[0], referredId: referred[0].id, cardDay, referralId: referrals[0].id };
}

// ---------------------------------------------------------------------------

/**
 * The nightly sweep of the scale district's dashboards (scripts/bench/dashboard-sweep.ts); resolves to its JSON line.
 * Not spawnSync: a minute of a blocked event loop leaves the signed-in keep-alive sockets closed by the server
 * unnoticed, and the next request fails on one ("fetch failed").
 */
function nightlySweep(u) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--import", "./scripts/bench/register-hooks.mjs", "scripts/bench/dashboard-sweep.ts"], {
      env: { ...process.env, DATABASE_URL: u.app, DATABASE_OWNER_URL: u.owner, BENCH_ADMIN: ADMIN },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (b) => (out += b));
    child.stderr.on("data", (b) => (err += b));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) reject(new Error(`dashboard sweep failed (${code}): ${err.split("\n").slice(0, 12).join("\n")}`));
      else resolve(out.trim().split("\n").at(-1));
    });
  });
}

function captureQueries(u, input) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "--import", "./scripts/bench/register-hooks.mjs", "scripts/bench/capture-queries.ts"], {
    env: { ...process.env, DATABASE_URL: u.app, BENCH_CAPTURE: JSON.stringify(input) },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`capture-queries failed (${r.status}): ${(r.stderr || "").split("\n").slice(0, 12).join("\n")}`);
  const lastLine = r.stdout.trim().split("\n").at(-1);
  return JSON.parse(lastLine);
}

function machineFacts() {
  const cpus = os.cpus();
  let osName = `${os.type()} ${os.release()}`;
  try {
    const pretty = readFileSync("/etc/os-release", "utf8").match(/^PRETTY_NAME="?([^"\n]*)"?/m)?.[1];
    if (pretty) osName = `${pretty}, kernel ${os.release()}`;
  } catch {
    /* not Linux */
  }
  return {
    cores: cpus.length,
    cpuModel: cpus[0]?.model?.trim() ?? "unknown",
    ramGiB: (os.totalmem() / 1024 ** 3).toFixed(1),
    os: osName,
    node: process.version,
    next: require("next/package.json").version,
  };
}

const git = (...a) => spawnSync("git", a, { encoding: "utf8" }).stdout?.trim() ?? "";

async function main() {
  const started = Date.now();
  const machine = { ...machineFacts(), loadStart: os.loadavg()[0].toFixed(2) };
  const u = db.urls({ database: OPTS.database });

  // 1. Database
  machine.postgres = await db.ensureServer(u, log);
  await db.ensureAppRole(u, log);
  const reused = !OPTS.fresh && (await db.hasScaleDistrict(u, OPTS.database));
  if (reused) {
    log(`reusing ${OPTS.database} (it has the scale district; --fresh rebuilds it)`);
    db.npmRun("db:migrate", u, log);
    // Both seeds add only what an older bench database lacks (plans, sessions, the library).
    db.npmRun("db:seed", u, log);
    db.npmRun("db:seed:scale", u, log);
  } else {
    log(`building ${OPTS.database} from scratch (about seven minutes)`);
    await db.recreateDatabase(u, OPTS.database);
    db.npmRun("db:migrate", u, log);
    db.npmRun("db:seed", u, log);
    db.npmRun("db:seed:scale", u, log);
  }
  log("VACUUM (ANALYZE)");
  await db.analyze(u);
  const described = await db.describeData(u, COORDINATOR);
  machine.pgSettings = described.settings;

  // 2. Build and start
  machine.buildNote = buildIfStale({ force: OPTS.build, log });
  machine.buildId = readFileSync(path.join(".next", "BUILD_ID"), "utf8").trim();
  log("next start");
  const base = await startServer(u.app);
  log(`server on ${base} (log: ${serverLog})`);

  let results;
  let signInVia;
  let prepared;
  try {
    // 3. Sign in
    let session;
    try {
      session = await signInWithForm(base, COORDINATOR, PASSWORD);
    } catch (formError) {
      log(`sign-in through the form failed (${formError.message}); trying Auth.js's endpoints`);
      session = await signInWithAuthJs(base, COORDINATOR, PASSWORD);
    }
    signInVia = session.via;
    log(`signed in as ${COORDINATOR} via ${signInVia}`);

    // 4. Measure (with the CPU time of the server and of its database backends)
    const admin = await db.connect(u.admin);
    cpuSnapshot = () => snapshot(server.pid, admin, OPTS.database, db.APP_ROLE).catch(() => null);
    prepared = await prepareTargets(base, session.jar, described, u);
    if (OPTS.only) {
      const unknown = OPTS.only.filter((k) => !prepared.targets.some((t) => t.key === k));
      if (unknown.length) throw new Error(`--only names unknown targets: ${unknown.join(", ")}`);
    }
    results = await measureAll(base, OPTS.only ? prepared.targets.filter((t) => OPTS.only.includes(t.key)) : prepared.targets);
    await admin.end();
  } finally {
    log("stopping the server");
    await stopServer();
  }
  machine.loadEnd = os.loadavg()[0].toFixed(2);
  judge(results);
  if (OPTS.only) {
    writeSelectedSection(REPORT, { machine, results, rounds: OPTS.rounds, duration: OPTS.duration, connections: OPTS.connections, commit: git("rev-parse", "--short", "HEAD"), dirty: git("status", "--porcelain").length > 0 });
    printResults(machine, results);
    return;
  }

  // 5. Query plans (server stopped: the machine is quieter)
  const ctx = db.ctxOf(described.coordinator);
  const specialistCtx = db.ctxOf(await db.describeMember(u, SPECIALIST));

  const { profileId, planId, goalId, historyId, referredId, cardDay, referralId } = prepared;
  const adminCtx = db.ctxOf(await db.describeMember(u, ADMIN));
  const raterCtx = db.ctxOf(await db.describeMember(u, RATER));
  const titleOf = (key) => results.find((r) => r.key === key).title;
  const search = { q: OPTS.search, school: described.school.id, grade: "", englishLearner: "", plan: "", member: "", sort: "name", page: "1" };
  const explainTargets = [
    {
      key: "b",
      capture: "list",
      title: titleOf("b"),
      isMain: (s) => s.phase === "action" && s.label.includes("name search"),
      note: "Phase “action” is searchStudents (the search itself); phase “page” is getStudentListPage, which the script-less POST renders as well.",
    },
    { key: "c", capture: "profile", title: titleOf("c"), isMain: (s) => s.label.startsWith("SELECT Student"), note: `Captured for student ${profileId}: the record's first view (getStudentProfile, section "history": the case at a glance and the latest history), as the page renders it.` },
    { key: "d", capture: "caseloads", title: titleOf("d"), isMain: (s) => s.label.includes("grouped count") },
    { key: "e", capture: "plan", title: titleOf("e"), isMain: (s) => s.label.startsWith("SELECT (CTE) InterventionSession"), note: `Captured for plan ${planId}: the whole page (getPlanPage); "main" is the dosage summary's read of the plan's logged sessions with their attendance and components.` },
    { key: "f", capture: "oversight", title: titleOf("f"), isMain: (s) => s.label.startsWith("SELECT (CTE) InterventionSession"), note: "\"main\" is the last 4 weeks' sessions of the school's active plans." },
    { key: "g", capture: "graph", title: titleOf("g"), isMain: (s) => s.label.startsWith("SELECT Probe"), note: `Captured for goal ${goalId}: the whole page (getGoalGraph); "main" is the read of the goal's probes.` },
    { key: "h", capture: "review", title: titleOf("h"), isMain: (s) => s.label.includes("Probe"), note: `Captured as ${SPECIALIST} (getNeedsReview); "main" is the one probe query of the list (valid probes of every goal in review, aggregated per goal).` },
    { key: "i", capture: "history", title: titleOf("i"), isMain: (s) => s.label.startsWith("SELECT Probe"), note: `Captured for student ${historyId} (getStudentHistory, first page); "main" is the read of the student's probes, which the feed folds by week.` },
    { key: "j", capture: "overview", title: titleOf("j"), isMain: (s) => s.label.startsWith("SELECT Incident") && !/count|min/i.test(s.sql.slice(0, 40)), note: `Captured for ${described.school.name} (getBehaviorOverview); "main" is the read of the school's incidents of the year.` },
    { key: "k", capture: "behavior", title: titleOf("k"), isMain: (s) => s.label.startsWith("SELECT Incident"), note: `Captured for student ${referredId}: the record's behaviour view (getStudentProfile, section "behavior": the case at a glance and the behaviour section, read in one transaction); "main" is the read of the student's incidents of the year.` },
    { key: "l", capture: "cards", title: titleOf("l"), isMain: (s) => s.label.startsWith("SELECT CicoCard"), note: `Captured as ${RATER} for ${cardDay} (getRatingScreen); "main" is the one statement that reads the day's cards with their marks and ratings.` },
    { key: "m", capture: "complianceDistrict", title: titleOf("m"), isMain: (s) => s.label.startsWith("SELECT (CTE)"), note: `Captured as ${ADMIN} (getComplianceCalendar, no parameters).` },
    { key: "n", capture: "complianceSchool", title: titleOf("n"), isMain: (s) => s.label.startsWith("SELECT (CTE)"), note: `Captured for ${described.school.name} (getComplianceCalendar with school).` },
    { key: "o", capture: "packet", title: titleOf("o"), isMain: (s) => s.label.startsWith("SELECT Probe"), note: `Captured for referral ${referralId} (getReferralPacket); "main" is the read of the student's probes for every goal's graph.` },
  ];
  const explain = { targets: explainTargets, byTarget: {} };
  if (OPTS.explain) {
    try {
      log("capturing the statements behind (b) to (o) and running EXPLAIN (ANALYZE, BUFFERS) as mtss_app");
      const captured = captureQueries(u, { ctx, specialistCtx, search, studentId: profileId, planId, goalId, historyId, referredId, raterCtx, cardDay, adminCtx, referralId });
      const plans = await explainAll(u.app, ctx, Object.fromEntries(explainTargets.map((t) => [t.key, captured[t.capture]])));
      explain.byTarget = plans;
    } catch (e) {
      explain.error = e.message;
      log(`EXPLAIN skipped: ${e.message}`);
    }
  } else {
    explain.error = "skipped (--no-explain)";
  }

  // 6. Report
  const status = git("status", "--porcelain");
  writeReport(REPORT, {
    machine,
    data: { database: OPTS.database, districtName: described.coordinator.districtName, coordinator: described.coordinator, school: described.school, size: described.size, reused, signInVia },
    method: {
      autocannon: require("autocannon/package.json").version,
      connections: OPTS.connections,
      duration: OPTS.duration,
      warmup: OPTS.warmup,
      rounds: OPTS.rounds,
    },
    results,
    explain,
    run: { finishedAt: new Date().toISOString().replace(/\.\d+Z$/, "Z"), commit: git("rev-parse", "--short", "HEAD"), dirty: status.length > 0 },
    defaultNotes: DEFAULT_NOTES,
    serialCount: SERIAL - 3,
  });

  printResults(machine, results);
  console.log(`Wrote ${REPORT} in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  if (results.some((r) => !r.valid)) process.exitCode = 1;
}

function printResults(machine, results) {
  console.log("");
  console.log(
    `Benchmark (${OPTS.connections} connections, ${OPTS.rounds} × ${OPTS.duration} s per target, ${machine.cores} cores, load ${machine.loadStart}→${machine.loadEnd}):`,
  );
  for (const r of results) {
    const ratio = r.ratio == null ? "" : `  ${r.ratio.toFixed(2)}× floor p95 → ${r.verdict}`;
    console.log(
      `  (${r.key}) ${r.title.padEnd(62)} p50 ${r.stats.p50.toFixed(1).padStart(7)} ms  p95 ${r.stats.p95.toFixed(1).padStart(7)} ms  ${r.stats.rps.toFixed(1).padStart(6)} req/s  (unloaded p50 ${r.serial.p50.toFixed(1)} ms)${ratio}${r.valid ? "" : "  INVALID"}`,
    );
  }
  if (results.some((r) => !r.valid)) process.exitCode = 1;
}

const DEFAULT_NOTES = `- The machine has 2 cores and is shared with other work (builds and test runs of other sessions): the server, PostgreSQL, the load generator and that work compete for the same cores, so absolute figures and even the ratios move from run to run (the per-round ratios show by how much). Compare runs made minutes apart, and use --rounds=4 or more before deciding on a borderline ratio.
- 10 connections on 2 cores keep the server saturated: a request mostly waits for a CPU, so a target's p95 ÷ the floor's follows its CPU time per request ÷ the floor's ("Where the time goes"). SQL execution is a small part of that CPU; the rest is Next.js rendering (the HTML and, inside it, the RSC payload that repeats the page's data), Prisma, and per-statement overhead in PostgreSQL (parse, bind and plan of every statement, with the row-level-security policies).
- The floor is GET /account (see "What each target is"): the same layout as (b)-(d), nothing read but the session.
- The student search is measured as the script-less form POST: Next.js runs the action and then renders the whole page, so the session is resolved twice (action and render) and getStudentListPage computes and serializes the default first page (50 rows, with its count and caseload members) although the page shows the search result. With JavaScript the browser posts the action alone.
- Each profile view inserts one audit event, on purpose. Repeated runs grow AuditEvent in the bench database (a few thousand rows per run); --fresh starts over.`;

main().catch(async (error) => {
  console.error(`[bench] failed: ${error.stack ?? error.message}`);
  await stopServer();
  process.exit(1);
});
