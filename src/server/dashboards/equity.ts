import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { riskCell, suppressedText, type EquityRules, type RiskCell } from "@/domain/dashboards";
import { schoolYearOf } from "@/domain/screening";
import type { Ctx } from "@/server/auth/session";
import type { Tx } from "@/server/db/tenant";
import type { SearchParams } from "@/server/search-params";
import { equityRulesIn } from "@/server/settings/equity";
import { SUBGROUP_SQL, SUBGROUPS, studentsSql, yearBounds, type DashboardScope, type Filters, type Subgroup } from "./filters";
import { runDashboard } from "./run";

// Equity (issue 18, decision 023): for each outcome, the risk of each
// subgroup and its risk ratio against all other students in view, with the
// suppression rules of src/domain/dashboards.ts. One statement: each student
// of the population once, with the subgroups they belong to and whether each
// outcome happened to them in the school year, then counted per subgroup.

export const OUTCOMES = ["tier3", "referral", "identified", "major"] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const OUTCOME_LABEL: Readonly<Record<Outcome, string>> = {
  tier3: "Placed in Tier 3",
  referral: "Referred for special-education evaluation",
  identified: "Identified (found eligible for an IEP or 504 plan)",
  major: "One or more major incidents",
};

/** A subgroup and an outcome that define each other (a disability and identification or referral) have no row. */
export const NOT_MEANINGFUL: ReadonlySet<`${Outcome}/${Subgroup}`> = new Set(["referral/disability", "identified/disability"]);

export interface EquityRow {
  subgroup: Subgroup;
  cell: RiskCell;
}

export interface EquityOutcome {
  outcome: Outcome;
  /** All students in view: their count and risk, suppressed by the same rule. */
  all: RiskCell;
  rows: EquityRow[];
}

export interface Equity {
  /** The district's rules (decision 030: editable in settings; defaults 3.0, 10 and 30). */
  rules: EquityRules;
  /** Subgroups the district does not report: no row, their students still among "all other students". */
  hidden: Subgroup[];
  students: number;
  outcomes: EquityOutcome[];
  /** Tier 3 placement on this day (today, or the year's last day for a past year). */
  asOf: string;
}

type Counts = Record<Outcome, number> & { key: string; total: number };

export async function equityIn(tx: Tx, ctx: Ctx, f: Filters, scope: DashboardScope, today: string): Promise<Equity> {
  const d = ctx.districtId;
  const { from, to } = yearBounds(f.year);
  const asOf = f.year === schoolYearOf(today) ? today : to;
  // The population is everyone in view (school, grade); the subgroup filter narrows the rows shown, never the comparison group.
  const population = studentsSql(d, scope, { school: f.school, grade: f.grade, subgroup: undefined });
  const keys = Prisma.join(
    SUBGROUPS.map((g) => Prisma.sql`CASE WHEN ${SUBGROUP_SQL[g]} THEN ${Prisma.raw(`'${g}'`)} END`),
    ", ",
  );
  const rows = await tx.$queryRaw<Counts[]>`
    WITH pop AS MATERIALIZED (
      SELECT s."id", array_remove(ARRAY[${keys}]::text[], NULL) AS "keys" FROM "Student" s WHERE ${population}
    ),
    flags AS (
      SELECT pop."id", pop."keys",
        EXISTS (
          SELECT 1 FROM (
            SELECT DISTINCT ON (st."area") st."tier" FROM "StudentTier" st
            WHERE st."districtId" = ${d}::uuid AND st."studentId" = pop."id" AND st."effectiveDate" <= ${asOf}::date
              ${f.area ? Prisma.sql`AND st."area" = ${f.area}::"InterventionArea"` : Prisma.empty}
            ORDER BY st."area", st."effectiveDate" DESC, st."createdAt" DESC, st."id" DESC
          ) cur WHERE cur."tier" = 'TIER_3') AS "tier3",
        EXISTS (SELECT 1 FROM "Referral" r WHERE r."districtId" = ${d}::uuid AND r."studentId" = pop."id" AND r."archivedAt" IS NULL
                  AND r."referredOn" BETWEEN ${from}::date AND ${to}::date) AS "referral",
        EXISTS (SELECT 1 FROM "Referral" r WHERE r."districtId" = ${d}::uuid AND r."studentId" = pop."id" AND r."archivedAt" IS NULL
                  AND r."outcome" IN ('ELIGIBLE_IEP', 'ELIGIBLE_504') AND COALESCE(r."eligibilityMeetingOn", r."referredOn") BETWEEN ${from}::date AND ${to}::date) AS "identified",
        EXISTS (SELECT 1 FROM "Incident" i WHERE i."districtId" = ${d}::uuid AND i."studentId" = pop."id" AND i."archivedAt" IS NULL
                  AND i."severity" = 'MAJOR' AND i."occurredOn" BETWEEN ${from}::date AND ${to}::date) AS "major"
      FROM pop
    )
    SELECT k."key", count(*)::int AS "total",
           count(*) FILTER (WHERE f."tier3")::int AS "tier3", count(*) FILTER (WHERE f."referral")::int AS "referral",
           count(*) FILTER (WHERE f."identified")::int AS "identified", count(*) FILTER (WHERE f."major")::int AS "major"
    FROM flags f CROSS JOIN LATERAL unnest(f."keys" || ARRAY['*']) AS k("key")
    GROUP BY k."key"`;
  const district = await equityRulesIn(tx, d);
  const rules: EquityRules = { threshold: district.threshold, minCell: district.minCell, minN: district.minN };
  const hidden = SUBGROUPS.filter((g) => district.hiddenSubgroups.includes(g));
  const all = rows.find((r) => r.key === "*") ?? { key: "*", total: 0, tier3: 0, referral: 0, identified: 0, major: 0 };
  const by = new Map(rows.map((r) => [r.key, r]));
  const shownGroups = (f.subgroup ? [f.subgroup] : SUBGROUPS).filter((g) => !hidden.includes(g));
  const outcomes = OUTCOMES.map((outcome): EquityOutcome => {
    const allCell: RiskCell =
      all.total < rules.minCell || (all[outcome] > 0 && all[outcome] < rules.minCell)
        ? { kind: "suppressed", text: suppressedText(rules.minCell) }
        : riskCell({ count: all[outcome], total: all.total }, { count: 0, total: 0 }, rules);
    return {
      outcome,
      all: allCell,
      rows: shownGroups
        .filter((g) => !NOT_MEANINGFUL.has(`${outcome}/${g}`))
        .map((g) => {
          const own = by.get(g) ?? { total: 0, [outcome]: 0 };
          const count = (own as Counts)[outcome] ?? 0;
          return { subgroup: g, cell: riskCell({ count, total: own.total }, { count: all[outcome] - count, total: all.total - own.total }, rules) };
        }),
    };
  });
  return { rules, hidden, students: all.total, outcomes, asOf };
}

export const getEquityDashboard = (ctx: Ctx, params: SearchParams, now?: Date) => runDashboard(ctx, "equity", params, "view", equityIn, now);
export const exportEquityDashboard = (ctx: Ctx, params: SearchParams, now?: Date) => runDashboard(ctx, "equity", params, "export", equityIn, now);
