import "server-only";
import type { PgBoss } from "pg-boss";
import type { Prisma } from "@/generated/prisma/client";
import type { Ctx } from "@/server/auth/session";
import { dbTargetFromEnv } from "@/server/db/config";
import type { Tx } from "@/server/db/tenant";
import { logUnexpected } from "@/server/errors";

/** The one pg-boss queue: every kind goes through it, the kind picks the handler (decision 021). */
export const QUEUE = "mtss-jobs";
/**
 * District deletions (decision 041) are not BackgroundJob rows: the row would
 * be deleted with the district it records. pg-boss wakes the worker when the
 * grace period ends; the minute sweep catches anything it missed.
 */
export const DELETION_QUEUE = "mtss-district-deletion";

export interface QueuedJob {
  id: string;
  districtId: string;
}

/**
 * Records a job in the caller's tenant transaction (so it exists exactly when
 * the record it works on does), as asked by ctx's user. Call dispatchJob with
 * the result once that transaction has committed.
 */
export async function enqueueJob(
  tx: Tx,
  ctx: Pick<Ctx, "districtId" | "userId">,
  kind: string,
  job: { entityType: string; entityId: string; params?: Prisma.InputJsonValue; secret?: string | null },
): Promise<QueuedJob> {
  const row = await tx.backgroundJob.create({
    data: {
      districtId: ctx.districtId,
      kind,
      requestedByUserId: ctx.userId,
      entityType: job.entityType,
      entityId: job.entityId,
      params: job.params ?? {},
      secret: job.secret ?? null,
      progress: { phase: "queued", files: [] },
    },
    select: { id: true, districtId: true },
  });
  return row;
}

// The worker of this process: pg-boss on a PostgreSQL server, else an
// in-process queue (the embedded engine: one process, one connection).
const holder = globalThis as unknown as { __mtssJobs?: { boss: PgBoss | null; inline: Promise<void>; started: boolean; timer?: NodeJS.Timeout; nightly?: NodeJS.Timeout } };
const state = (holder.__mtssJobs ??= { boss: null, inline: Promise.resolve(), started: false });

/**
 * Hands a recorded job to the worker. Without a pg-boss worker in this process
 * (the embedded engine, tests, scripts) the job runs in this process, after
 * the jobs queued before it: the request that asked returns at once.
 */
export async function dispatchJob(job: QueuedJob): Promise<void> {
  if (state.boss) {
    try {
      await state.boss.send(QUEUE, { jobId: job.id, districtId: job.districtId });
      return;
    } catch (e) {
      // The job is recorded: run it here rather than leave it queued for ever.
      logUnexpected(e, "pg-boss send; running the job in this process");
    }
  }
  state.inline = state.inline.then(async () => {
    const { runJob } = await import("./runner");
    await runJob(job.id, job.districtId).catch((e) => void logUnexpected(e, "inline job"));
  });
}

/** Waits for the in-process jobs queued so far (tests, scripts, the seed). */
export function drainInlineJobs(): Promise<void> {
  return state.inline;
}

/** Wakes the worker when a district's deletion is due (pg-boss; without it the sweep finds it). */
export async function scheduleDistrictDeletion(districtId: string, runAfter: Date): Promise<void> {
  if (!state.boss) return;
  try {
    await state.boss.send(DELETION_QUEUE, { districtId }, { startAfter: runAfter });
  } catch (e) {
    // The request is recorded: the minute sweep carries it out when due.
    logUnexpected(e, "pg-boss send (district deletion); the sweep will find it");
  }
}

/** The dashboards' nightly sweep (decision 048), logged rather than thrown: the worker goes on. */
const sweepDashboards = (mode: "all" | "missing") =>
  import("@/server/dashboards/nightly")
    .then(({ sweepDistricts }) => sweepDistricts(mode))
    .then(() => undefined)
    .catch((e) => void logUnexpected(e, `dashboard sweep (${mode})`));

/**
 * The embedded engine has no pg-boss cron: a timer to the schedule's next
 * run (the same expression and zone), set again after each run.
 */
async function armEmbeddedSchedule(): Promise<void> {
  const { refreshSchedule, nextRun } = await import("@/server/dashboards/nightly");
  const schedule = refreshSchedule();
  if (!schedule) return;
  const next = await nextRun(schedule);
  // setTimeout holds at most about 24.8 days; a yearly expression re-arms on the way.
  const wait = Math.min(Math.max(next.getTime() - Date.now(), 1000), 2 ** 31 - 1);
  state.nightly = setTimeout(() => {
    const due = Date.now() >= next.getTime() - 1000;
    void (due ? sweepDashboards("all") : Promise.resolve()).then(() => armEmbeddedSchedule().catch((e) => void logUnexpected(e, "dashboard schedule")));
  }, wait);
  state.nightly.unref();
}

/**
 * Registers the nightly refresh of every district's dashboards with pg-boss
 * (its cron runs in every worker with `schedule: true`; the schedule row is
 * shared, so one job is sent per occurrence whatever the number of workers),
 * and sends the start-up sweep of the districts that have no snapshot yet.
 */
async function registerDashboardSchedule(boss: PgBoss): Promise<void> {
  const { NIGHTLY_QUEUE, refreshSchedule, sweepAtStart } = await import("@/server/dashboards/nightly");
  // stately: one sweep running and one waiting at most (a slow night does not pile up runs).
  await boss.createQueue(NIGHTLY_QUEUE, { retryLimit: 0, expireInSeconds: 6 * 3600, policy: "stately" });
  await boss.work<{ mode?: "all" | "missing" }>(NIGHTLY_QUEUE, { batchSize: 1, pollingIntervalSeconds: 10 }, async ([job]) => {
    if (job) await sweepDashboards(job.data?.mode === "missing" ? "missing" : "all");
  });
  const schedule = refreshSchedule();
  try {
    if (schedule) {
      // A night the server was down is made up once when it is back (missed: "once"), so figures are never more than a day behind.
      await boss.schedule(NIGHTLY_QUEUE, schedule.cron, { mode: "all" }, { tz: schedule.tz, missed: "once" });
    } else {
      await boss.unschedule(NIGHTLY_QUEUE);
    }
  } catch (e) {
    // A wrong DASHBOARD_REFRESH_CRON or _TZ: said in the log, and the site goes on (snapshots still refresh when read).
    logUnexpected(e, `registering the dashboards' nightly refresh (${schedule?.cron} ${schedule?.tz})`);
  }
  if (sweepAtStart()) await boss.send(NIGHTLY_QUEUE, { mode: "missing" });
}

/**
 * Asks for a sweep of the districts' dashboards now (an operator's script, a
 * test): through the nightly queue when this process runs pg-boss, as the
 * cron does, else in this process's queue.
 */
export async function requestDashboardSweep(mode: "all" | "missing"): Promise<void> {
  if (state.boss) {
    const { NIGHTLY_QUEUE } = await import("@/server/dashboards/nightly");
    await state.boss.send(NIGHTLY_QUEUE, { mode });
    return;
  }
  state.inline = state.inline.then(() => sweepDashboards(mode));
}

const sweepDeletions = () =>
  void import("@/server/district-deletion/run")
    .then(({ runDueDistrictDeletions }) => runDueDistrictDeletions())
    .catch((e) => void logUnexpected(e, "district deletion sweep"));

/**
 * Starts this process's worker, once: pg-boss on PostgreSQL (installing its
 * schema, owned by the app role, on first start); on the embedded engine,
 * fails the jobs a previous run of the process left behind.
 */
export async function startJobWorker(opts: { appUrl?: string } = {}): Promise<void> {
  if (state.started) return;
  state.started = true;
  const { recoverStaleJobs } = await import("./runner");
  const target = dbTargetFromEnv();
  if (target.kind === "embedded") {
    // Nothing else ran the in-process queue: whatever was queued or running died with the last process.
    await recoverStaleJobs({ queuedToo: true }).catch((e) => void logUnexpected(e, "recovering jobs"));
    // No pg-boss here: a district deletion whose grace period ended is found by the minute sweep.
    sweepDeletions();
    state.timer = setInterval(sweepDeletions, 60_000);
    state.timer.unref();
    // The dashboards' nightly refresh, and the districts with no snapshot now, in this process's queue.
    const { sweepAtStart } = await import("@/server/dashboards/nightly");
    if (sweepAtStart()) state.inline = state.inline.then(() => sweepDashboards("missing"));
    await armEmbeddedSchedule().catch((e) => void logUnexpected(e, "dashboard schedule"));
    return;
  }
  const { PgBoss } = await import("pg-boss");
  const boss = new PgBoss({ connectionString: opts.appUrl ?? target.appUrl, schema: "pgboss", createSchema: false, max: 3, schedule: true });
  boss.on("error", (e) => void logUnexpected(e, "pg-boss"));
  try {
    await boss.start();
  } catch (e) {
    state.started = false;
    throw e;
  }
  // No retries: an import is all or nothing and the person starts it again; an hour before pg-boss gives up on it.
  await boss.createQueue(QUEUE, { retryLimit: 0, expireInSeconds: 3600 });
  const { runJob } = await import("./runner");
  await boss.work<{ jobId: string; districtId: string }>(QUEUE, { batchSize: 1, pollingIntervalSeconds: 2 }, async ([job]) => {
    if (job) await runJob(job.data.jobId, job.data.districtId);
  });
  await boss.createQueue(DELETION_QUEUE, { retryLimit: 0, expireInSeconds: 3600 });
  await boss.work(DELETION_QUEUE, { batchSize: 1, pollingIntervalSeconds: 60 }, async () => {
    const { runDueDistrictDeletions } = await import("@/server/district-deletion/run");
    await runDueDistrictDeletions();
  });
  await registerDashboardSchedule(boss);
  state.boss = boss;
  const recover = () => {
    void recoverStaleJobs({ queuedToo: false }).catch((e) => void logUnexpected(e, "recovering jobs"));
    sweepDeletions();
  };
  recover();
  state.timer = setInterval(recover, 60_000);
  state.timer.unref();
}

/** Stops the worker (tests). */
export async function stopJobWorker(): Promise<void> {
  if (state.timer) clearInterval(state.timer);
  if (state.nightly) clearTimeout(state.nightly);
  await state.boss?.stop({ graceful: true });
  state.boss = null;
  state.started = false;
}
