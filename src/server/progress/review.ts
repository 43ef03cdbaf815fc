import "server-only";
import { z } from "zod";
import { toIsoDay } from "@/domain/goals";
import { scopeOf } from "@/domain/permissions";
import { recommend } from "@/domain/progress";
import { phaseInForce, probeDue, ruleReview, type ProbeDue, type RuleReview } from "@/domain/progress/review";
import type { Prisma } from "@/generated/prisma/client";
import { authorizePage } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import { STUDENT_NAME_SELECT, studentDisplayName, studentListName } from "@/server/caseloads/names";
import { schoolOptionsIn } from "@/server/caseloads/queries";
import { withTenant, type Tx } from "@/server/db/tenant";
import { measureOf } from "@/server/measures/queries";
import { planTitleOf } from "@/server/plans/schemas";
import { districtSettingsIn } from "@/server/settings/queries";
import { todayIso } from "@/server/students/schemas";
import type { TierLevel } from "@/server/tiers/schemas";

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

/**
 * The students a caseload reviewer (a specialist) reaches, as reachOf counts
 * reach: their current caseload and the students of the open plans they
 * deliver. One query on the membership's indexes.
 */
async function reachedStudentIds(tx: Tx, ctx: Ctx): Promise<string[]> {
  const rows = await tx.$queryRaw<{ studentId: string }[]>`
    SELECT ca."studentId"::text AS "studentId" FROM "CaseloadAssignment" ca
    WHERE ca."districtId" = ${ctx.districtId}::uuid AND ca."membershipId" = ${ctx.membershipId}::uuid AND ca."endedAt" IS NULL
    UNION
    SELECT ps."studentId"::text FROM "PlanInterventionist" pi
    JOIN "InterventionPlan" p ON p."districtId" = pi."districtId" AND p."id" = pi."planId"
    JOIN "PlanStudent" ps ON ps."districtId" = p."districtId" AND ps."planId" = p."id"
    WHERE pi."districtId" = ${ctx.districtId}::uuid AND pi."membershipId" = ${ctx.membershipId}::uuid AND p."status" IN ('DRAFT', 'ACTIVE')`;
  return rows.map((r) => r.studentId);
}

/**
 * Which goals a user reviews: every goal of the schools given (coordinators
 * and administrators, who write plans for whole schools), or those of the
 * students they reach (specialists, who write plans for their caseload), in
 * their schools.
 */
async function goalsInReview(tx: Tx, ctx: Ctx, schoolIds: readonly string[] | null): Promise<Prisma.GoalWhereInput> {
  if (schoolIds) return { plan: { status: "ACTIVE", schoolId: { in: [...schoolIds] } } };
  return {
    plan: { status: "ACTIVE" },
    studentId: { in: await reachedStudentIds(tx, ctx) },
    ...(ctx.schoolIds.length ? { student: { schoolId: { in: ctx.schoolIds } } } : {}),
  };
}

/** Current tier per student and area for these students, in one query (the newest decision in effect today). */
async function currentTiersOf(tx: Tx, districtId: string, studentIds: readonly string[], today: string): Promise<Map<string, TierLevel>> {
  if (studentIds.length === 0) return new Map();
  const rows = await tx.$queryRaw<{ key: string; tier: TierLevel }[]>`
    SELECT DISTINCT ON (st."studentId", st."area") st."studentId"::text || '/' || st."area"::text AS "key", st."tier"::text AS "tier"
    FROM "StudentTier" st
    WHERE st."districtId" = ${districtId}::uuid AND st."studentId" = ANY(${studentIds}::uuid[]) AND st."effectiveDate" <= ${today}::date
    ORDER BY st."studentId", st."area", st."effectiveDate" DESC, st."createdAt" DESC, st."id" DESC`;
  return new Map(rows.map((r) => [r.key, r.tier]));
}

/**
 * The valid probes of these goals, one row per goal with dates and scores in
 * date order (same-day probes in entry order): the ONE probe query of a list,
 * however many goals it holds, on the (districtId, goalId, date) index. The
 * rules leave out what is not after the baseline themselves (monitoringPeriod).
 */
async function validProbesOf(tx: Tx, districtId: string, goalIds: readonly string[]): Promise<Map<string, { dates: string[]; scores: number[] }>> {
  if (goalIds.length === 0) return new Map();
  const rows = await tx.$queryRaw<{ goalId: string; dates: string[]; scores: number[] }[]>`
    SELECT p."goalId"::text AS "goalId",
           array_agg(to_char(p."date", 'YYYY-MM-DD') ORDER BY p."date", p."createdAt", p."id") AS "dates",
           array_agg(p."score" ORDER BY p."date", p."createdAt", p."id") AS "scores"
    FROM "Probe" p
    WHERE p."districtId" = ${districtId}::uuid AND p."goalId" = ANY(${goalIds}::uuid[]) AND p."invalidatedAt" IS NULL
    GROUP BY p."goalId"`;
  return new Map(rows.map((r) => [r.goalId, { dates: r.dates, scores: r.scores }]));
}

/**
 * The goals of active plans in review (studentsInReview) that need it: a
 * decision rule calls for a change (change instruction, raise the goal, goal
 * met) or no valid probe came in the expected interval. Drafts are left out:
 * nothing is delivered or monitored before approval.
 *
 * A fixed number of queries whatever the number of goals (the students a
 * specialist reaches; the goals with their plan, student, measure and
 * phases; current tiers; the valid probes, aggregated per goal; the
 * district's settings); the rules run here on every goal in review, which one
 * school or one caseload bounds. Inside the caller's transaction; the
 * caller has authorized plan.write.
 */
export async function needsReviewIn(tx: Tx, ctx: Ctx, opts: { schoolIds?: readonly string[] | null; page?: number; pageSize?: number } = {}): Promise<ReviewList> {
  const today = todayIso();
  const schoolIds = opts.schoolIds ?? null;
  const goals = await tx.goal.findMany({
    where: { AND: [{ districtId: ctx.districtId, archivedAt: null, student: { archivedAt: null } }, await goalsInReview(tx, ctx, schoolIds)] },
    select: {
      id: true,
      studentId: true,
      baselineValue: true,
      baselineDate: true,
      targetValue: true,
      targetDate: true,
      measure: true,
      student: { select: STUDENT_NAME_SELECT },
      plan: {
        select: {
          area: true,
          startDate: true,
          customIntervention: true,
          intervention: { select: { name: true } },
          phases: { select: { number: true, startDate: true } },
        },
      },
    },
  });
  const tiers = await currentTiersOf(tx, ctx.districtId, [...new Set(goals.map((g) => g.studentId))], today);
  const probes = await validProbesOf(tx, ctx.districtId, goals.map((g) => g.id));
  const settings = await districtSettingsIn(tx, ctx.districtId);

  const found: { row: ReviewRow; sortName: string }[] = [];
  for (const g of goals) {
    const valid = probes.get(g.id);
    const points = valid ? valid.dates.map((date, i) => ({ date, score: valid.scores[i]! })) : [];
    const measure = measureOf(g.measure);
    const baselineDate = toIsoDay(g.baselineDate);
    const rec = recommend({
      measure,
      goal: { baseline: g.baselineValue, baselineDate, target: g.targetValue, targetDate: toIsoDay(g.targetDate) },
      points,
      settings,
      ...phaseInForce(g.plan.phases, today),
      // The list reads no session logs: ruleReview judges the rule before the dosage gate.
      delivery: {},
    });
    const tier = tiers.get(`${g.studentId}/${g.plan.area}`) ?? null;
    const rule = ruleReview(measure, rec);
    const due = probeDue({ lastProbeDate: valid?.dates.at(-1), baselineDate, planStartDate: g.plan.startDate, tier, today });
    if (!rule && !due.overdue) continue;
    found.push({
      sortName: studentListName(g.student),
      row: {
        goalId: g.id,
        studentId: g.studentId,
        studentName: studentDisplayName(g.student),
        measureName: measure.name,
        planTitle: planTitleOf(g.plan),
        tier,
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
 * The schools a school-wide reviewer's list covers: the one chosen (when in
 * their reach), else all their schools; someone who reaches every school
 * (a district administrator) reviews one school at a time, the first by
 * name unless they choose, so one list never evaluates a whole district.
 * Null for caseload reviewers (specialists).
 */
function reviewSchools(ctx: Ctx, options: { id: string }[], chosen: string | undefined): string[] | null {
  if (scopeOf(ctx.role, "plan.write") === "caseload") return null;
  const inReach = options.find((s) => s.id === chosen);
  if (inReach) return [inReach.id];
  if (ctx.schoolIds.length) return ctx.schoolIds;
  return options.slice(0, 1).map((s) => s.id);
}

type SearchParams = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const pageParam = z.coerce.number().int().min(1).max(100_000).catch(1);

/** A home's first rows of the list (the caller authorizes), with the total for "See all". */
export async function homeReviewIn(tx: Tx, ctx: Ctx): Promise<ReviewList> {
  const schools = await schoolOptionsIn(tx, ctx);
  return needsReviewIn(tx, ctx, { schoolIds: reviewSchools(ctx, schools, undefined), pageSize: HOME_REVIEW_LIST });
}

/** The /goals/review page: one page of the list, and the school choice of school-wide reviewers. */
export async function getNeedsReview(ctx: Ctx, params: SearchParams) {
  await authorizePage(ctx, "plan.write", { entityType: "Goal" });
  return withTenant(ctx.districtId, async (tx) => {
    const schools = await schoolOptionsIn(tx, ctx);
    const schoolIds = reviewSchools(ctx, schools, first(params.school));
    const list = await needsReviewIn(tx, ctx, { schoolIds, page: pageParam.parse(first(params.page)) });
    return {
      list,
      // A choice only for someone with several schools.
      schools: schoolIds && schools.length > 1 ? schools : [],
      school: schoolIds?.length === 1 ? schoolIds[0]! : "",
    };
  });
}
