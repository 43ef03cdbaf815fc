// npm run soak — the production server under a steady mix of every role's
// journeys for a set time (issue 21, decision 039), written to
// docs/benchmarks.md ("Soak" section).
//
// 1. `next build` when the build is missing or older than the sources (the
//    fingerprint npm start uses); a fresh database SOAK_DATABASE (default
//    mtss_soak) on the PostgreSQL server at 127.0.0.1:5432 (postgres /
//    mtss_app, as npm run bench) with the migrations and the demo seed;
//    `next start` as the app role on a free port from SOAK_PORT (3500).
// 2. CONNECTIONS clients (default 10), each a closed loop of journeys of one
//    role (assistant, specialist, coordinator, administrator, teacher in
//    turn): sign in through the form (every fourth journey; the others reuse
//    the session), read the role's lists, profiles and graphs, and write
//    (the assistant logs a session with a probe per goal, the specialist
//    enters a probe), through the app's own forms as a browser without
//    JavaScript posts them. Journeys are stateful (cookies, form tokens, keys
//    of each submission), so the load is driven by the clients' own fetch
//    loops rather than autocannon's fixed requests.
// 3. Per minute: requests, errors, p95, the server's resident memory (its
//    whole process group, from /proc) and the database connections in use
//    (pg_stat_activity: all of the database's, and those active).
// 4. Judged (judgeSoak): no error; p95 does not trend upwards (least-squares
//    slope over the minutes after the first: the fitted rise over the run at
//    most P95_RISE_SHARE of the median p95 plus P95_RISE_MS); memory levels
//    off (the fitted growth over the second half of the run at most
//    RSS_SECOND_HALF_MIB; judged from 4 minutes on, a shorter run is all warm-up).
//
// Flags: --minutes=10  --seconds=N (instead of minutes)  --connections=10  --no-report
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { isBuildCurrent, recordBuild, sourceFingerprint } from "./build-fingerprint.mjs";
import { request, signInWithForm } from "./bench/http.mjs";
import { freePort, freshDatabase, groupRssMiB, logTail, startServer, stopServer } from "./bench/server.mjs";
import { writeOwnedSection } from "./bench/report.mjs";
import { probeWriter, sessionWriter } from "./bench/writes.mjs";

export const P95_RISE_SHARE = 0.5;
export const P95_RISE_MS = 50;
export const RSS_SECOND_HALF_MIB = 64;
const RSS_JUDGED_FROM_MINUTES = 4;
// A p95 of fewer requests is their slowest one or two: noise, not a trend.
export const MIN_BUCKET_REQUESTS = 30;

const PASSWORD = "demo-password-2026"; // DEMO_PASSWORD in prisma/seed/demo-data.ts
// One of each role at Maple Elementary (prisma/seed/demo-data.ts).
const ROLES = [
  { role: "assistant", email: "assistant@maplevalley.example" },
  { role: "specialist", email: "specialist@maplevalley.example" },
  { role: "coordinator", email: "coordinator@maplevalley.example" },
  { role: "administrator", email: "admin@maplevalley.example" },
  { role: "teacher", email: "teacher@maplevalley.example" },
];

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const idsAfter = (html, prefix) => [...new Set([...html.matchAll(new RegExp(`href="${prefix}(${UUID})(?=["?#/])`, "g"))].map((m) => m[1]))];
const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] : NaN);

async function mustGet(base, path, jar) {
  const res = await request(base, path, { jar });
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status}`);
  return res.text;
}

// Links that are not reading pages (sign-out, downloads, the account's own settings).
const NOT_A_LIST = /^\/(api|sign-|account|admin\/export)|\.(csv|pdf)$/;

/**
 * Each role's journey, found from the app itself: the home page, the lists its
 * navigation offers the role, the profiles and goal graphs linked from them,
 * and the role's writer. Every page is checked to answer 200 before the soak.
 */
async function planJourneys(base) {
  const plans = {};
  for (const { role, email } of ROLES) {
    const { jar } = await signInWithForm(base, email, PASSWORD);
    const home = await mustGet(base, "/", jar);
    const navs = [...home.matchAll(/<nav\b[\s\S]*?<\/nav>/gi)].map((m) => m[0]).join("");
    const all = [...new Set([...navs.matchAll(/href="(\/[a-z0-9/-]*)"/g)].map((m) => m[1]))].filter((h) => h !== "/" && !NOT_A_LIST.test(h));
    // At most 8, spread over the whole menu: its first entries are the same for most roles, the role's own come later.
    const step = Math.ceil(all.length / 8);
    // The student list and the goals to review always, when the role has them: profiles and graphs are found there.
    const lists = [...new Set([...all.filter((h) => h === "/students" || h === "/goals/review"), ...all.filter((_, i) => i % step === 0)])];
    const pages = ["/", ...lists];
    const students = new Set();
    const goals = new Set();
    for (const p of lists) {
      const html = await mustGet(base, p, jar);
      for (const id of idsAfter(html, "/students/")) if (students.size < 2) students.add(id);
      for (const id of idsAfter(html, "/goals/")) if (goals.size < 2) goals.add(id);
    }
    for (const id of students) pages.push(`/students/${id}`);
    for (const id of goals) pages.push(`/goals/${id}`);
    const writers = [];
    if (role === "assistant") {
      const today = await mustGet(base, "/sessions", jar);
      const planIds = idsAfter(today, "/sessions/new/");
      if (!planIds.length) throw new Error("the assistant's Today page links no plan to log");
      // Every plan the assistant delivers in turn, so no one plan's day grows much.
      for (const id of planIds) writers.push(await sessionWriter(base, jar, id));
    } else if (role === "specialist") {
      if (!goals.size) throw new Error("the specialist's lists link no goal to enter a probe for");
      for (const id of goals) writers.push(await probeWriter(base, jar, id));
    }
    for (const p of pages) await mustGet(base, p, jar);
    plans[role] = { role, email, pages, writers, jar };
  }
  return plans;
}

/**
 * Runs the journeys for `seconds` on an already running server; samples the
 * server's memory (process group pgid) and, on PostgreSQL (ownerUrl and
 * database given), the connections in use. Resolves to per-bucket figures.
 */
export async function runSoak({ base, seconds, connections = 10, pgid, ownerUrl, database, bucketSeconds, log = console.log }) {
  const bucketMs = 1000 * (bucketSeconds ?? (seconds >= 120 ? 60 : Math.max(5, Math.round(seconds / 5))));
  const plans = await planJourneys(base);
  const roles = ROLES.map((r) => plans[r.role]);
  const start = Date.now();
  const end = start + seconds * 1000;
  const buckets = [];
  const bucketAt = (t) => (buckets[Math.floor((t - start) / bucketMs)] ??= { latencies: [], errors: 0, writes: 0, rss: [], conns: [], active: [] });
  const errors = [];

  // Samples every 2 s: the server's memory and the database's connections.
  const sampler = ownerUrl && database ? new pg.Client({ connectionString: ownerUrl }) : null;
  if (sampler) await sampler.connect();
  let sampling = true;
  const sampling$ = (async () => {
    while (sampling) {
      const b = bucketAt(Math.min(Date.now(), end - 1));
      if (pgid) b.rss.push(groupRssMiB(pgid));
      if (sampler) {
        const { rows } = await sampler.query(
          "SELECT count(*)::int AS n, count(*) FILTER (WHERE state = 'active')::int AS active FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
          [database],
        );
        b.conns.push(rows[0].n);
        b.active.push(rows[0].active);
      }
      await new Promise((r) => setTimeout(r, 2000));
    }
  })();

  const timed = async (what, fn) => {
    const t = performance.now();
    let problem = null;
    try {
      problem = await fn();
    } catch (error) {
      problem = error.message;
    }
    const now = Date.now();
    const b = bucketAt(now);
    b.latencies.push(performance.now() - t);
    if (problem) {
      b.errors++;
      if (errors.length < 20) errors.push(`${new Date(now).toISOString().slice(11, 19)} ${what}: ${problem}`);
    }
  };

  await Promise.all(
    Array.from({ length: connections }, async (_, c) => {
      const plan = roles[c % roles.length];
      let jar = plan.jar;
      for (let journey = 0; Date.now() < end; journey++) {
        if (journey % 4 === 3) {
          await timed(`${plan.role} sign-in`, async () => {
            jar = (await signInWithForm(base, plan.email, PASSWORD)).jar;
          });
        }
        for (const p of plan.pages) {
          if (Date.now() >= end) return;
          await timed(`${plan.role} GET ${p}`, async () => {
            const res = await request(base, p, { jar });
            return res.status === 200 ? null : `status ${res.status}`;
          });
        }
        if (plan.writers.length && Date.now() < end) {
          const writer = plan.writers[(journey + c) % plan.writers.length];
          await timed(`${plan.role} ${writer.kind} write`, async () => {
            bucketAt(Date.now()).writes++;
            // The writer posts with the journey's first session cookie; the form's fields do not depend on it.
            const res = await writer.write(randomUUID());
            return res.acked ? null : `not saved (${res.status}${res.lost ? ` ${res.error?.message}` : ""})`;
          });
        }
      }
    }),
  );
  sampling = false;
  await sampling$;
  await sampler?.end();

  // The requests still under way at the end fall in a bucket of their own: counted in the totals, not a minute.
  const minutes = buckets.slice(0, Math.ceil((seconds * 1000) / bucketMs)).filter(Boolean).map((b, i) => {
    const sorted = [...b.latencies].sort((x, y) => x - y);
    const max = (xs) => (xs.length ? Math.max(...xs) : null);
    return {
      index: i,
      from: (i * bucketMs) / 1000,
      requests: b.latencies.length,
      writes: b.writes,
      errors: b.errors,
      p50: percentile(sorted, 0.5),
      p95: percentile(sorted, 0.95),
      rssMiB: b.rss.length ? b.rss.at(-1) : null,
      connections: max(b.conns),
      active: max(b.active),
    };
  });
  const all = buckets.filter(Boolean);
  const result = { seconds, connections, bucketSeconds: bucketMs / 1000, buckets: minutes, errors, totalErrors: all.reduce((s, b) => s + b.errors, 0), totalRequests: all.reduce((s, b) => s + b.latencies.length, 0), pages: Object.fromEntries(roles.map((r) => [r.role, r.pages])) };
  log(`soak: ${result.totalRequests} requests in ${seconds} s, ${result.totalErrors} errors`);
  return result;
}

/** Least-squares slope of ys over xs. */
function slope(xs, ys) {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return den ? num / den : 0;
}

/** The verdict: { failures: [], summary, p95Rise, rssRise }. */
export function judgeSoak(r) {
  const failures = [];
  if (r.totalErrors > 0) failures.push(`${r.totalErrors} errors: ${r.errors.join("; ")}`);
  if (r.totalRequests === 0) failures.push("no request was answered");
  // Only whole buckets after the first (warm-up: compilation of each page's code, caches).
  const whole = r.buckets.filter((b) => b.from + r.bucketSeconds <= r.seconds + 0.001);
  const trend = whole.slice(1);
  let p95Rise = null;
  let allowed = null;
  let trendNote = "";
  if (trend.some((b) => b.requests < MIN_BUCKET_REQUESTS)) trendNote = ` (not judged: a bucket with fewer than ${MIN_BUCKET_REQUESTS} requests)`;
  else if (trend.length >= 2) {
    const xs = trend.map((b) => b.from / 60);
    const perMinute = slope(xs, trend.map((b) => b.p95));
    p95Rise = perMinute * (xs.at(-1) - xs[0]);
    const median = [...trend.map((b) => b.p95)].sort((a, b) => a - b)[Math.floor(trend.length / 2)];
    allowed = P95_RISE_SHARE * median + P95_RISE_MS;
    if (p95Rise > allowed) failures.push(`p95 trends upwards: the fitted rise over the run is ${p95Rise.toFixed(0)} ms, more than ${allowed.toFixed(0)} ms (${P95_RISE_SHARE * 100}% of the median p95 ${median.toFixed(0)} ms + ${P95_RISE_MS} ms)`);
  } else failures.push("too short to judge a trend: fewer than 3 whole buckets");
  let rssRise = null;
  const withRss = whole.filter((b) => b.rssMiB != null);
  if (r.seconds >= RSS_JUDGED_FROM_MINUTES * 60 && withRss.length >= 4) {
    const half = withRss.slice(Math.floor(withRss.length / 2));
    const xs = half.map((b) => b.from / 60);
    rssRise = slope(xs, half.map((b) => b.rssMiB)) * (xs.at(-1) - xs[0]);
    if (rssRise > RSS_SECOND_HALF_MIB) failures.push(`memory does not level off: the fitted growth over the second half of the run is ${rssRise.toFixed(0)} MiB, more than ${RSS_SECOND_HALF_MIB} MiB`);
  }
  const summary = `${r.totalRequests} requests, ${r.totalErrors} errors; p95 per ${r.bucketSeconds} s: ${r.buckets.map((b) => (b.requests ? b.p95.toFixed(0) : "–")).join(", ")} ms; fitted p95 rise ${p95Rise == null ? `–${trendNote}` : `${p95Rise.toFixed(0)} ms (allowed ${allowed.toFixed(0)})`}; RSS ${r.buckets.map((b) => (b.rssMiB == null ? "–" : b.rssMiB.toFixed(0))).join(", ")} MiB${rssRise == null ? " (not judged: shorter than 4 minutes)" : `, second-half growth ${rssRise.toFixed(0)} MiB`}`;
  return { failures, summary, p95Rise, allowed, rssRise, trendNote };
}

// ---------------------------------------------------------------------------
// The report section

/**
 * What the load average says about the machine during the run, from what was
 * measured rather than assumed. The soak itself (server, PostgreSQL and the
 * load generator) can keep every core busy, so a load up to about the core
 * count during the run is its own; the load before it started is other work's.
 * The machine counts as busy with other work when that was above half the
 * cores before the run, or the load during it averaged over 1.5 x the cores.
 */
export function machineNote({ cores, before, during }) {
  const samples = during.length ? during : [before];
  const mean = samples.reduce((s, v) => s + v, 0) / samples.length;
  const peak = Math.max(...samples);
  const seen = `1-minute load average ${before.toFixed(1)} before the run, ${mean.toFixed(1)} on average and ${peak.toFixed(1)} at the most during it (${samples.length} ${samples.length === 1 ? "sample" : "samples"}), on ${cores} cores`;
  const busyBefore = before > cores * 0.5;
  const busyDuring = mean > cores * 1.5;
  if (!busyBefore && !busyDuring) return `${seen}: no more than the soak's own work, so the machine was otherwise quiet and the latencies are representative.`;
  const why = [busyBefore && `${before.toFixed(1)} before the run is other work (over half the cores)`, busyDuring && `${mean.toFixed(1)} during it is more than the soak alone makes (over 1.5 x the cores)`].filter(Boolean).join("; ");
  return `${seen}: the machine was busy with other work (${why}), so the latencies are pessimistic and noisy.`;
}

function reportText(r, verdict, { startedAt, load }) {
  const f = (v, d = 0) => (v == null || Number.isNaN(v) ? "–" : v.toFixed(d));
  const rows = r.buckets.map((b) => `| ${f(b.from / 60, r.bucketSeconds < 60 ? 2 : 0)} | ${b.requests} | ${b.writes} | ${b.errors} | ${f(b.p50)} | ${f(b.p95)} | ${f(b.rssMiB)} | ${b.connections ?? "–"} / ${b.active ?? "–"} |`);
  return `## Soak (issue 21): \`npm run soak\`

Run on ${startedAt.slice(0, 16).replace("T", " ")} UTC for ${r.seconds >= 60 ? `${(r.seconds / 60).toFixed(r.seconds % 60 ? 1 : 0)} minutes` : `${r.seconds} s`} with ${r.connections} connections against \`next start\` on PostgreSQL 15 with the demo seed. ${machineNote(load)}
Each connection repeats one role's journey (assistant, specialist, coordinator, administrator, teacher in turn): a sign-in through the form every fourth journey, the role's lists, profiles and graphs (${Object.entries(r.pages)
    .map(([k, v]) => `${k}: ${v.map((p) => p.replace(new RegExp(UUID, "g"), "<id>")).join(" ")}`)
    .join("; ")}), and a write through the form (the assistant logs a session with a probe per goal, rotating over their plans; the specialist enters a probe).

| Minute from | Requests | Writes | Errors | p50 ms | p95 ms | Server RSS MiB | DB connections (all / active) |
| --- | --- | --- | --- | --- | --- | --- | --- |
${rows.join("\n")}

**${verdict.failures.length ? `Fails: ${verdict.failures.join("; ")}` : "Passes"}.** Errors: ${r.totalErrors} of ${r.totalRequests} requests (must be 0). p95 trend: least-squares fit over the minutes after the first; fitted rise ${verdict.p95Rise == null ? `–${verdict.trendNote}` : `${verdict.p95Rise.toFixed(0)} ms`} (allowed: ${P95_RISE_SHARE * 100}% of the median p95 + ${P95_RISE_MS} ms${verdict.allowed == null ? "" : ` = ${verdict.allowed.toFixed(0)} ms`}). Memory: the server's process group RSS at the end of each minute; fitted growth over the second half ${verdict.rssRise == null ? "not judged (shorter than 4 minutes)" : `${verdict.rssRise.toFixed(0)} MiB`} (allowed ${RSS_SECOND_HALF_MIB} MiB). DB connections: the most seen in pg_stat_activity for the database during the minute (sampled every 2 s, the sampler's own not counted): the server's pool of the app role (at most 10) and its other connections.`;
}

// ---------------------------------------------------------------------------
// npm run soak

async function main() {
  const args = process.argv.slice(2);
  const option = (name) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  for (const a of args) if (!/^--(minutes|seconds|connections)=\d+(\.\d+)?$|^--no-report$/.test(a)) throw new Error(`Unknown argument ${a}. Flags: --minutes=10 --seconds=N --connections=10 --no-report`);
  const seconds = option("seconds") ? Number(option("seconds")) : Number(option("minutes") ?? 10) * 60;
  const connections = Number(option("connections") ?? 10);
  const database = process.env.SOAK_DATABASE || "mtss_soak";
  const log = (m) => console.log(`[soak] ${m}`);

  if (!isBuildCurrent()) {
    log("building (the build is missing or older than the sources)");
    const fingerprint = sourceFingerprint();
    const r = spawnSync(path.join("node_modules", ".bin", "next"), ["build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (r.status !== 0) process.exit(r.status ?? 1);
    recordBuild(fingerprint);
  }
  const target = await freshDatabase({
    engine: "postgres",
    database,
    ownerUrl: process.env.SOAK_OWNER_URL || "postgresql://postgres@127.0.0.1:5432/postgres",
    appUrl: process.env.SOAK_APP_URL || "postgresql://mtss_app@127.0.0.1:5432/postgres",
    log,
  });
  const port = await freePort(Number(process.env.SOAK_PORT || 3500));
  const logFile = path.join(os.tmpdir(), `mtss-soak-server-${port}.log`);
  writeFileSync(logFile, "");
  const server = await startServer({ env: target.env, port, logFile });
  for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => stopServer(server).then(() => process.exit(130)));
  const startedAt = new Date().toISOString();
  // The 1-minute load average before the first request (the machine without
  // the soak) and every 5 s during it, for the report's note on the machine.
  const load = { cores: os.cpus().length, before: os.loadavg()[0], during: [] };
  const loadSampler = setInterval(() => load.during.push(os.loadavg()[0]), 5000);
  let result;
  try {
    log(`${seconds} s, ${connections} connections, against ${server.base}`);
    result = await runSoak({ base: server.base, seconds, connections, pgid: server.child.pid, ownerUrl: target.ownerUrl, database, log });
  } catch (error) {
    console.error(logTail(logFile));
    throw error;
  } finally {
    clearInterval(loadSampler);
    await stopServer(server);
  }
  const verdict = judgeSoak(result);
  for (const b of result.buckets) log(`from ${(b.from / 60).toFixed(2)} min: ${b.requests} requests, ${b.errors} errors, p95 ${b.p95.toFixed(0)} ms, RSS ${b.rssMiB?.toFixed(0)} MiB, connections ${b.connections}/${b.active}`);
  log(verdict.summary);
  log(machineNote(load));
  if (!args.includes("--no-report")) {
    writeOwnedSection(path.join("docs", "benchmarks.md"), "soak", reportText(result, verdict, { startedAt, load }));
    log("wrote the Soak section of docs/benchmarks.md");
  }
  if (verdict.failures.length) {
    for (const f of verdict.failures) console.error(`[soak] FAIL: ${f}`);
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
