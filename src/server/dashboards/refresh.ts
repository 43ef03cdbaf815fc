import "server-only";
import { isoDayIn } from "@/domain/time-zone";
import type { Ctx } from "@/server/auth/session";
import { withTenant, type Tx } from "@/server/db/tenant";
import type { JobHandler } from "@/server/jobs/types";
import { behaviorIn } from "./behavior";
import { complianceIn } from "./compliance";
import { deliveryIn } from "./delivery";
import { effectivenessIn } from "./effectiveness";
import { equityIn } from "./equity";
import { resolveFilters, type DashboardScope, type Filters } from "./filters";
import { healthIn } from "./health";
import type { DashboardName } from "./run";
import { figuresIn, filtersOf, liveBudgetMs, saveSnapshot, snapshotKey } from "./snapshots";
import { summaryIn } from "./summary";

// Refreshing dashboard snapshots (decision 037): the background job a stale
// snapshot queues, and the sweep that refreshes every snapshot still read
// (the bench's setup, an operator's nightly run).

type ComputeFn = (tx: Tx, ctx: Ctx, f: Filters, scope: DashboardScope, today: string) => Promise<unknown>;

/** Each dashboard's function: the same one its live page calls. */
export const DASHBOARD_COMPUTE: Readonly<Record<DashboardName, ComputeFn>> = {
  health: healthIn,
  equity: equityIn,
  summary: summaryIn,
  effectiveness: effectivenessIn,
  delivery: deliveryIn,
  behavior: behaviorIn,
  compliance: complianceIn,
};

/** A snapshot's computation may take the scale district's seconds: well past the default transaction timeout. */
const REFRESH_TIMEOUT_MS = 10 * 60_000;

export type RefreshOutcome = { snapshot: string; outcome: "refreshed" | "dropped" | "gone"; computeMs: number };

/**
 * Recomputes one snapshot with its own filters and schools (the viewer's scope
 * the row was made for, checked when it was first read), in one transaction.
 * Computing that now fits the live budget drops the row: its pages go back to
 * live figures.
 */
export async function refreshSnapshot(ctx: Ctx, id: string, opts: { now?: Date; budgetMs?: number } = {}): Promise<RefreshOutcome> {
  const now = opts.now ?? new Date();
  const budgetMs = opts.budgetMs ?? liveBudgetMs();
  return withTenant(
    ctx.districtId,
    async (tx): Promise<RefreshOutcome> => {
      const row = await tx.dashboardSnapshot.findFirst({ where: { id, districtId: ctx.districtId }, select: { dashboard: true, filters: true, scopeSchoolIds: true } });
      const compute = row ? DASHBOARD_COMPUTE[row.dashboard as DashboardName] : undefined;
      if (!row || !compute) {
        if (row) await tx.dashboardSnapshot.delete({ where: { id } });
        return { snapshot: id, outcome: "gone", computeMs: 0 };
      }
      const f = filtersOf(row.filters);
      const scope = row.scopeSchoolIds.length ? row.scopeSchoolIds : null;
      const started = performance.now();
      const data = await compute(tx, ctx, f, scope, isoDayIn(now, ctx.timeZone));
      const computeMs = Math.round(performance.now() - started);
      if (computeMs < budgetMs) {
        await tx.dashboardSnapshot.delete({ where: { id } });
        return { snapshot: id, outcome: "dropped", computeMs };
      }
      await saveSnapshot(tx, ctx, row.dashboard, f, scope, data, computeMs, now);
      return { snapshot: id, outcome: "refreshed", computeMs };
    },
    undefined,
    REFRESH_TIMEOUT_MS,
  );
}

/** Snapshots nobody has read for this long are dropped by the sweep rather than refreshed. */
export const UNREAD_DROP_MS = 30 * 24 * 60 * 60_000;

/**
 * Every snapshot of the district, refreshed one after another (each in its own
 * transaction), those unread for 30 days dropped. Runs as ctx (an
 * administrator's: the rows hold their own schools).
 */
export async function refreshDistrictSnapshots(ctx: Ctx, opts: { now?: Date; budgetMs?: number } = {}): Promise<RefreshOutcome[]> {
  const now = opts.now ?? new Date();
  const ids = await withTenant(ctx.districtId, async (tx) => {
    await tx.dashboardSnapshot.deleteMany({ where: { districtId: ctx.districtId, lastReadAt: { lt: new Date(now.getTime() - UNREAD_DROP_MS) } } });
    const rows = await tx.dashboardSnapshot.findMany({ where: { districtId: ctx.districtId }, orderBy: { refreshedAt: "asc" }, select: { id: true } });
    return rows.map((r) => r.id);
  });
  const out: RefreshOutcome[] = [];
  for (const id of ids) out.push(await refreshSnapshot(ctx, id, { ...opts, now: new Date() }));
  return out;
}

/**
 * The job a stale snapshot queues (snapshots.ts): recomputes it as the person
 * whose page found it stale, who must still see dashboards.
 */
export const dashboardRefresh: JobHandler = {
  permission: "dashboard.view",
  entityType: "DashboardSnapshot",
  ownOnly: false,
  async run(ctx, job, progress) {
    progress.phase("computing");
    const r = await refreshSnapshot(ctx, job.entityId);
    return { outcome: r.outcome, computeMs: r.computeMs };
  },
};

/**
 * The district-wide figures of every dashboard (default filters, every
 * school), kept as a snapshot where computing them takes longer than the live
 * budget: what the nightly sweep and the start-up sweep add to the snapshots
 * people already read, so the first view of the district's dashboards in the
 * morning is a snapshot read. Each dashboard in its own transaction. Returns
 * the dashboards whose figures are now kept.
 */
export async function keepDistrictFigures(ctx: Ctx, opts: { now?: Date } = {}): Promise<DashboardName[]> {
  const kept: DashboardName[] = [];
  for (const name of Object.keys(DASHBOARD_COMPUTE) as DashboardName[]) {
    const now = opts.now ?? new Date();
    const today = isoDayIn(now, ctx.timeZone);
    const source = await withTenant(
      ctx.districtId,
      async (tx) => {
        const r = await resolveFilters(tx, ctx, {}, today);
        if (!r.ok) return null;
        // A snapshot the sweep has just refreshed is read back (not recomputed); a missing one (or one whose first
        // computation a page queued) is computed here and kept if slow: the sweep is itself a job, it never queues one.
        const figures = await figuresIn(tx, ctx, name, r.filters, r.scope, today, DASHBOARD_COMPUTE[name], now, liveBudgetMs(), { queueHeavy: false });
        const row = await tx.dashboardSnapshot.findUnique({ where: { districtId_dashboard_key: { districtId: ctx.districtId, dashboard: name, key: snapshotKey(r.filters, r.scope) } }, select: { id: true } });
        return figures.source === "snapshot" || row ? "kept" : "live";
      },
      undefined,
      REFRESH_TIMEOUT_MS,
    );
    if (source === "kept") kept.push(name);
  }
  return kept;
}

/**
 * One district's sweep (nightly.ts): every snapshot refreshed (those unread
 * for 30 days dropped), then the district-wide figures kept where slow. Runs
 * as an administrator of the district, who must still see dashboards.
 */
export const dashboardSweep: JobHandler = {
  permission: "dashboard.view",
  entityType: "District",
  ownOnly: false,
  async run(ctx, _job, progress) {
    progress.phase("refreshing");
    const refreshed = await refreshDistrictSnapshots(ctx);
    progress.phase("computing");
    const kept = await keepDistrictFigures(ctx);
    return {
      refreshed: refreshed.filter((r) => r.outcome === "refreshed").length,
      dropped: refreshed.filter((r) => r.outcome !== "refreshed").length,
      computeMs: refreshed.reduce((n, r) => n + r.computeMs, 0),
      districtFigures: kept,
    };
  },
};
