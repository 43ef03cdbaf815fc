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
const holder = globalThis as unknown as { __mtssJobs?: { boss: PgBoss | null; inline: Promise<void>; started: boolean; timer?: NodeJS.Timeout } };
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
    return;
  }
  const { PgBoss } = await import("pg-boss");
  const boss = new PgBoss({ connectionString: opts.appUrl ?? target.appUrl, schema: "pgboss", createSchema: false, max: 3, schedule: false });
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
  await state.boss?.stop({ graceful: true });
  state.boss = null;
  state.started = false;
}
