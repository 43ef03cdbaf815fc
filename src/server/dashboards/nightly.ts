import "server-only";
import { getDb } from "@/server/db/client";
import { withTenant } from "@/server/db/tenant";
import { logUnexpected } from "@/server/errors";
import { enqueueJob } from "@/server/jobs/queue";

// The nightly refresh of every district's dashboard snapshots (decision 048):
// pg-boss sends a job to NIGHTLY_QUEUE on a cron schedule (02:00 in the
// server's time zone unless DASHBOARD_REFRESH_CRON / DASHBOARD_REFRESH_TZ say
// otherwise), and once when the worker starts for the districts that have no
// snapshot yet, so a district's first morning never waits on a live
// computation of its slow dashboards. Each district's work is a
// `dashboard.sweep` BackgroundJob run as one of its administrators (who must
// still see dashboards), so it is recorded like any other job.

/** The pg-boss queue the schedule sends to (carries `{ mode }` only). */
export const NIGHTLY_QUEUE = "mtss-dashboard-nightly";
/** The BackgroundJob kind of one district's sweep (src/server/jobs/handlers.ts). */
export const SWEEP_JOB = "dashboard.sweep";
/** "all": every district (the nightly run); "missing": those with no snapshot and no sweep in the last day (the start-up run). */
export type SweepMode = "all" | "missing";

const DEFAULT_CRON = "0 2 * * *";

/**
 * The nightly schedule: a cron expression (DASHBOARD_REFRESH_CRON, default
 * 02:00 every day; "off" for none) in a time zone (DASHBOARD_REFRESH_TZ,
 * default the server's own zone, so 02:00 is the server's night). Whether a
 * schedule of the operator's is valid is checked by pg-boss when it is
 * registered (the worker then logs it and goes on without one).
 */
export function refreshSchedule(env: Record<string, string | undefined> = process.env): { cron: string; tz: string } | null {
  const cron = env.DASHBOARD_REFRESH_CRON?.trim() || DEFAULT_CRON;
  if (cron.toLowerCase() === "off") return null;
  const tz = env.DASHBOARD_REFRESH_TZ?.trim() || Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  return { cron, tz };
}

/** Whether the worker sweeps the districts with no snapshot when it starts (DASHBOARD_REFRESH_AT_START=off: not; the bench's setup makes its own). */
export const sweepAtStart = (env: Record<string, string | undefined> = process.env) => env.DASHBOARD_REFRESH_AT_START?.trim().toLowerCase() !== "off";

/** A district whose sweep ran this recently is not swept again at start-up (a district fast enough to keep no snapshot would be recomputed on every restart). */
const MISSING_SWEPT_WITHIN_MS = 24 * 60 * 60_000;

/**
 * Sweeps the districts, one after another, each as a recorded job run in this
 * process: refreshes every snapshot and keeps the district-wide figures of
 * each dashboard too slow to compute live. A district with no active
 * administrator is skipped (nobody to run it as; its snapshots are refreshed
 * when read). Returns what was done per district.
 */
export async function sweepDistricts(mode: SweepMode, now = new Date()): Promise<{ districtId: string; jobId: string | null }[]> {
  const db = await getDb();
  const sweptSince = new Date(now.getTime() - MISSING_SWEPT_WITHIN_MS);
  const districts = await db.$queryRaw<{ districtId: string }[]>`select "districtId"::text as "districtId" from dashboard_sweep_districts(${mode === "missing"}, ${sweptSince})`;
  const { runJob } = await import("@/server/jobs/runner");
  const out: { districtId: string; jobId: string | null }[] = [];
  for (const { districtId } of districts) {
    try {
      const job = await withTenant(districtId, async (tx) => {
        const admin = await tx.membership.findFirst({ where: { districtId, role: "ADMIN", deactivatedAt: null }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { userId: true } });
        if (!admin) return null;
        return enqueueJob(tx, { districtId, userId: admin.userId }, SWEEP_JOB, { entityType: "District", entityId: districtId, params: { mode } });
      });
      // Run here, in turn: one district's dashboards at a time keep the database's load to one core.
      if (job) await runJob(job.id, districtId);
      out.push({ districtId, jobId: job?.id ?? null });
    } catch (e) {
      // One district's failure does not stop the others' (runJob records its own; this is the lookup).
      logUnexpected(e, `dashboard sweep of district ${districtId}`);
      out.push({ districtId, jobId: null });
    }
  }
  return out;
}

/** The next time the schedule fires after `from` (the embedded engine's timer: no pg-boss cron there). */
export async function nextRun(schedule: { cron: string; tz: string }, from = new Date()): Promise<Date> {
  const { PgBoss } = await import("pg-boss");
  // previewSchedule evaluates the expression in process: the instance is never started and opens no connection.
  const [next] = new PgBoss({ connectionString: "postgres://preview.invalid/none" }).previewSchedule(schedule.cron, { tz: schedule.tz, count: 1, from });
  if (!next) throw new Error(`the schedule ${schedule.cron} has no next run`);
  return next;
}
