import "server-only";
import { isoDayIn } from "@/domain/time-zone";
import { recordAudit } from "@/server/audit/record";
import { authorizePage } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import { withTenant, type Tx } from "@/server/db/tenant";
import { dispatchJob, type QueuedJob } from "@/server/jobs/queue";
import type { SearchParams } from "@/server/search-params";
import { resolveFilters, type DashboardScope, type FilterOptions, type Filters } from "./filters";
import { figuresIn, queueFirstComputation, STALE_MS, type OmitKept } from "./snapshots";

export type DashboardName = "health" | "equity" | "summary" | "effectiveness" | "delivery" | "behavior" | "compliance";

/** How fresh a dashboard's figures are, as its page says it (Freshness). */
export interface FiguresAge {
  /** When they were computed (ISO). */
  computedAt: string;
  /** Live: computed for this request; snapshot: kept (decision 037), refreshed nightly and when read stale. */
  source: "live" | "snapshot";
  /** Whole minutes since computedAt, at the request. */
  ageMinutes: number;
  /** The stale limit after which a read queues a refresh. */
  staleMinutes: number;
}

/** Figures not computed yet: their first computation is queued as a job (known to take longer than a request may). */
export interface FiguresPending {
  /** When the computation was queued (ISO). */
  queuedAt: string;
}

export type Dashboard<T> =
  | { ok: false; message: string; options: FilterOptions; where: string; today: string; computedAt: string; pending?: undefined }
  | { ok: false; pending: FiguresPending; message: string; filters: Filters; options: FilterOptions; where: string; today: string; computedAt: string }
  | { ok: true; filters: Filters; options: FilterOptions; where: string; today: string; computedAt: string; age: FiguresAge; data: T };

/** What a view or a download says while the figures are being computed. */
export const PENDING_MESSAGE =
  "These figures take several minutes to compute for a district of this size, so they are being computed in the background now. They will appear here in a few minutes: reload the page then.";

export interface Compute<T> {
  (tx: Tx, ctx: Ctx, filters: Filters, scope: DashboardScope, today: string): Promise<T>;
}

/** Prisma's "transaction already closed / expired" (P2028): the request's 30 s transaction ran out. */
function isTransactionTimeout(e: unknown): boolean {
  const err = e as { code?: unknown; message?: unknown } | null;
  return err?.code === "P2028" || (typeof err?.message === "string" && /expired transaction|Transaction already closed/i.test(err.message));
}

/**
 * One dashboard or its CSV: dashboard.view (404 and a denied event otherwise),
 * the filters checked against the viewer's schools, the figures in the same
 * transaction, and one audit event, `view` for the page and `export` for the
 * CSV, naming the dashboard and its filters (figures name no student, so no
 * student ids). A refused filter computes nothing and the page says why.
 * The figures are live, or the dashboard's snapshot where computing them live
 * is too slow for the district (snapshots.ts, decision 037); `computedAt` is
 * when they were computed, which the page shows as their age. A first view
 * whose computation is known to be heavy, or one that ran out of the request's
 * transaction, queues the computation and says so (`pending`, decision 052):
 * never an error page; a download then exports nothing and records no export.
 */
export async function runDashboard<T>(
  ctx: Ctx,
  name: DashboardName,
  params: SearchParams,
  mode: "view" | "export",
  compute: Compute<T>,
  now = new Date(),
  // Kept figures' keys this view does not read (decision 052): named from the checked filters and their options.
  omit?: (filters: Filters, options: FilterOptions) => OmitKept | null,
): Promise<Dashboard<T>> {
  await authorizePage(ctx, "dashboard.view", { entityType: "Dashboard" });
  const today = isoDayIn(now, ctx.timeZone);
  let queued = null as QueuedJob | null;
  const audit = (tx: Tx, filters: Filters) =>
    recordAudit(tx, {
      districtId: ctx.districtId,
      actorUserId: ctx.userId,
      action: mode,
      entityType: "Dashboard",
      detail: { dashboard: name, ...(mode === "export" ? { format: "csv" } : {}), filters: { ...filters } },
    });
  const started = performance.now();
  let result: Dashboard<T>;
  try {
    result = await withTenant(ctx.districtId, async (tx): Promise<Dashboard<T>> => {
      const resolved = await resolveFilters(tx, ctx, params, today);
      if (!resolved.ok) return { ok: false, message: resolved.message, options: resolved.options, where: resolved.where, today, computedAt: now.toISOString() };
      const figures = await figuresIn(tx, ctx, name, resolved.filters, resolved.scope, today, compute, now, undefined, { omit: omit?.(resolved.filters, resolved.options) ?? undefined });
      queued = figures.queued;
      if (figures.source === "pending") {
        if (mode === "view") await audit(tx, resolved.filters);
        return { ok: false, pending: { queuedAt: figures.queuedAt }, message: PENDING_MESSAGE, filters: resolved.filters, options: resolved.options, where: resolved.where, today, computedAt: figures.computedAt };
      }
      await audit(tx, resolved.filters);
      return { ok: true, filters: resolved.filters, options: resolved.options, where: resolved.where, today, computedAt: figures.computedAt,
        age: { computedAt: figures.computedAt, source: figures.source, ageMinutes: Math.max(0, Math.floor((now.getTime() - Date.parse(figures.computedAt)) / 60_000)), staleMinutes: Math.round(STALE_MS / 60_000) },
        data: figures.data,
      };
    });
  } catch (e) {
    if (!isTransactionTimeout(e)) throw e;
    // A first computation nobody knew to be heavy (a new district's first view, a filter never read) outran the
    // request: the next view must not wait for it again, so it is queued with the time it was given as its estimate.
    const spentMs = Math.round(performance.now() - started);
    queued = null;
    result = await withTenant(ctx.districtId, async (tx): Promise<Dashboard<T>> => {
      const resolved = await resolveFilters(tx, ctx, params, today);
      if (!resolved.ok) return { ok: false, message: resolved.message, options: resolved.options, where: resolved.where, today, computedAt: now.toISOString() };
      queued = await queueFirstComputation(tx, ctx, name, resolved.filters, resolved.scope, spentMs, now);
      if (mode === "view") await audit(tx, resolved.filters);
      return { ok: false, pending: { queuedAt: now.toISOString() }, message: PENDING_MESSAGE, filters: resolved.filters, options: resolved.options, where: resolved.where, today, computedAt: now.toISOString() };
    });
  }
  // A stale snapshot's refresh (or a first computation) runs once the page's transaction has committed (the page does not wait for it).
  if (queued) await dispatchJob(queued);
  return result;
}

/**
 * A CSV download that has no figures to give: 400 with the reason for a
 * refused filter; 503 with Retry-After while the figures are being computed
 * (a first computation queued, decision 052), so a script knows to come back.
 */
export function notDownloadable(d: { message: string; pending?: FiguresPending }): Response {
  const headers: Record<string, string> = { "Content-Type": "text/plain; charset=utf-8" };
  if (d.pending) headers["Retry-After"] = "180";
  return new Response(`${d.message}\n`, { status: d.pending ? 503 : 400, headers });
}
