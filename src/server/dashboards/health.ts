import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { SEASONS, type Season } from "@/domain/benchmarks";
import { movement, screeningShares, tierDistribution, type MovementRow, type ScreeningShares, type TierDistribution } from "@/domain/dashboards";
import { schoolYearOf, type RiskLevel } from "@/domain/screening";
import type { Ctx } from "@/server/auth/session";
import type { Tx } from "@/server/db/tenant";
import type { SearchParams } from "@/server/search-params";
import type { GradeLevel } from "@/server/students/schemas";
import { INTERVENTION_AREAS, type InterventionArea } from "@/server/tiers/schemas";
import { studentsSql, yearBounds, type DashboardScope, type Filters } from "./filters";
import { runDashboard } from "./run";

// MTSS health (issue 18): students per tier per area against 80/15/5, by
// school and grade; screening results per window and the movement between
// windows; Tier 2/3 students with no active plan. Two statements whatever the
// district's size (decision 007), both grouped in SQL.

export interface TierCell {
  schoolId: string;
  schoolName: string;
  grade: GradeLevel;
  area: InterventionArea;
  distribution: TierDistribution;
  /** Tier 2/3 students with no active plan in the area (the current year only; null for a past one). */
  withoutPlan: number | null;
}

export interface AreaTiers {
  area: InterventionArea;
  distribution: TierDistribution;
  withoutPlan: number | null;
}

export interface WindowResults {
  season: Season;
  area: InterventionArea;
  shares: ScreeningShares;
}

export interface Movement {
  from: Season;
  to: Season;
  area: InterventionArea;
  rows: MovementRow[];
}

export interface Health {
  /** The day tiers are read on: today in the current year, the year's last day for a past one. */
  asOf: string;
  currentYear: boolean;
  areas: AreaTiers[];
  cells: TierCell[];
  windows: WindowResults[];
  movements: Movement[];
}

const LEVEL_OF: Record<number, RiskLevel> = { 0: "AT_BENCHMARK", 1: "SOME_RISK", 2: "HIGH_RISK" };

/**
 * Students per school, grade and area with how many are at Tier 2 and 3 on
 * `asOf` (the newest decision in force; no decision is Tier 1) and, when
 * `withPlans`, how many of those have no active plan in the area.
 */
async function tierCellsIn(tx: Tx, districtId: string, scope: DashboardScope, f: Filters, asOf: string, withPlans: boolean) {
  const areas = f.area ? [f.area] : [...INTERVENTION_AREAS];
  return tx.$queryRaw<{ schoolId: string; schoolName: string; grade: GradeLevel; area: InterventionArea; total: number; tier2: number; tier3: number; withoutPlan: number }[]>`
    WITH pop AS MATERIALIZED (
      SELECT s."id", s."schoolId", s."grade" FROM "Student" s WHERE ${studentsSql(districtId, scope, f)}
    ),
    cur AS (
      SELECT DISTINCT ON (st."studentId", st."area") st."studentId", st."area", st."tier"
      FROM "StudentTier" st JOIN pop ON pop."id" = st."studentId"
      WHERE st."districtId" = ${districtId}::uuid AND st."effectiveDate" <= ${asOf}::date
      ORDER BY st."studentId", st."area", st."effectiveDate" DESC, st."createdAt" DESC, st."id" DESC
    ),
    active AS (
      SELECT DISTINCT ps."studentId", p."area"::text AS "area"
      FROM "PlanStudent" ps JOIN "InterventionPlan" p ON p."districtId" = ps."districtId" AND p."id" = ps."planId"
      WHERE ps."districtId" = ${districtId}::uuid AND p."status" = 'ACTIVE' AND ${withPlans}
    )
    SELECT pop."schoolId"::text AS "schoolId", sc."name" AS "schoolName", pop."grade"::text AS "grade", a."area",
           count(*)::int AS "total",
           count(*) FILTER (WHERE cur."tier" = 'TIER_2')::int AS "tier2",
           count(*) FILTER (WHERE cur."tier" = 'TIER_3')::int AS "tier3",
           count(*) FILTER (WHERE cur."tier" IN ('TIER_2', 'TIER_3') AND act."studentId" IS NULL)::int AS "withoutPlan"
    FROM pop
    CROSS JOIN unnest(${areas}::text[]) AS a("area")
    JOIN "School" sc ON sc."districtId" = ${districtId}::uuid AND sc."id" = pop."schoolId"
    LEFT JOIN cur ON cur."studentId" = pop."id" AND cur."area"::text = a."area"
    LEFT JOIN active act ON act."studentId" = pop."id" AND act."area" = a."area"
    GROUP BY pop."schoolId", sc."name", pop."grade", a."area"
    ORDER BY sc."name", pop."grade", a."area"`;
}

/**
 * Each screened student's risk level per area and window of the year (the most
 * serious of the area's measures, as screening suggestions read it), counted
 * per window and level, and paired with the next window's level for movement.
 */
async function screeningIn(tx: Tx, districtId: string, scope: DashboardScope, f: Filters) {
  return tx.$queryRaw<{ kind: "level" | "move"; season: Season; area: InterventionArea; level: number; next: number | null; students: number }[]>`
    WITH pop AS MATERIALIZED (
      SELECT s."id" FROM "Student" s WHERE ${studentsSql(districtId, scope, f)}
    ),
    lv AS MATERIALIZED (
      SELECT sc."studentId", w."season"::text AS "season", m."screeningArea"::text AS "area",
             max(CASE
               WHEN b."benchmark" IS NULL THEN NULL
               WHEN (m."direction" = 'HIGHER' AND sc."score" >= b."benchmark") OR (m."direction" = 'LOWER' AND sc."score" <= b."benchmark") THEN 0
               WHEN b."riskCut" IS NOT NULL AND ((m."direction" = 'HIGHER' AND sc."score" < b."riskCut") OR (m."direction" = 'LOWER' AND sc."score" > b."riskCut")) THEN 2
               ELSE 1 END) AS "level"
      FROM "ScreeningScore" sc
      JOIN pop ON pop."id" = sc."studentId"
      JOIN "ScreeningWindow" w ON w."districtId" = sc."districtId" AND w."id" = sc."windowId"
      JOIN "Measure" m ON m."districtId" = sc."districtId" AND m."id" = sc."measureId"
      LEFT JOIN "Benchmark" b ON b."districtId" = sc."districtId" AND b."measureId" = sc."measureId" AND b."grade" = sc."grade" AND b."season" = w."season"
      WHERE sc."districtId" = ${districtId}::uuid AND w."schoolYear" = ${f.year} AND m."screeningArea" IS NOT NULL
        ${f.area ? Prisma.sql`AND m."screeningArea" = ${f.area}::"InterventionArea"` : Prisma.empty}
      GROUP BY sc."studentId", w."season", m."screeningArea"
    )
    SELECT 'level' AS "kind", lv."season", lv."area", lv."level", NULL::int AS "next", count(*)::int AS "students"
      FROM lv WHERE lv."level" IS NOT NULL GROUP BY lv."season", lv."area", lv."level"
    UNION ALL
    SELECT 'move', a."season", a."area", a."level", b."level", count(*)::int
      FROM lv a
      LEFT JOIN lv b ON b."studentId" = a."studentId" AND b."area" = a."area"
        AND b."season" = CASE a."season" WHEN 'FALL' THEN 'WINTER' WHEN 'WINTER' THEN 'SPRING' END
      WHERE a."level" IS NOT NULL AND a."season" <> 'SPRING'
      GROUP BY a."season", a."area", a."level", b."level"`;
}

const nextSeason = (s: Season): Season | null => (s === "FALL" ? "WINTER" : s === "WINTER" ? "SPRING" : null);

export async function healthIn(tx: Tx, ctx: Ctx, f: Filters, scope: DashboardScope, today: string): Promise<Health> {
  const currentYear = f.year === schoolYearOf(today);
  const { to } = yearBounds(f.year);
  const asOf = currentYear ? today : to;
  const cellRows = await tierCellsIn(tx, ctx.districtId, scope, f, asOf, currentYear);
  const cells: TierCell[] = cellRows.map((r) => ({
    schoolId: r.schoolId,
    schoolName: r.schoolName,
    grade: r.grade,
    area: r.area,
    distribution: tierDistribution(r.total, r.tier2, r.tier3),
    withoutPlan: currentYear ? r.withoutPlan : null,
  }));
  // Areas with no Tier 2/3 decision anywhere in view are left out unless chosen: "100% at Tier 1" there means "not decided", not "healthy".
  const areas: AreaTiers[] = [];
  for (const area of INTERVENTION_AREAS) {
    const of = cellRows.filter((r) => r.area === area);
    const t2 = of.reduce((s, r) => s + r.tier2, 0);
    const t3 = of.reduce((s, r) => s + r.tier3, 0);
    if (of.length === 0 || (!f.area && t2 + t3 === 0)) continue;
    areas.push({ area, distribution: tierDistribution(of.reduce((s, r) => s + r.total, 0), t2, t3), withoutPlan: currentYear ? of.reduce((s, r) => s + r.withoutPlan, 0) : null });
  }
  const shown = new Set(areas.map((a) => a.area));
  const screening = await screeningIn(tx, ctx.districtId, scope, f);
  const windows: WindowResults[] = [];
  const movements: Movement[] = [];
  for (const season of SEASONS) {
    if (f.window && f.window !== season && nextSeason(f.window) !== season) continue;
    for (const area of INTERVENTION_AREAS) {
      const levels = screening.filter((r) => r.kind === "level" && r.season === season && r.area === area);
      if (levels.length) {
        windows.push({ season, area, shares: screeningShares(Object.fromEntries(levels.map((r) => [LEVEL_OF[r.level]!, r.students]))) });
        shown.add(area);
      }
      const to = nextSeason(season);
      const moves = screening.filter((r) => r.kind === "move" && r.season === season && r.area === area);
      if (to && moves.some((r) => r.next !== null) && (!f.window || f.window === season)) {
        movements.push({ from: season, to, area, rows: movement(moves.map((r) => ({ from: LEVEL_OF[r.level]!, to: r.next === null ? null : LEVEL_OF[r.next]!, students: r.students }))) });
      }
    }
  }
  return { asOf, currentYear, areas, cells: cells.filter((c) => shown.has(c.area) || c.area === f.area), windows, movements };
}

export const getHealthDashboard = (ctx: Ctx, params: SearchParams, now?: Date) => runDashboard(ctx, "health", params, "view", healthIn, now);
export const exportHealthDashboard = (ctx: Ctx, params: SearchParams, now?: Date) => runDashboard(ctx, "health", params, "export", healthIn, now);

/** One school's tiers per area, summed over its grades: a row of the district view's per-school table. */
export interface SchoolTiers {
  schoolId: string;
  schoolName: string;
  /** Students of the school in view (each is counted once per area, so this is any area's total). */
  students: number;
  areas: { area: InterventionArea; distribution: TierDistribution; withoutPlan: number | null }[];
}

/**
 * The tiers-by-school-and-grade cells summed per school, in the cells' order
 * (by school name). A district has about 1,500 school x grade x area cells: a
 * page listing them all is 677 KiB that nobody reads (issue 18, decision 052);
 * the district view shows these rows, one school's view its grade cells, and
 * the CSV keeps every cell.
 */
export function tiersBySchool(cells: readonly TierCell[]): SchoolTiers[] {
  const bySchool = new Map<string, { schoolName: string; areas: Map<InterventionArea, { total: number; tier2: number; tier3: number; withoutPlan: number | null }> }>();
  for (const c of cells) {
    const school = bySchool.get(c.schoolId) ?? { schoolName: c.schoolName, areas: new Map() };
    bySchool.set(c.schoolId, school);
    const a = school.areas.get(c.area) ?? { total: 0, tier2: 0, tier3: 0, withoutPlan: c.withoutPlan === null ? null : 0 };
    a.total += c.distribution.total;
    a.tier2 += c.distribution.counts.TIER_2;
    a.tier3 += c.distribution.counts.TIER_3;
    if (a.withoutPlan !== null && c.withoutPlan !== null) a.withoutPlan += c.withoutPlan;
    school.areas.set(c.area, a);
  }
  return [...bySchool.entries()].map(([schoolId, s]) => {
    const areas = INTERVENTION_AREAS.filter((area) => s.areas.has(area)).map((area) => {
      const a = s.areas.get(area)!;
      return { area, distribution: tierDistribution(a.total, a.tier2, a.tier3), withoutPlan: a.withoutPlan };
    });
    return { schoolId, schoolName: s.schoolName, students: Math.max(0, ...areas.map((a) => a.distribution.total)), areas };
  });
}
