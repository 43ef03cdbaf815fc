// The import side of `npm run bench -- --imports` (scripts/bench/imports.mjs
// starts it, after starting `next start`): it hands the OneRoster zip to the
// server's own background jobs (pg-boss, as an upload does) and waits for
// each: the dry run, the apply; the same again (nothing may be written); then
// a screening file of one score per student. Prints the jobs' times, the rows
// written and the server's peak memory (VmHWM of its processes, reset just
// before the first upload) as JSON on its last line.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import pg from "pg";
import { PgBoss } from "pg-boss";
import { withTenant } from "@/server/db/tenant";
import { queueUpload } from "@/server/imports/jobs";
import { enqueueJob, QUEUE } from "@/server/jobs/queue";

const [zipPath, scoresPath, serverPgid] = process.argv.slice(2) as [string, string, string];
const owner = new pg.Client({ connectionString: process.env.DATABASE_OWNER_URL });
await owner.connect();
// A sender only: the server's worker takes the jobs.
const boss = new PgBoss({ connectionString: process.env.DATABASE_URL, schema: "pgboss", createSchema: false, migrate: false, supervise: false, schedule: false });
await boss.start();

const ROSTER_TABLES = ["School", "AcademicSession", "Student", "RosterStaff", "SchoolClass", "ClassEnrollment", "Invitation", "User"];
async function writes(): Promise<number> {
  // Statistics are flushed when a backend goes idle: wait, then read a fresh snapshot.
  await new Promise((r) => setTimeout(r, 1500));
  await owner.query("select pg_stat_clear_snapshot()");
  const r = await owner.query(`select coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)::bigint as n from pg_stat_user_tables where relname = any($1)`, [ROSTER_TABLES]);
  return Number(r.rows[0].n);
}

/** The server's processes (its process group). */
function serverPids(): string[] {
  return readdirSync("/proc").filter((p) => {
    if (!/^\d+$/.test(p)) return false;
    try {
      const stat = readFileSync(`/proc/${p}/stat`, "utf8");
      return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]) === Number(serverPgid);
    } catch {
      return false;
    }
  });
}
const statusMb = (pid: string, field: "VmHWM" | "VmRSS") => {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Math.round(Number(m[1]) / 1024) : 0;
};
const serverMb = (field: "VmHWM" | "VmRSS") => Math.max(0, ...serverPids().map((p) => statusMb(p, field)));
// Writing 5 to clear_refs resets a process's peak resident size (Linux): the peak is the jobs', not the start-up's.
const resetPeak = () => serverPids().forEach((p) => writeFileSync(`/proc/${p}/clear_refs`, "5"));

/** Hands a recorded job to the server's worker and waits for it; returns how long it ran (queue wait excluded). */
async function runOnServer(jobId: string, districtId: string): Promise<number> {
  await boss.send(QUEUE, { jobId, districtId });
  for (;;) {
    await new Promise((r) => setTimeout(r, 250));
    const j = await withTenant(districtId, (tx) => tx.backgroundJob.findUniqueOrThrow({ where: { id: jobId }, select: { status: true, startedAt: true, finishedAt: true, errorMessage: true } }));
    if (j.status === "FAILED") throw new Error(`job ${jobId} failed: ${j.errorMessage}`);
    if (j.status === "DONE") return (j.finishedAt as Date).getTime() - (j.startedAt as Date).getTime();
  }
}

// A fresh district with one administrator: the import's requester.
const stamp = Date.now().toString(36);
const district = (await owner.query(`insert into "District" (name, slug) values ($1, $2) returning id`, [`Bench import ${stamp}`, `bench-import-${stamp}`])).rows[0].id as string;
const user = (await owner.query(`insert into "User" (email, name, "passwordHash", "updatedAt") values ($1, 'Bench Administrator', 'x', now()) returning id`, [`bench-admin-${stamp}@bench.example`])).rows[0].id as string;
await owner.query(`insert into "Membership" ("districtId", "userId", role, "updatedAt") values ($1, $2, 'ADMIN', now())`, [district, user]);
const ctx = { districtId: district, userId: user };
const mapping = { teacher: "ROSTER", aide: "ROSTER", administrator: "ROSTER", proctor: "ROSTER" } as const;

async function importOnce() {
  const zip = { name: "oneroster.zip", data: new Uint8Array(readFileSync(zipPath)) };
  // The dry run: the upload stored (as the upload's request does), then its job.
  const t0 = performance.now();
  const { runId, job } = await withTenant(district, (tx) => queueUpload(tx, ctx, [zip], mapping), undefined, 120_000);
  const dryRunMs = performance.now() - t0 + (await runOnServer(job.id, district));
  const dry = await withTenant(district, (tx) => tx.importRun.findUniqueOrThrow({ where: { id: runId } }));
  if (dry.status !== "READY") throw new Error(`dry run ended ${dry.status}: ${JSON.stringify(dry.report).slice(0, 2000)}`);
  const before = await writes();
  const apply = await withTenant(district, async (tx) => {
    await tx.importRun.update({ where: { id: runId }, data: { status: "APPLYING" } });
    return enqueueJob(tx, ctx, "oneroster.apply", { entityType: "ImportRun", entityId: runId, params: { confirmArchive: false } });
  });
  const applyMs = await runOnServer(apply.id, district);
  const after = await writes();
  const done = await withTenant(district, (tx) => tx.importRun.findUniqueOrThrow({ where: { id: runId } }));
  if (done.status !== "APPLIED") throw new Error(`apply ended ${done.status}`);
  return { dryRunMs, applyMs, counts: done.counts, rowWrites: after - before };
}

// BENCH_IMPORTS_ONLY=screening: the screening half alone, on a copy of the scale district's schools and students (no roster import).
const screeningOnly = process.env.BENCH_IMPORTS_ONLY === "screening";
const rssBeforeMb = serverMb("VmRSS");
resetPeak();
const first = screeningOnly ? null : await importOnce();
const second = screeningOnly ? null : await importOnce();
if (screeningOnly) {
  const scale = `(select id from "District" where name = 'Great Lakes Scale District')`;
  await owner.query(`insert into "School" ("districtId", name, level, code, "updatedAt") select $1, name, level, code, now() from "School" where "districtId" = ${scale}`, [district]);
  await owner.query(
    `insert into "Student" ("districtId", "schoolId", "localId", "legalFirstName", "legalLastName", grade, "updatedAt")
     select $1, ns.id, s."localId", s."legalFirstName", s."legalLastName", s.grade, now()
     from "Student" s join "School" os on os.id = s."schoolId" join "School" ns on ns."districtId" = $1 and ns.name = os.name
     where s."districtId" = ${scale} and s."archivedAt" is null`,
    [district],
  );
  await owner.query(`analyze "Student", "School"`);
}

// Screening: a window and a screener measure in the district, then the file of one score per student.
const window = (await owner.query(`insert into "ScreeningWindow" ("districtId", "schoolYear", season, "startDate", "endDate", "updatedAt") values ($1, 2026, 'FALL', '2026-08-15', '2026-12-31', now()) returning id`, [district])).rows[0].id as string;
const measure = (
  await owner.query(
    `insert into "Measure" select (jsonb_populate_record(null::"Measure", to_jsonb(m) || jsonb_build_object('id', gen_random_uuid(), 'districtId', $1::uuid))).* from "Measure" m where m.key = 'math_composite' limit 1 returning id`,
    [district],
  )
).rows[0].id as string;
const content = readFileSync(scoresPath, "utf8");
const s0 = performance.now();
const { decodeFile, parseScreeningCsv } = await import("@/domain/screening-file");
const decoded = decodeFile(new Uint8Array(readFileSync(scoresPath)));
if (!decoded.ok) throw new Error("scores file not decoded");
const parsed = parseScreeningCsv(decoded.text);
if (!parsed.ok) throw new Error("scores file not parsed");
const screening = await withTenant(district, async (tx) => {
  const row = await tx.screeningImport.create({
    data: { districtId: district, uploadedByUserId: user, filename: "scores.csv", content, windowId: window, dataRows: parsed.file.rows.length, mapping: ["localId", `measure:${measure}`] },
    select: { id: true },
  });
  return enqueueJob(tx, ctx, "screening.apply", { entityType: "ScreeningImport", entityId: row.id });
});
// Parsing and storing the file (the upload's request), then the job.
const screeningMs = performance.now() - s0 + (await runOnServer(screening.id, district));
const sJob = await withTenant(district, (tx) => tx.backgroundJob.findUniqueOrThrow({ where: { id: screening.id } }));
const scores = Number((await owner.query(`select count(*) from "ScreeningScore" where "districtId" = $1`, [district])).rows[0].count);

const peakMb = serverMb("VmHWM");
await boss.stop({ graceful: false });
await owner.end();
console.log(JSON.stringify({ first, second, screening: { ms: screeningMs, scores, result: sJob.result }, rssBeforeMb, peakMb }));
process.exit(0);
