import "server-only";
import { can } from "@/domain/permissions";
import { zoneOrDefault } from "@/domain/time-zone";
import type { Prisma } from "@/generated/prisma/client";
import { recordAudit } from "@/server/audit/record";
import type { Ctx } from "@/server/auth/session";
import { dbTargetFromEnv } from "@/server/db/config";
import { withTenant } from "@/server/db/tenant";
import { logUnexpected } from "@/server/errors";
import { JOB_HANDLERS } from "./handlers";
import { forgetProgress, progressReporter } from "./progress";
import { JobFailure, type JobHandler, type JobInput } from "./types";

const json = (v: unknown) => v as Prisma.InputJsonValue;

/** How often a running job saves its progress and says it is alive. */
export const HEARTBEAT_MS = 5_000;
/**
 * A running job silent this long has lost its worker (killed, crashed): it is failed.
 * Generous: planning a 400,000-row import keeps the event loop busy for long stretches.
 */
export const STALE_AFTER_MS = 10 * 60_000;

export function handlerOf(kind: string): JobHandler | null {
  return Object.hasOwn(JOB_HANDLERS, kind) ? JOB_HANDLERS[kind as keyof typeof JOB_HANDLERS] : null;
}

/**
 * The requester's context as it is now: a membership deactivated since, or a
 * role that lost the permission, does not get its work done.
 */
async function requesterCtx(districtId: string, userId: string, handler: JobHandler): Promise<Ctx | null> {
  return withTenant(districtId, async (tx) => {
    const m = await tx.membership.findFirst({
      where: { districtId, userId, deactivatedAt: null },
      select: { id: true, role: true, user: { select: { name: true, email: true } }, district: { select: { name: true, timeZone: true } }, schools: { select: { schoolId: true } } },
    });
    if (!m) return null;
    const ctx: Ctx = {
      userId,
      name: m.user.name,
      email: m.user.email,
      districtId,
      districtName: m.district.name,
      timeZone: zoneOrDefault(m.district.timeZone),
      membershipId: m.id,
      role: m.role,
      schoolIds: m.schools.map((s) => s.schoolId),
      districts: [{ id: districtId, name: m.district.name }],
    };
    return can(ctx, handler.permission, { districtId }) ? ctx : null;
  });
}

/**
 * Runs one job to its end: claims it (QUEUED -> RUNNING, so a second delivery
 * does nothing), runs its handler as the requester, and records DONE or
 * FAILED with a reference id. Never throws: the queue has nothing to retry
 * (an import is all or nothing; the person starts it again).
 */
export async function runJob(jobId: string, districtId: string): Promise<void> {
  const claimed = await withTenant(districtId, async (tx) => {
    const n = await tx.backgroundJob.updateMany({ where: { id: jobId, districtId, status: "QUEUED" }, data: { status: "RUNNING", startedAt: new Date(), heartbeatAt: new Date() } });
    if (n.count === 0) return null;
    return tx.backgroundJob.findUniqueOrThrow({ where: { id: jobId } });
  });
  if (!claimed) return;
  const input: JobInput = { id: claimed.id, districtId, entityId: claimed.entityId, params: (claimed.params ?? {}) as Record<string, unknown>, secret: claimed.secret };
  const handler = handlerOf(claimed.kind);
  const progress = progressReporter(jobId);
  // On PostgreSQL the page may be served by another process: save progress there now and then.
  // The embedded engine has one connection, busy with the job's transaction; its page reads the live progress.
  const save = dbTargetFromEnv().kind === "server";
  let beating = Promise.resolve();
  const timer = save
    ? setInterval(() => {
        beating = beating.then(() =>
          withTenant(districtId, (tx) => tx.backgroundJob.updateMany({ where: { id: jobId, status: "RUNNING" }, data: { heartbeatAt: new Date(), progress: json(progress.snapshot()) } }), undefined, 120_000)
            .then(() => undefined)
            .catch((e) => void logUnexpected(e, `job ${jobId}: saving progress`)),
        );
      }, HEARTBEAT_MS)
    : null;
  try {
    if (!handler) throw new Error(`no handler for job kind ${claimed.kind}`);
    const ctx = await requesterCtx(districtId, claimed.requestedByUserId, handler);
    if (!ctx) throw new JobFailure("The person who started this no longer has access to it, so it was not done.");
    const result = await handler.run(ctx, input, progress);
    if (timer) clearInterval(timer);
    await beating;
    progress.phase("done");
    await withTenant(districtId, (tx) =>
      tx.backgroundJob.update({ where: { id: jobId }, data: { status: "DONE", finishedAt: new Date(), result, secret: null, progress: json(progress.snapshot()) } }),
    );
  } catch (error) {
    if (timer) clearInterval(timer);
    await beating;
    const ref = error instanceof JobFailure ? null : logUnexpected(error, `job ${claimed.kind}`);
    const message = error instanceof JobFailure ? error.userMessage : `It failed and nothing was written (reference ${ref}).`;
    await failJob(districtId, jobId, claimed.requestedByUserId, handler, input, message, ref, progress.snapshot());
  } finally {
    forgetProgress(jobId);
  }
}

/** Records a failed job and lets its feature put its record back (also used for stale jobs). */
async function failJob(
  districtId: string,
  jobId: string,
  userId: string,
  handler: JobHandler | null,
  input: JobInput,
  message: string,
  ref: string | null,
  progress?: unknown,
): Promise<void> {
  try {
    await withTenant(districtId, async (tx) => {
      await tx.backgroundJob.update({
        where: { id: jobId },
        data: { status: "FAILED", finishedAt: new Date(), errorRef: ref, errorMessage: message, secret: null, ...(progress ? { progress: json(progress) } : {}) },
      });
      await recordAudit(tx, { districtId, actorUserId: userId, action: "update", entityType: "BackgroundJob", entityId: jobId, detail: { failed: true, reference: ref } });
    });
    await handler?.onFailure?.({ districtId, userId }, input, message);
  } catch (e) {
    logUnexpected(e, `job ${jobId}: recording the failure`);
  }
}

/**
 * Fails the jobs whose worker is gone: running ones silent for STALE_AFTER_MS
 * and, when the queue lived in this process (embedded engine, restarted),
 * queued ones. Returns how many.
 */
export async function recoverStaleJobs(opts: { queuedToo: boolean; now?: Date } = { queuedToo: false }): Promise<number> {
  const now = opts.now ?? new Date();
  const { getDb } = await import("@/server/db/client");
  const db = await getDb();
  const runningBefore = new Date(now.getTime() - STALE_AFTER_MS);
  // A queue kept by pg-boss outlives a worker: queued jobs there are never stale.
  const queuedBefore = opts.queuedToo ? now : new Date(0);
  const stale = await db.$queryRaw<{ id: string; districtId: string }[]>`select "id", "districtId" from stale_background_jobs(${runningBefore}, ${queuedBefore})`;
  let failed = 0;
  for (const s of stale) {
    const job = await withTenant(s.districtId, async (tx) => {
      // Only if still stale (a heartbeat may have come in since the lookup).
      const n = await tx.backgroundJob.updateMany({
        where: {
          id: s.id,
          OR: [{ status: "RUNNING", OR: [{ heartbeatAt: { lt: runningBefore } }, { heartbeatAt: null }] }, { status: "QUEUED", createdAt: { lt: queuedBefore } }],
        },
        data: { status: "RUNNING" },
      });
      return n.count ? tx.backgroundJob.findUniqueOrThrow({ where: { id: s.id } }) : null;
    });
    if (!job) continue;
    const input: JobInput = { id: job.id, districtId: job.districtId, entityId: job.entityId, params: job.params as Record<string, unknown>, secret: null };
    const ref = logUnexpected(new Error("the worker stopped (killed or restarted) before the job ended"), `job ${job.kind} ${job.id}`);
    await failJob(job.districtId, job.id, job.requestedByUserId, handlerOf(job.kind), input, `It was interrupted (the server stopped) and nothing was written (reference ${ref}). Start it again.`, ref);
    failed += 1;
  }
  return failed;
}
