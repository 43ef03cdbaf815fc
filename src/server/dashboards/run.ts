import "server-only";
import { isoDayIn } from "@/domain/time-zone";
import { recordAudit } from "@/server/audit/record";
import { authorizePage } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import { withTenant, type Tx } from "@/server/db/tenant";
import { dispatchJob, type QueuedJob } from "@/server/jobs/queue";
import type { SearchParams } from "@/server/search-params";
import { resolveFilters, type DashboardScope, type FilterOptions, type Filters } from "./filters";
import { figuresIn, STALE_MS } from "./snapshots";

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

export type Dashboard<T> =
  | { ok: false; message: string; options: FilterOptions; where: string; today: string; computedAt: string }
  | { ok: true; filters: Filters; options: FilterOptions; where: string; today: string; computedAt: string; age: FiguresAge; data: T };

export interface Compute<T> {
  (tx: Tx, ctx: Ctx, filters: Filters, scope: DashboardScope, today: string): Promise<T>;
}

/**
 * One dashboard or its CSV: dashboard.view (404 and a denied event otherwise),
 * the filters checked against the viewer's schools, the figures in the same
 * transaction, and one audit event, `view` for the page and `export` for the
 * CSV, naming the dashboard and its filters (figures name no student, so no
 * student ids). A refused filter computes nothing and the page says why.
 * The figures are live, or the dashboard's snapshot where computing them live
 * is too slow for the district (snapshots.ts, decision 037); `computedAt` is
 * when they were computed, which the page shows as their age.
 */
export async function runDashboard<T>(ctx: Ctx, name: DashboardName, params: SearchParams, mode: "view" | "export", compute: Compute<T>, now = new Date()): Promise<Dashboard<T>> {
  await authorizePage(ctx, "dashboard.view", { entityType: "Dashboard" });
  const today = isoDayIn(now, ctx.timeZone);
  let queued = null as QueuedJob | null;
  const result = await withTenant(ctx.districtId, async (tx): Promise<Dashboard<T>> => {
    const resolved = await resolveFilters(tx, ctx, params, today);
    if (!resolved.ok) return { ok: false, message: resolved.message, options: resolved.options, where: resolved.where, today, computedAt: now.toISOString() };
    const figures = await figuresIn(tx, ctx, name, resolved.filters, resolved.scope, today, compute, now);
    queued = figures.queued;
    await recordAudit(tx, {
      districtId: ctx.districtId,
      actorUserId: ctx.userId,
      action: mode,
      entityType: "Dashboard",
      detail: { dashboard: name, ...(mode === "export" ? { format: "csv" } : {}), filters: { ...resolved.filters } },
    });
    return { ok: true, filters: resolved.filters, options: resolved.options, where: resolved.where, today, computedAt: figures.computedAt,
      age: { computedAt: figures.computedAt, source: figures.source, ageMinutes: Math.max(0, Math.floor((now.getTime() - Date.parse(figures.computedAt)) / 60_000)), staleMinutes: Math.round(STALE_MS / 60_000) },
      data: figures.data,
    };
  });
  // A stale snapshot's refresh runs once the page's transaction has committed (the page does not wait for it).
  if (queued) await dispatchJob(queued);
  return result;
}
