import "server-only";
import { scopeOf } from "@/domain/permissions";
import { pointsOnDays, recommend } from "@/domain/progress";
import { phaseInForce, probeDue, ruleReview, type ProbeDue, type RuleReview } from "@/domain/progress/review";
import { Prisma } from "@/generated/prisma/client";
import { authorizePage } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import { studentDisplayName, studentListName } from "@/server/caseloads/names";
import { schoolOptionsIn } from "@/server/caseloads/queries";
import { withTenant, type Tx } from "@/server/db/tenant";
import { measureOf } from "@/server/measures/queries";
import { planTitleOf } from "@/server/plans/schemas";
import { districtSettingsIn } from "@/server/settings/queries";
import { todayIso } from "@/server/students/schemas";
import type { TierLevel } from "@/server/tiers/schemas";
import { pageKey, readQuery, type SearchParams } from "@/server/search-params";
import { z } from "zod";

export const REVIEW_PAGE_SIZE = 25;
/** Rows of the list a home shows before "See all". */
export const HOME_REVIEW_LIST = 5;

export interface ReviewRow {
  goalId: string;
  studentId: string;
  studentName: string;
  measureName: string;
  planTitle: string;
  tier: TierLevel | null;
  /** The decision rule's call, when it asks for a change of goal or instruction. */
  rule?: RuleReview;
  /** Set when progress monitoring is overdue. */
  overdue?: ProbeDue;
}

export interface ReviewList {
  /** "caseload": the students the user reaches; "schools": the goals of their school(s). */
  kind: "caseload" | "schools";
  total: number;
  /** Of the total: goals a rule calls for a change on, goals with a probe overdue (a goal can be both). */
  byRule: number;
  overdue: number;
  page: number;
  pageCount: number;
  rows: ReviewRow[];
}

const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });

/** A goal in review with what its rules need: one row of goalsInReviewIn. */
interface GoalInReview {
  id: string;
  studentId: string;
  preferredName: string | null;
  legalFirstName: string;
  legalLastName: string;
  baselineValue: number;
  baselineDate: string;
  targetValue: number;
  targetDate: string;
  area: string;
  planStartDate: string;
  customIntervention: string | null;
  interventionName: string | null;
  /** The plan's phases as JSON text: [{ "number": 1, "startDate": "yyyy-mm-dd" }, ...]. */
  phases: string;
  /** The student's current tier in the plan's area (the newest decision in effect today). */
  tier: TierLevel | null;
  /** The valid probes as JSON [day, score, day, score, ...] in date order (same-day probes in entry order; day: days since 1970-01-01), or null. */
  points: string | null;
  key: string;
  name: string;
  unit: string;
  direction: "HIGHER" | "LOWER";
  minValue: number | null;
  maxValue: number | null;
  decimals: number;
  rateDecimals: number | null;
  phrase: string;
  lessWord: string | null;
  moreWord: string | null;
}

/**
 * The goals of active plans a user reviews, with everything their rules need,
 * in ONE statement whatever their number: every goal of the schools given
 * (coordinators and administrators, who write plans for whole schools), or
 * those of the students a caseload reviewer (a specialist) reaches, as
 * reachOf (src/server/reach) counts reach (their current caseload and the students of the open
 * plans they deliver), in their schools. Drafts are left out: nothing is
 * delivered or monitored before approval.
 *
 * Per goal, the valid probes come from the goal's own range of the partial
 * index of valid probes (Probe_valid_series_idx: the columns read here, in the
 * order aggregated, so no table row is visited) as one JSON text of numbers,
 * [day, score, day, score, ...], which JSON.parse reads far faster than the
 * driver parses Postgres arrays or code splits text, with the day as a
 * number of days (cheaper in SQL than formatting a date, and what the rules
 * compute with); a caseload of 60 has about 9,500 probes. The tier comes
 * from the (districtId, studentId, area, effectiveDate) index. One statement instead of the nine a nested
 * findMany and separate tier and probe reads took: most of the list's cost
 * was per-statement overhead, not rows.
 */
async function goalsInReviewIn(tx: Tx, ctx: Ctx, schoolIds: readonly string[] | null, today: string): Promise<GoalInReview[]> {
  const d = ctx.districtId;
  const scope = schoolIds
    ? Prisma.sql`p."schoolId" = ANY(${[...schoolIds]}::uuid[])`
    : // The students first (reach as reachedBySql counts it, but as a set the goals are looked up by, not a test on every goal of the district).
      Prisma.sql`g."studentId" IN (
        SELECT ca."studentId" FROM "CaseloadAssignment" ca
        WHERE ca."districtId" = ${d}::uuid AND ca."membershipId" = ${ctx.membershipId}::uuid AND ca."endedAt" IS NULL
        UNION
        SELECT ps."studentId" FROM "PlanInterventionist" pi
        JOIN "InterventionPlan" dp ON dp."districtId" = pi."districtId" AND dp."id" = pi."planId"
        JOIN "PlanStudent" ps ON ps."districtId" = dp."districtId" AND ps."planId" = dp."id"
        WHERE pi."districtId" = ${d}::uuid AND pi."membershipId" = ${ctx.membershipId}::uuid AND dp."status" IN ('DRAFT', 'ACTIVE')
      )${ctx.schoolIds.length ? Prisma.sql` AND s."schoolId" = ANY(${ctx.schoolIds}::uuid[])` : Prisma.empty}`;
  return tx.$queryRaw<GoalInReview[]>`
    SELECT g."id"::text AS "id", g."studentId"::text AS "studentId", s."preferredName", s."legalFirstName", s."legalLastName",
           g."baselineValue", to_char(g."baselineDate", 'YYYY-MM-DD') AS "baselineDate", g."targetValue", to_char(g."targetDate", 'YYYY-MM-DD') AS "targetDate",
           p."area"::text AS "area", to_char(p."startDate", 'YYYY-MM-DD') AS "planStartDate", p."customIntervention", i."name" AS "interventionName",
           coalesce((SELECT json_agg(json_build_object('number', ph."number", 'startDate', to_char(ph."startDate", 'YYYY-MM-DD')))::text
                     FROM "PlanPhase" ph WHERE ph."districtId" = p."districtId" AND ph."planId" = p."id"), '[]') AS "phases",
           (SELECT st."tier"::text FROM "StudentTier" st
            WHERE st."districtId" = g."districtId" AND st."studentId" = g."studentId" AND st."area"::text = p."area"::text AND st."effectiveDate" <= ${today}::date
            ORDER BY st."effectiveDate" DESC, st."createdAt" DESC, st."id" DESC LIMIT 1) AS "tier",
           -- Aggregated in the order of the subquery, which the index delivers: an ORDER BY inside string_agg would sort every goal's probes again.
           (SELECT '[' || string_agg(v, ',') || ']' FROM (
              SELECT (pr."date" - DATE '1970-01-01')::text || ',' || pr."score"::text AS v
              FROM "Probe" pr WHERE pr."districtId" = g."districtId" AND pr."goalId" = g."id" AND pr."invalidatedAt" IS NULL
              ORDER BY pr."date", pr."createdAt", pr."id") o) AS "points",
           m."key", m."name", m."unit", m."direction"::text AS "direction", m."minValue", m."maxValue", m."decimals", m."rateDecimals", m."phrase", m."lessWord", m."moreWord"
    FROM "Goal" g
    JOIN "InterventionPlan" p ON p."districtId" = g."districtId" AND p."id" = g."planId"
    JOIN "Student" s ON s."districtId" = g."districtId" AND s."id" = g."studentId"
    JOIN "Measure" m ON m."districtId" = g."districtId" AND m."id" = g."measureId"
    LEFT JOIN "Intervention" i ON i."districtId" = p."districtId" AND i."id" = p."interventionId"
    WHERE g."districtId" = ${d}::uuid AND g."archivedAt" IS NULL AND s."archivedAt" IS NULL AND p."status" = 'ACTIVE' AND ${scope}`;
}

/**
 * The goals of active plans in review (goalsInReviewIn) that need it: a
 * decision rule calls for a change (change instruction, raise the goal, goal
 * met) or no valid probe came in the expected interval.
 *
 * Two statements whatever the number of goals (the goals with all their
 * rules need; the district's settings); the rules run here on every goal in
 * review, which one school or one caseload bounds. Inside the caller's
 * transaction; the caller has authorized plan.write.
 */
export async function needsReviewIn(tx: Tx, ctx: Ctx, opts: { schoolIds?: readonly string[] | null; page?: number; pageSize?: number } = {}): Promise<ReviewList> {
  const today = todayIso();
  const schoolIds = opts.schoolIds ?? null;
  const goals = await goalsInReviewIn(tx, ctx, schoolIds, today);
  const settings = await districtSettingsIn(tx, ctx.districtId);

  const found: { row: ReviewRow; sortName: string }[] = [];
  for (const g of goals) {
    const points = pointsOnDays(g.points ? (JSON.parse(g.points) as number[]) : []);
    const measure = measureOf(g);
    const rec = recommend({
      measure,
      goal: { baseline: g.baselineValue, baselineDate: g.baselineDate, target: g.targetValue, targetDate: g.targetDate },
      points,
      settings,
      ...phaseInForce(JSON.parse(g.phases) as { number: number; startDate: string }[], today),
      // The list reads no session logs: ruleReview judges the rule before the dosage gate.
      delivery: {},
    });
    const rule = ruleReview(measure, rec);
    const due = probeDue({ lastProbeDate: points.at(-1)?.date, baselineDate: g.baselineDate, planStartDate: g.planStartDate, tier: g.tier, today });
    if (!rule && !due.overdue) continue;
    found.push({
      sortName: studentListName(g),
      row: {
        goalId: g.id,
        studentId: g.studentId,
        studentName: studentDisplayName(g),
        measureName: measure.name,
        planTitle: planTitleOf({ customIntervention: g.customIntervention, intervention: g.interventionName === null ? null : { name: g.interventionName } }),
        tier: g.tier,
        ...(rule ? { rule } : {}),
        ...(due.overdue ? { overdue: due } : {}),
      },
    });
  }
  const rows = found
    .sort((a, b) => collator.compare(a.sortName, b.sortName) || collator.compare(a.row.measureName, b.row.measureName) || a.row.goalId.localeCompare(b.row.goalId))
    .map((f) => f.row);

  const pageSize = opts.pageSize ?? REVIEW_PAGE_SIZE;
  const pageCount = Math.max(1, Math.ceil(rows.length / pageSize));
  // A page past the end (the list shrank, or a hand-made link) shows the last one.
  const page = Math.min(Math.max(1, opts.page ?? 1), pageCount);
  return {
    kind: schoolIds ? "schools" : "caseload",
    total: rows.length,
    byRule: rows.filter((r) => r.rule).length,
    overdue: rows.filter((r) => r.overdue).length,
    page,
    pageCount,
    rows: rows.slice((page - 1) * pageSize, page * pageSize),
  };
}

/**
 * The schools a school-wide reviewer's list covers, with the schools they may
 * choose from: the one chosen (when in their reach), else every school in
 * their reach, so someone with several schools (an administrator reaches them
 * all) starts from the whole picture, not from the first school's list, which
 * may well be empty. The list is one statement whatever its size; the school
 * filter narrows it. Caseload reviewers (specialists) review their reach, with
 * no school choice: null, and no statement.
 */
async function reviewScopeIn(tx: Tx, ctx: Ctx, chosen: string | undefined) {
  if (scopeOf(ctx.role, "plan.write") === "caseload") return { schoolIds: null, options: [] };
  const options = await schoolOptionsIn(tx, ctx);
  const inReach = options.find((s) => s.id === chosen);
  const schoolIds = inReach ? [inReach.id] : options.map((s) => s.id);
  return { schoolIds, options };
}

/** A home's first rows of the list (the caller authorizes), with the total for "See all". */
export async function homeReviewIn(tx: Tx, ctx: Ctx): Promise<ReviewList> {
  const { schoolIds } = await reviewScopeIn(tx, ctx, undefined);
  return needsReviewIn(tx, ctx, { schoolIds, pageSize: HOME_REVIEW_LIST });
}

/** The /goals/review page: one page of the list, and the school choice of school-wide reviewers. */
export async function getNeedsReview(ctx: Ctx, params: SearchParams) {
  await authorizePage(ctx, "plan.write", { entityType: "Goal" });
  return withTenant(ctx.districtId, async (tx) => {
    const { values, notUnderstood } = readQuery({ school: z.uuid().optional(), page: pageKey }, params);
    const { schoolIds, options } = await reviewScopeIn(tx, ctx, values.school);
    // A school outside the user's reach is named, not silently widened to all of them.
    if (values.school && !options.some((s) => s.id === values.school)) notUnderstood.push("school");
    const list = await needsReviewIn(tx, ctx, { schoolIds, page: values.page });
    return {
      list,
      notUnderstood,
      // A choice only for someone with several schools.
      schools: options.length > 1 ? options : [],
      school: schoolIds?.length === 1 ? schoolIds[0]! : "",
    };
  });
}
