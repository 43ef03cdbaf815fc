import "server-only";
import type { Ctx } from "@/server/auth/session";
import type { Tx } from "@/server/db/tenant";
import type { SearchParams } from "@/server/search-params";
import { behaviorIn } from "./behavior";
import { complianceIn } from "./compliance";
import { equityIn } from "./equity";
import type { DashboardScope, Filters } from "./filters";
import { healthIn } from "./health";
import { runDashboard } from "./run";

/** The headline of each dashboard, for the dashboards' index and the administrator's home. */
export interface DashboardSummary {
  /** Per area with a Tier 2/3 decision: the tier shares, and Tier 2/3 students with no active plan. */
  tiers: Awaited<ReturnType<typeof healthIn>>["areas"];
  /** The latest window's share at or above benchmark per area. */
  latestWindow: Awaited<ReturnType<typeof healthIn>>["windows"];
  /** Subgroup and outcome pairs whose risk ratio is at or above the threshold. */
  flagged: { outcome: string; subgroup: string; ratio: number }[];
  threshold: number;
  /** The year's incident rate against the same months of the year before, and the CICO students meeting their goal. */
  behavior: Pick<Awaited<ReturnType<typeof behaviorIn>>, "year" | "previousYear" | "cico">;
  /** Deadlines overdue and within 30 days, of every kind. */
  compliance: { overdue: number; within30: number };
}

export async function summaryIn(tx: Tx, ctx: Ctx, f: Filters, scope: DashboardScope, today: string): Promise<DashboardSummary> {
  const health = await healthIn(tx, ctx, f, scope, today);
  const equity = await equityIn(tx, ctx, f, scope, today);
  const behavior = await behaviorIn(tx, ctx, f, scope, today);
  const compliance = await complianceIn(tx, ctx, f, scope, today);
  const seasons = [...new Set(health.windows.map((w) => w.season))];
  const last = seasons.at(-1);
  return {
    tiers: health.areas,
    latestWindow: health.windows.filter((w) => w.season === last),
    flagged: equity.outcomes.flatMap((o) =>
      o.rows.flatMap((r) => (r.cell.kind === "shown" && r.cell.flagged && r.cell.ratio !== null ? [{ outcome: o.outcome, subgroup: r.subgroup, ratio: r.cell.ratio }] : [])),
    ),
    threshold: equity.rules.threshold,
    behavior: { year: behavior.year, previousYear: behavior.previousYear, cico: behavior.cico },
    compliance: { overdue: compliance.all.overdue, within30: Object.values(compliance.all.byKind).reduce((n, k) => n + k.within30, 0) },
  };
}

/** The current school year for the viewer's schools, one `view` event (dashboard "summary"). */
export const getDashboardSummary = (ctx: Ctx, params: SearchParams = {}, now?: Date) => runDashboard(ctx, "summary", params, "view", summaryIn, now);
