import "server-only";
import { taughtBySql } from "@/server/reach";
import { Prisma } from "@/generated/prisma/client";
import { CICO_INTERVENTION_NAME, CICO_MEASURE_KEY, cicoRules, DEFAULT_CICO_EXPECTATIONS, DEFAULT_CICO_PERIODS, DEFAULT_GOAL_PERCENT, DEFAULT_SCALE_MAX, dayPercent, type CardDay } from "@/domain/cico";
import { can } from "@/domain/permissions";
import { isoDayIn } from "@/domain/time-zone";
import { addDays } from "@/domain/dosage";
import { dateOfDay, toIsoDay } from "@/domain/goals";
import { recordAudit } from "@/server/audit/record";
import { authorizePage, pageNotFound } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import { withTenant, type Tx } from "@/server/db/tenant";
import { AppError, DeniedError } from "@/server/errors";
import { firstParam, readQuery, type SearchParams } from "@/server/search-params";
import { z } from "zod";
import { cardReach, cicoPermissions, studentForCard, visibleCard, type CicoPermissions } from "./access";

// Reading daily report cards (decision 014). The rating screen is one
// statement for all of the day's cards (the benchmark measures it for a
// staff member with ten), plus the session and the audit events.

const nameOf = (s: { legalFirstName: string; preferredName: string | null; legalLastName: string }) => `${s.preferredName ?? s.legalFirstName} ${s.legalLastName}`;

/** The district's today (its time zone): ratings are for today or earlier. */
export const districtToday = (ctx: Pick<Ctx, "timeZone">) => isoDayIn(new Date(), ctx.timeZone);

/** How many days back the rating screen lets a rater go (a forgotten card from earlier in the week). */
export const MAX_DAYS_BACK = 14;

/**
 * The day the rating screen shows: `?day=` when it is a valid recent day,
 * otherwise today. A day given but not understood (malformed, in the future or
 * further back than MAX_DAYS_BACK) is listed in notUnderstood, for the page's
 * FilterNotice (issue 21): the rater sees that today is shown instead.
 */
export function screenDay(params: SearchParams, today: string): { day: string; notUnderstood: "day"[] } {
  const dayKey = z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .refine((raw) => !Number.isNaN(Date.parse(`${raw}T00:00:00Z`)) && raw <= today && raw >= addDays(today, -MAX_DAYS_BACK))
    .default(today);
  const { values, notUnderstood } = readQuery({ day: dayKey }, params);
  return { day: values.day, notUnderstood };
}

export interface CardToday {
  id: string;
  studentId: string;
  studentName: string;
  expectations: string[];
  periods: string[];
  scaleMax: number;
  goalPercent: number;
  checkedIn: boolean;
  checkedOut: boolean;
  absent: boolean;
  points: number;
  possible: number;
  percent: number | null;
  /** Ratings by period, then expectation. */
  ratings: Record<string, Record<string, number>>;
}

type CardRow = {
  id: string;
  studentId: string;
  schoolId: string;
  legalFirstName: string;
  legalLastName: string;
  preferredName: string | null;
  expectations: string[];
  periods: string[];
  scaleMax: number;
  goalPercent: number;
  checkedIn: boolean | null;
  checkedOut: boolean | null;
  absent: boolean | null;
  points: number | null;
  possible: number | null;
  ratings: { p: string; e: string; v: number }[] | null;
};

function cardTodayOf(r: CardRow): CardToday {
  const ratings: Record<string, Record<string, number>> = {};
  for (const x of r.ratings ?? []) (ratings[x.p] ??= {})[x.e] = x.v;
  const points = r.points ?? 0;
  const possible = r.possible ?? 0;
  return {
    id: r.id,
    studentId: r.studentId,
    studentName: nameOf(r),
    expectations: r.expectations,
    periods: r.periods,
    scaleMax: r.scaleMax,
    goalPercent: r.goalPercent,
    checkedIn: r.checkedIn ?? false,
    checkedOut: r.checkedOut ?? false,
    absent: r.absent ?? false,
    points,
    possible,
    percent: dayPercent({ points, possible }),
    ratings,
  };
}

/** The cards, their day row and the day's ratings, in one statement. */
function cardsOfDaySql(districtId: string, day: string, where: Prisma.Sql) {
  return Prisma.sql`
    SELECT c."id"::text AS "id", c."studentId"::text AS "studentId", s."schoolId"::text AS "schoolId",
           s."legalFirstName", s."legalLastName", s."preferredName",
           c."expectations", c."periods", c."scaleMax", c."goalPercent",
           d."checkedIn", d."checkedOut", d."absent", d."points", d."possible",
           (SELECT json_agg(json_build_object('p', r."period", 'e', r."expectation", 'v', r."value"))
              FROM "CicoRating" r
              WHERE r."districtId" = c."districtId" AND r."cardId" = c."id" AND r."date" = ${day}::date) AS "ratings"
    FROM "CicoCard" c
    JOIN "Student" s ON s."districtId" = c."districtId" AND s."id" = c."studentId"
    LEFT JOIN "CicoDay" d ON d."districtId" = c."districtId" AND d."cardId" = c."id" AND d."date" = ${day}::date
    WHERE c."districtId" = ${districtId}::uuid AND ${where}
    ORDER BY s."legalLastName", s."legalFirstName", c."id"`;
}

/**
 * The rating screen: the open cards the signed-in staff member rates on
 * `day` (those of the open plans they deliver, students not archived), with
 * the day's marks and ratings. A card the user may no longer rate (a school
 * they left) is left out. Each student shown is a `view` audit event.
 */
export async function getRatingScreen(ctx: Ctx, params: SearchParams) {
  await authorizePage(ctx, "cico.rate", { entityType: "CicoCard" });
  const today = districtToday(ctx);
  const { day, notUnderstood } = screenDay(params, today);
  const rows = await withTenant(ctx.districtId, async (tx) => {
    const found = await tx.$queryRaw<CardRow[]>(
      cardsOfDaySql(
        ctx.districtId,
        day,
        Prisma.sql`c."endedOn" IS NULL AND c."startedOn" <= ${day}::date AND s."archivedAt" IS NULL
          AND (EXISTS (
            SELECT 1 FROM "PlanInterventionist" pi
            JOIN "InterventionPlan" p ON p."districtId" = pi."districtId" AND p."id" = pi."planId"
            WHERE pi."districtId" = c."districtId" AND pi."planId" = c."planId" AND pi."membershipId" = ${ctx.membershipId}::uuid
              AND p."status" IN ('DRAFT', 'ACTIVE'))
            -- A classroom teacher rates the cards of the students of their classes (decision 020).
            OR ${taughtBySql(ctx.membershipId, Prisma.sql`c."districtId"`, Prisma.sql`c."studentId"`)})`,
      ),
    );
    // Delivering the student's open plan puts them in the user's reach (src/server/reach), so the caseload check holds; the school check still applies.
    const mine = found.filter((r) => can(ctx, "cico.rate", { districtId: ctx.districtId, schoolId: r.schoolId, caseloadUserIds: [ctx.userId] }));
    await recordAudit(
      tx,
      ...mine.map((r) => ({ districtId: ctx.districtId, actorUserId: ctx.userId, action: "view" as const, entityType: "CicoCard", entityId: r.id, studentId: r.studentId, detail: { page: "rating screen", date: day } })),
    );
    return mine;
  });
  return { day, notUnderstood, today, earliest: addDays(today, -MAX_DAYS_BACK), cards: rows.map(cardTodayOf) };
}

const RECENT_DAYS = 30;

/**
 * A card's page: its setup, the day's ratings (for raters), its recent days
 * with their percentages, the CICO rules on them, and the goal it feeds.
 * 404 with a denied event outside reach; viewing is audited.
 */
export async function getCardPage(ctx: Ctx, unverifiedCardId: string, params: SearchParams) {
  await authorizePage(ctx, "cico.view", { entityType: "CicoCard" });
  const today = districtToday(ctx);
  const { day, notUnderstood } = screenDay(params, today);
  const found = await withTenant(ctx.districtId, async (tx) => {
    let v;
    try {
      v = await visibleCard(tx, ctx, unverifiedCardId, "cico.view");
    } catch (e) {
      if (e instanceof DeniedError) return { denied: e.target.studentId ?? null } as const;
      throw e;
    }
    const { card, may } = v;
    const [todayRow, days, plan, goal, revisions] = await Promise.all([
      tx.$queryRaw<CardRow[]>(cardsOfDaySql(ctx.districtId, day, Prisma.sql`c."id" = ${card.id}::uuid`)),
      tx.cicoDay.findMany({ where: { districtId: ctx.districtId, cardId: card.id, date: { lte: dateOfDay(today) } }, orderBy: { date: "desc" }, take: RECENT_DAYS }),
      tx.interventionPlan.findFirst({ where: { districtId: ctx.districtId, id: card.planId }, select: { id: true, status: true, customIntervention: true, intervention: { select: { name: true } } } }),
      tx.goal.findFirst({ where: { districtId: ctx.districtId, id: card.goalId }, select: { id: true, targetValue: true, targetDate: true, measure: { select: { name: true } } } }),
      tx.cicoRatingRevision.findMany({ where: { districtId: ctx.districtId, cardId: card.id }, orderBy: { createdAt: "desc" }, take: 10 }),
    ]);
    await recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "view", entityType: "CicoCard", entityId: card.id, studentId: card.studentId, detail: { page: "card" } });
    return { card, may, todayRow: todayRow[0]!, days, plan, goal, revisions };
  });
  if ("denied" in found) return pageNotFound(ctx, "cico.view", { entityType: "CicoCard", entityId: unverifiedCardId.slice(0, 64), studentId: found.denied });
  const { card, may, todayRow, days, plan, goal, revisions } = found;
  const cardDays: CardDay[] = days.map((d) => ({ date: toIsoDay(d.date), percent: d.absent ? null : dayPercent(d), checkedIn: d.checkedIn, checkedOut: d.checkedOut, absent: d.absent }));
  return {
    id: card.id,
    version: card.version,
    student: { id: card.studentId, name: nameOf(card.student) },
    setup: { expectations: card.expectations, periods: card.periods, scaleMax: card.scaleMax, goalPercent: card.goalPercent },
    startedOn: toIsoDay(card.startedOn),
    endedOn: card.endedOn ? toIsoDay(card.endedOn) : null,
    plan: plan ? { id: plan.id, name: plan.intervention?.name ?? plan.customIntervention ?? "Behaviour plan", status: plan.status } : null,
    goal: goal ? { id: goal.id, measure: goal.measure.name, target: goal.targetValue, targetDate: toIsoDay(goal.targetDate) } : null,
    day,
    notUnderstood,
    today,
    earliest: addDays(today, -MAX_DAYS_BACK),
    dayCard: cardTodayOf(todayRow),
    days: cardDays.map((d, i) => ({ ...d, points: days[i]!.points, possible: days[i]!.possible })),
    rules: cicoRules(cardDays, card.goalPercent),
    revisions: revisions.map((r) => ({ date: toIsoDay(r.date), period: r.period, expectation: r.expectation, previousValue: r.previousValue, value: r.value, at: r.createdAt })),
    may: { rate: may.rate && !card.endedOn, manage: may.manage && !card.endedOn },
  };
}
export type CardPage = Awaited<ReturnType<typeof getCardPage>>;

/** The school-wide expectations a new card starts with: the district's, else the defaults. */
export async function defaultExpectationsIn(tx: Tx, districtId: string): Promise<string[]> {
  const s = await tx.districtSettings.findUnique({ where: { districtId }, select: { cicoExpectations: true } });
  return s?.cicoExpectations?.length ? s.cicoExpectations : [...DEFAULT_CICO_EXPECTATIONS];
}

/** The student's open behaviour plans a card can be kept for, the CICO ones first, each with its CICO goal if it has one. */
export async function cardPlansIn(tx: Tx, ctx: Ctx, studentId: string) {
  const districtId = ctx.districtId;
  const found = await tx.interventionPlan.findMany({
    where: { districtId, status: { in: ["DRAFT", "ACTIVE"] }, area: "BEHAVIOR", students: { some: { studentId } } },
    orderBy: { startDate: "desc" },
    select: {
      id: true,
      schoolId: true,
      status: true,
      startDate: true,
      reviewDate: true,
      customIntervention: true,
      intervention: { select: { name: true } },
      goals: { where: { studentId, archivedAt: null, measure: { key: CICO_MEASURE_KEY } }, select: { id: true }, take: 1 },
    },
  });
  // Only the plans the user reaches for setting up a card (a caseload role: those they deliver, or any when the student is on their caseload).
  const plans = [];
  for (const p of found) if (can(ctx, "cico.manage", await cardReach(tx, ctx, { planId: p.id, studentId, plan: p }))) plans.push(p);
  return plans
    .map((p) => ({
      id: p.id,
      name: p.intervention?.name ?? p.customIntervention ?? "Behaviour plan",
      status: p.status,
      startDate: toIsoDay(p.startDate),
      reviewDate: toIsoDay(p.reviewDate),
      cicoGoalId: p.goals[0]?.id ?? null,
    }))
    .sort((a, b) => Number(b.name === CICO_INTERVENTION_NAME) - Number(a.name === CICO_INTERVENTION_NAME));
}

/** The form to start a card for `?student=`: the plans it can be kept for and the defaults. 404 outside reach. */
export async function getNewCardForm(ctx: Ctx, params: SearchParams) {
  await authorizePage(ctx, "cico.manage", { entityType: "Student" });
  const unverified = firstParam(params.student) ?? "";
  const found = await withTenant(ctx.districtId, async (tx) => {
    let student;
    try {
      student = await studentForCard(tx, ctx, unverified);
    } catch (e) {
      if (e instanceof DeniedError) return null;
      if (e instanceof AppError) return { refused: e.message } as const;
      throw e;
    }
    const [plans, expectations, open] = await Promise.all([
      cardPlansIn(tx, ctx, student.id),
      defaultExpectationsIn(tx, ctx.districtId),
      tx.cicoCard.findFirst({ where: { districtId: ctx.districtId, studentId: student.id, endedOn: null }, select: { id: true } }),
    ]);
    await recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "view", entityType: "Student", entityId: student.id, studentId: student.id, detail: { page: "start daily report card" } });
    return { student: { id: student.id, name: nameOf(student) }, plans, openCardId: open?.id ?? null, defaults: { expectations, periods: [...DEFAULT_CICO_PERIODS[student.school.level]], scaleMax: DEFAULT_SCALE_MAX, goalPercent: DEFAULT_GOAL_PERCENT } };
  });
  if (!found) return pageNotFound(ctx, "cico.manage", { entityType: "Student", entityId: unverified.slice(0, 64) });
  if ("refused" in found) return { refused: found.refused } as const;
  return { ...found, today: districtToday(ctx) };
}

/**
 * A student's open card for their behaviour section (null: none or not to
 * be seen): the last days' percentages and the rules, from the day rows
 * only (two statements: the card, its days).
 */
export async function studentCardIn(tx: Tx, ctx: Ctx, student: { id: string; archivedAt: Date | null }, onStudent: CicoPermissions) {
  const card = await tx.cicoCard.findFirst({
    where: { districtId: ctx.districtId, studentId: student.id, endedOn: null },
    select: { id: true, planId: true, studentId: true, goalId: true, goalPercent: true, startedOn: true, plan: { select: { schoolId: true } } },
  });
  // Starting a card needs the student in reach; seeing one, its plan (cardReach).
  if (!card) return onStudent.manage ? { card: null, may: onStudent } : null;
  const may = cicoPermissions(ctx, await cardReach(tx, ctx, card), Boolean(student.archivedAt));
  if (!may.view) return null;
  const days = await tx.cicoDay.findMany({ where: { districtId: ctx.districtId, cardId: card.id }, orderBy: { date: "desc" }, take: 20 });
  const cardDays: CardDay[] = days.map((d) => ({ date: toIsoDay(d.date), percent: d.absent ? null : dayPercent(d), checkedIn: d.checkedIn, checkedOut: d.checkedOut, absent: d.absent }));
  return {
    card: { id: card.id, goalId: card.goalId, goalPercent: card.goalPercent, startedOn: toIsoDay(card.startedOn), recent: cardDays.filter((d) => d.percent !== null).slice(0, 5), rules: cicoRules(cardDays, card.goalPercent) },
    may,
  };
}
export type StudentCard = NonNullable<Awaited<ReturnType<typeof studentCardIn>>>;

export { cicoPermissions };
