// Crash safety through the production server (issue 21, decisions 027 and
// 039), on PostgreSQL and on embedded PGlite, and the short soak. No browser:
// the clients post the app's own forms the way a browser without JavaScript
// does. Each engine gets its own server (`next start` on the build) and its
// own data: a fresh database CRASH_DATABASE (default mtss_crash_drill) beside
// DATABASE_URL's, or a fresh PGlite directory.
//
// The drill: four clients signed in as the demo assistant send a stream of
// writes (two log sessions of the reading group, each with attendance,
// components, a probe per goal and audit events in one transaction; two enter
// single probes), each with a client key of its own. After ACKS acknowledged
// writes the server's whole process tree gets SIGKILL while writes are in
// flight. Then, straight from the data: every acknowledged write is there
// exactly once and whole, a write in flight is there whole or not at all.
// The server restarts on the same data, the clients send every write in
// flight again (as a browser's retry would) and some acknowledged ones too:
// each is answered as saved and is still there exactly once.
//
// Migrating and seeding take minutes on a busy machine, so on PostgreSQL the
// drill copies the demo database Playwright's web server seeded
// (E2E_DATABASE_seeded, scripts/e2e-server.mjs) when it exists. Re-runs by
// hand can name their own: CRASH_TEMPLATE_DATABASE (a seeded PostgreSQL
// database no one is connected to) and CRASH_TEMPLATE_PGLITE (a seeded PGlite
// directory) are copied instead.
import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { signInWithForm } from "../scripts/bench/http.mjs";
import { freePort, freshDatabase, killServer, logTail, startServer, stopServer } from "../scripts/bench/server.mjs";
import { probeWriter, sessionWriter } from "../scripts/bench/writes.mjs";
import { judgeSoak, runSoak } from "../scripts/soak.mjs";

const PASSWORD = "demo-password-2026"; // DEMO_PASSWORD in prisma/seed/demo-data.ts
const ASSISTANT = "assistant@maplevalley.example";
// Jordan Lee's grade 4 reading group (prisma/seed/plans.ts, a fixed id): three students, a goal each.
const GROUP_PLAN_ID = "9a000000-0000-4000-8000-000000000002";
const CLIENTS = 4;
const ACKS = Number(process.env.CRASH_ACKS || 60);
const SOAK_SECONDS = Number(process.env.SOAK_SECONDS || 25);
const database = process.env.CRASH_DATABASE || "mtss_crash_drill";
const basePort = Number(process.env.E2E_PORT || 3100) + 250;
const log = (m) => console.log(`[durability] ${m}`);

test.describe.configure({ mode: "serial" });

/** Runs SQL as the owner straight on the data (the server stopped or killed): rows. */
async function withData(target, fn) {
  if (target.engine === "postgres") {
    const client = new pg.Client({ connectionString: target.ownerUrl });
    await client.connect();
    try {
      return await fn(async (sql, params) => (await client.query(sql, params)).rows);
    } finally {
      await client.end();
    }
  }
  // The app's own durability setting (decision 027); opened only while no server runs.
  const db = await PGlite.create(target.dataDir, { relaxedDurability: false });
  try {
    return await fn(async (sql, params) => (await db.query(sql, params)).rows);
  } finally {
    await db.close();
  }
}

/** What is stored for the drill's keys: each session with its parts counted, and the probes per key. */
async function stored(target, keys) {
  return withData(target, async (q) => {
    const sessions = await q(
      `SELECT s."clientKey" AS key, s.id::text AS id, s."componentsDelivered" AS delivered,
              (SELECT count(*) FROM "SessionAttendance" a WHERE a."districtId" = s."districtId" AND a."sessionId" = s.id)::int AS attendance,
              (SELECT count(*) FROM "SessionComponent" c WHERE c."districtId" = s."districtId" AND c."sessionId" = s.id)::int AS components,
              (SELECT count(*) FROM "AuditEvent" e WHERE e."entityType" = 'InterventionSession' AND e."entityId" = s.id::text AND e.action = 'create')::int AS audits
         FROM "InterventionSession" s WHERE s."clientKey" = ANY($1::text[])`,
      [keys],
    );
    const probes = await q(`SELECT "clientKey" AS key, count(*)::int AS n FROM "Probe" WHERE "clientKey" = ANY($1::text[]) GROUP BY 1`, [keys]);
    return { sessions, probes: new Map(probes.map((p) => [p.key, p.n])) };
  });
}

/** Problems with the stored writes: [] when every acknowledged one is there once and whole, and nothing is half there. */
function problemsOf(sent, data, shape, { allSent }) {
  const problems = [];
  const sessionsByKey = new Map();
  for (const s of data.sessions) sessionsByKey.set(s.key, [...(sessionsByKey.get(s.key) ?? []), s]);
  for (const w of sent) {
    const mustBeThere = allSent || w.acked;
    if (w.kind === "session") {
      const rows = sessionsByKey.get(w.key) ?? [];
      if (rows.length > 1) problems.push(`session ${w.key}: ${rows.length} rows`);
      if (mustBeThere && rows.length === 0) problems.push(`session ${w.key} (acknowledged as ${w.id}): missing`);
      if (w.id && rows[0] && rows[0].id !== w.id) problems.push(`session ${w.key}: acknowledged as ${w.id}, stored as ${rows[0].id}`);
      const probes = data.probes.get(w.key) ?? 0;
      if (rows.length === 0 && probes > 0) problems.push(`session ${w.key}: no session but ${probes} of its probes`);
      for (const r of rows) {
        if (r.attendance !== shape.students || r.components !== shape.components || r.delivered !== shape.components || probes !== shape.goals || r.audits < 1)
          problems.push(`session ${w.key} half written: attendance ${r.attendance}/${shape.students}, components ${r.components}/${shape.components} (count ${r.delivered}), probes ${probes}/${shape.goals}, audit events ${r.audits}`);
      }
    } else {
      const n = data.probes.get(w.key) ?? 0;
      if (n > 1) problems.push(`probe ${w.key}: ${n} rows`);
      if (mustBeThere && n === 0) problems.push(`probe ${w.key}: missing`);
    }
  }
  return problems;
}

async function signedInWriters(base) {
  const writers = [];
  for (let c = 0; c < CLIENTS; c++) {
    const { jar } = await signInWithForm(base, ASSISTANT, PASSWORD);
    const session = await sessionWriter(base, jar, GROUP_PLAN_ID);
    // Clients 0 and 2 log sessions, 1 and 3 enter probes of the group's goals.
    writers.push(c % 2 === 0 ? session : await probeWriter(base, jar, session.goals[(c >> 1) % session.goals.length].goalId));
  }
  return writers;
}

/** The seeded PostgreSQL database to copy: CRASH_TEMPLATE_DATABASE, else the web server's seeded one if it exists. */
async function postgresTemplate() {
  if (process.env.CRASH_TEMPLATE_DATABASE) return process.env.CRASH_TEMPLATE_DATABASE;
  const seeded = `${process.env.E2E_DATABASE || "mtss_e2e"}_seeded`;
  const client = new pg.Client({ connectionString: process.env.DATABASE_OWNER_URL || process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [seeded])).rowCount ? seeded : undefined;
  } finally {
    await client.end();
  }
}

// Migrating and seeding is most of the drill's time: both engines' data are
// prepared at once when the first test starts (each is a child process).
const prepared = new Map();
function prepare(engine) {
  if (!prepared.has(engine)) {
    const p = (async () => {
      const port = await freePort(basePort + (engine === "postgres" ? 0 : 10));
      const target = await freshDatabase({
        engine,
        database,
        ownerUrl: process.env.DATABASE_OWNER_URL || process.env.DATABASE_URL,
        appUrl: process.env.DATABASE_URL,
        dataDir: path.resolve(".data", `crash-pglite-${port}`),
        // Re-runs by hand: a seeded database / data directory to copy (scripts/bench/server.mjs).
        template: engine === "postgres" ? await postgresTemplate() : process.env.CRASH_TEMPLATE_PGLITE,
        log,
      });
      return { port, target };
    })();
    p.catch(() => {}); // awaited (and reported) by the engine's own test
    prepared.set(engine, p);
  }
  return prepared.get(engine);
}

async function drill(engine, { soak = false } = {}) {
  const t0 = Date.now();
  const { port, target } = await prepare(engine);
  const logFile = path.join(os.tmpdir(), `mtss-durability-${engine}-${port}.log`);
  let server = await startServer({ env: target.env, port, logFile });
  try {
    const writers = await signedInWriters(server.base);
    const shape = { students: writers[0].students.length, components: writers[0].components.length, goals: writers[0].goals.length };
    expect(shape.students, "the group plan's students on the form").toBeGreaterThan(1);
    expect(shape.components, "components ticked").toBeGreaterThan(0);
    expect(shape.goals, "probe goals on the form").toBeGreaterThan(0);
    log(`${engine}: ready after ${((Date.now() - t0) / 1000).toFixed(1)} s; ${CLIENTS} clients writing until ${ACKS} acknowledgements`);

    // The stream: each client writes until the server is gone.
    const sent = [];
    let acked = 0;
    let kill = null;
    const refused = [];
    await Promise.all(
      writers.map(async (writer, client) => {
        for (;;) {
          const w = { key: randomUUID(), kind: writer.kind, client };
          sent.push(w);
          const res = await writer.write(w.key);
          if (res.acked) {
            w.acked = true;
            w.id = res.id;
            if (++acked === ACKS) kill = killServer(server);
            continue;
          }
          w.lost = true;
          // No answer once the kill is under way is the crash; any other answer is a failure.
          if (!kill || !res.lost) refused.push(`client ${client} ${writer.kind}: ${res.status} ${res.lost ? res.error?.message : (res.text ?? "").slice(0, 300)}`);
          return;
        }
      }),
    );
    await kill;
    expect(refused, `writes refused or lost before the kill:\n${logTail(logFile)}`).toEqual([]);
    const lost = sent.filter((w) => w.lost);
    log(`${engine}: SIGKILL after ${acked} acknowledged writes (${sent.filter((w) => w.acked && w.kind === "session").length} sessions, ${sent.filter((w) => w.acked && w.kind === "probe").length} probes); ${lost.length} in flight`);
    expect(lost.length, "writes in flight at the kill (mid-stream)").toBeGreaterThan(0);

    // Straight from the data, before anything reopens it.
    const keys = sent.map((w) => w.key);
    const afterCrash = await stored(target, keys);
    expect(problemsOf(sent, afterCrash, shape, { allSent: false })).toEqual([]);
    const landed = lost.filter((w) => afterCrash.sessions.some((s) => s.key === w.key) || afterCrash.probes.has(w.key)).length;
    log(`${engine}: every acknowledged write there once and whole; ${landed} of ${lost.length} in flight landed (whole)`);

    // Restart on the same data; the clients send what was in flight again, and two acknowledged writes of each kind.
    server = await startServer({ env: target.env, port, logFile });
    const again = await signedInWriters(server.base);
    const retries = [...lost, ...sent.filter((w) => w.acked && w.kind === "session").slice(0, 2), ...sent.filter((w) => w.acked && w.kind === "probe").slice(0, 2)];
    for (const w of retries) {
      const writer = again[w.client];
      const res = await writer.write(w.key);
      expect(res.acked, `retry of ${w.kind} ${w.key}: ${res.status}`).toBe(true);
      if (w.kind === "session" && w.id) expect(res.id, "a retry answers with the session first saved").toBe(w.id);
      w.acked = true;
      w.id ??= res.id;
    }
    let soakResult = null;
    if (soak) soakResult = await runSoak({ base: server.base, seconds: SOAK_SECONDS, connections: 10, pgid: server.child.pid, ownerUrl: target.ownerUrl, database: target.database, log });
    await stopServer(server);

    const afterRetry = await stored(target, keys);
    expect(problemsOf(sent, afterRetry, shape, { allSent: true })).toEqual([]);
    log(`${engine}: after restart and ${retries.length} retries, all ${sent.length} writes there exactly once; ${((Date.now() - t0) / 1000).toFixed(1)} s in all`);
    return soakResult;
  } finally {
    await stopServer(server);
    if (target.dataDir) for (const p of [target.dataDir, `${target.dataDir}.pid`]) rmSync(p, { recursive: true, force: true });
  }
}

test("a write acknowledged by the production server on PostgreSQL survives a SIGKILL exactly once, and a short soak runs without errors or rising p95", async () => {
  test.skip(!process.env.DATABASE_URL, "needs DATABASE_URL (a PostgreSQL server)");
  test.setTimeout(900_000);
  prepare("pglite");
  const soak = await drill("postgres", { soak: true });
  const verdict = judgeSoak(soak);
  log(`soak: ${verdict.summary}`);
  expect(verdict.failures).toEqual([]);
});

test("a write acknowledged by the production server on embedded PGlite survives a SIGKILL exactly once", async () => {
  test.setTimeout(900_000);
  await drill("pglite");
});
