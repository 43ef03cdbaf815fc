import "server-only";
import type { Tx } from "@/server/db/tenant";
import { liveProgress } from "./progress";
import type { JobProgress } from "./types";

/** What a page shows of a job: its state, progress and, if it failed, the message with its reference id. */
export interface JobStatus {
  id: string;
  status: "QUEUED" | "RUNNING" | "DONE" | "FAILED";
  progress: JobProgress;
  errorRef: string | null;
  errorMessage: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/**
 * The latest job on a record (the caller has authorized the record), with the
 * live progress when this process runs it (fresher than the saved snapshot).
 * Progress is counts only: nothing of any student.
 */
export async function latestJobOf(tx: Tx, districtId: string, entityType: string, entityId: string): Promise<JobStatus | null> {
  const job = await tx.backgroundJob.findFirst({
    where: { districtId, entityType, entityId },
    orderBy: { createdAt: "desc" },
    select: { id: true, status: true, progress: true, errorRef: true, errorMessage: true, createdAt: true, finishedAt: true },
  });
  if (!job) return null;
  const saved = job.progress as unknown as JobProgress;
  return {
    id: job.id,
    status: job.status,
    progress: (job.status === "RUNNING" ? liveProgress(job.id) : undefined) ?? { phase: saved?.phase ?? "", files: saved?.files ?? [] },
    errorRef: job.errorRef,
    errorMessage: job.errorMessage,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}

/** The latest job of each of these records (the import history). */
export async function latestJobsOf(tx: Tx, districtId: string, entityType: string, entityIds: string[]): Promise<Map<string, { status: JobStatus["status"]; errorRef: string | null }>> {
  const jobs = await tx.backgroundJob.findMany({
    where: { districtId, entityType, entityId: { in: entityIds } },
    orderBy: { createdAt: "asc" },
    select: { entityId: true, status: true, errorRef: true },
  });
  return new Map(jobs.map((j) => [j.entityId, { status: j.status, errorRef: j.errorRef }]));
}
