import "server-only";
import { bigFiveOfCounts, type BigFive, type CodeCount } from "@/domain/behavior";
import { cicoGoalShare, monthlyRates, schoolYearMonths, yearRate, type CicoGoalShare, type MonthRate, type YearMonth } from "@/domain/behavior-dashboard";
import { schoolYearOf } from "@/domain/screening";
import type { Ctx } from "@/server/auth/session";
import { OTHERS_INVOLVED_LABEL, type OthersInvolved } from "@/server/behavior/schemas";
import type { Tx } from "@/server/db/tenant";
import type { SearchParams } from "@/server/search-params";
import { studentsSql, yearBounds, type DashboardScope, type Filters } from "./filters";
import { runDashboard } from "./run";

// Behaviour (issue 18, decision 030): incidents per 100 students per school
// day per month against the same month of the previous year, the big five of
// the year (src/domain/behavior.ts, the school overview's functions, fed with
// counts made in SQL), and the share of check-in/check-out students meeting
// their daily goal. Three grouped statements whatever the district's size;
// no incident or student leaves the database, only counts.

export interface CicoMonth {
  month: string;
  share: CicoGoalShare;
}

export interface BehaviorDashboard {
  /** The students in view now: the denominator of both years' rates (no enrolment history is kept). */
  students: number;
  currentYear: boolean;
  /** The last day counted in the chosen year: today, or the year's last day. */
  asOf: string;
  months: MonthRate[];
  year: YearMonth;
  /** The previous year over the months the chosen year has school days in (all of them for a past year). */
  previousYear: YearMonth;
  majors: number;
  /** The first day with an incident in each year: where school days start being counted. */
  firstDay: { current: string | null; previous: string | null };
  five: BigFive;
  cico: { months: CicoMonth[]; year: CicoGoalShare };
}

type CountRow = { kind: "month" | "first" | "majors" | "behavior" | "location" | "motivation" | "hour" | "others"; year: "current" | "previous"; key: string | null; label: string | null; n: number };

/**
 * Statement 1: the incidents of the students in view over the chosen and the
 * previous school year, counted per month and year, the first day of each
 * year, and the chosen year's big five per code. The incidents are read once
 * (MATERIALIZED) and grouped six ways.
 */
async function incidentCountsIn(tx: Tx, districtId: string, scope: DashboardScope, f: Filters, to: string) {
  const current = yearBounds(f.year);
  const previous = yearBounds(f.year - 1);
  return tx.$queryRaw<CountRow[]>`
    WITH inc AS MATERIALIZED (
      SELECT i."occurredOn", i."occurredMinute", i."severity", i."behaviorCodeId", i."locationCodeId", i."motivationCodeId", i."othersInvolved", i."id",
             CASE WHEN i."occurredOn" >= ${current.from}::date THEN 'current' ELSE 'previous' END AS "year"
      FROM "Incident" i
      JOIN "Student" s ON s."districtId" = i."districtId" AND s."id" = i."studentId"
      WHERE i."districtId" = ${districtId}::uuid AND i."archivedAt" IS NULL
        AND i."occurredOn" BETWEEN ${previous.from}::date AND ${to}::date
        AND ${studentsSql(districtId, scope, f)}
    ),
    cur AS (SELECT * FROM inc WHERE "year" = 'current')
    SELECT 'month' AS "kind", "year", to_char("occurredOn", 'YYYY-MM') AS "key", NULL AS "label", count(*)::int AS "n" FROM inc GROUP BY "year", 2, 3
    UNION ALL
    SELECT 'first', "year", to_char(min("occurredOn"), 'YYYY-MM-DD'), NULL, 0 FROM inc GROUP BY "year"
    UNION ALL
    SELECT 'majors', 'current', NULL, NULL, count(*)::int FROM cur WHERE "severity" = 'MAJOR'
    UNION ALL
    SELECT 'behavior', 'current', c."id"::text, c."label", count(*)::int FROM cur JOIN "BehaviorCode" c ON c."districtId" = ${districtId}::uuid AND c."id" = cur."behaviorCodeId" GROUP BY c."id", c."label"
    UNION ALL
    SELECT 'location', 'current', c."id"::text, c."label", count(*)::int FROM cur JOIN "BehaviorCode" c ON c."districtId" = ${districtId}::uuid AND c."id" = cur."locationCodeId" GROUP BY c."id", c."label"
    UNION ALL
    SELECT 'motivation', 'current', c."id"::text, c."label", count(*)::int FROM cur LEFT JOIN "BehaviorCode" c ON c."districtId" = ${districtId}::uuid AND c."id" = cur."motivationCodeId" GROUP BY c."id", c."label"
    UNION ALL
    SELECT 'hour', 'current', ("occurredMinute" / 60)::text, NULL, count(*)::int FROM cur GROUP BY 3
    UNION ALL
    SELECT 'others', 'current', o."key", NULL, count(DISTINCT cur."id")::int
      FROM cur LEFT JOIN LATERAL unnest(cur."othersInvolved") AS o("key") ON true GROUP BY o."key"`;
}

/**
 * Statement 2: the students in view (the rates' denominator) and the
 * district's non-school days of both years (holidays are not school days).
 */
async function studentsAndClosedIn(tx: Tx, districtId: string, scope: DashboardScope, f: Filters) {
  const [row] = await tx.$queryRaw<{ students: number; closed: string[] | null }[]>`
    SELECT (SELECT count(*)::int FROM "Student" s WHERE ${studentsSql(districtId, scope, f)}) AS "students",
           (SELECT array_agg(to_char(n."date", 'YYYY-MM-DD')) FROM "DistrictNonSchoolDay" n
             WHERE n."districtId" = ${districtId}::uuid AND n."date" BETWEEN ${yearBounds(f.year - 1).from}::date AND ${yearBounds(f.year).to}::date) AS "closed"`;
  return { students: row?.students ?? 0, closed: new Set(row?.closed ?? []) };
}

/**
 * Statement 3: each check-in/check-out student's rated days per month of the
 * year: how many, the sum of the day's percentages (rounded half up as
 * src/domain/cico.ts dayPercent does), of their card's daily goals, and the
 * days at or above it. Absent days and days with nothing rated are left out.
 */
async function cicoIn(tx: Tx, districtId: string, scope: DashboardScope, f: Filters, to: string) {
  return tx.$queryRaw<{ studentId: string; month: string; days: number; percentSum: number; goalSum: number; daysMet: number }[]>`
    WITH d AS (
      SELECT c."studentId", to_char(cd."date", 'YYYY-MM') AS "month", c."goalPercent" AS "goal",
             (cd."points" * 200 + cd."possible") / (cd."possible" * 2) AS "percent"
      FROM "CicoDay" cd
      JOIN "CicoCard" c ON c."districtId" = cd."districtId" AND c."id" = cd."cardId"
      JOIN "Student" s ON s."districtId" = c."districtId" AND s."id" = c."studentId"
      WHERE cd."districtId" = ${districtId}::uuid AND NOT cd."absent" AND cd."possible" > 0
        AND cd."date" BETWEEN ${yearBounds(f.year).from}::date AND ${to}::date
        AND ${studentsSql(districtId, scope, f)}
    )
    SELECT d."studentId"::text AS "studentId", d."month", count(*)::int AS "days", sum(d."percent")::int AS "percentSum",
           sum(d."goal")::int AS "goalSum", count(*) FILTER (WHERE d."percent" >= d."goal")::int AS "daysMet"
    FROM d GROUP BY d."studentId", d."month"`;
}

const code = (rows: readonly CountRow[], kind: CountRow["kind"]): CodeCount[] => rows.filter((r) => r.kind === kind).map((r) => ({ key: r.key, label: r.label, count: r.n }));

export async function behaviorIn(tx: Tx, ctx: Ctx, f: Filters, scope: DashboardScope, today: string): Promise<BehaviorDashboard> {
  const d = ctx.districtId;
  const currentYear = f.year === schoolYearOf(today);
  const asOf = currentYear ? today : yearBounds(f.year).to;
  const rows = await incidentCountsIn(tx, d, scope, f, asOf);
  const { students, closed } = await studentsAndClosedIn(tx, d, scope, f);
  const cicoRows = await cicoIn(tx, d, scope, f, asOf);

  const counts = new Map<string, number>(rows.filter((r) => r.kind === "month").map((r) => [r.key!, r.n]));
  const first = (year: "current" | "previous") => rows.find((r) => r.kind === "first" && r.year === year)?.key ?? null;
  const firstDay = { current: first("current"), previous: first("previous") };
  const months = monthlyRates({ year: f.year, students, counts, firstDay, lastDay: { current: asOf, previous: yearBounds(f.year - 1).to }, closed });
  const year = yearRate(months, students, "current");

  const others = code(rows, "others").map((o) => (o.key === null ? o : { ...o, label: OTHERS_INVOLVED_LABEL[o.key as OthersInvolved] ?? o.key }));
  const five = bigFiveOfCounts(year.incidents, {
    behaviors: code(rows, "behavior"),
    locations: code(rows, "location"),
    motivations: code(rows, "motivation"),
    hours: rows.filter((r) => r.kind === "hour").map((r) => ({ hour: Number(r.key), count: r.n })),
    others,
  });

  const byStudent = new Map<string, { days: number; percentSum: number; goalSum: number; daysMet: number }>();
  for (const r of cicoRows) {
    const s = byStudent.get(r.studentId) ?? { days: 0, percentSum: 0, goalSum: 0, daysMet: 0 };
    byStudent.set(r.studentId, { days: s.days + r.days, percentSum: s.percentSum + r.percentSum, goalSum: s.goalSum + r.goalSum, daysMet: s.daysMet + r.daysMet });
  }
  const cicoMonths = schoolYearMonths(f.year)
    .map((month) => ({ month, share: cicoGoalShare(cicoRows.filter((r) => r.month === month)) }))
    .filter((m) => m.share.students > 0);

  return {
    students,
    currentYear,
    asOf,
    months,
    year,
    // The same months as the chosen year has so far, so a year in progress is compared like with like.
    previousYear: yearRate(currentYear ? months.filter((m) => m.current.schoolDays > 0) : months, students, "previous"),
    majors: rows.find((r) => r.kind === "majors")?.n ?? 0,
    firstDay,
    five,
    cico: { months: cicoMonths, year: cicoGoalShare([...byStudent.values()]) },
  };
}

export const getBehaviorDashboard = (ctx: Ctx, params: SearchParams, now?: Date) => runDashboard(ctx, "behavior", params, "view", behaviorIn, now);
export const exportBehaviorDashboard = (ctx: Ctx, params: SearchParams, now?: Date) => runDashboard(ctx, "behavior", params, "export", behaviorIn, now);
