"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { ActionState } from "@/domain/action-state";
import { CICO_MEASURE_KEY, cardSetupProblems, cleanLabels, ratingProblem, type CardSetup } from "@/domain/cico";
import { addDays } from "@/domain/dosage";
import { dateOfDay, toIsoDay } from "@/domain/goals";
import { formToObject, runAction, withSubmitted } from "@/server/action";
import { recordAudit } from "@/server/audit/record";
import { authorizeAction } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import { withTenant } from "@/server/db/tenant";
import { AppError, fieldError, fieldErrors } from "@/server/errors";
import { studentForCard, visibleCard } from "./access";
import { cardPlansIn, districtToday, MAX_DAYS_BACK } from "./queries";
import { saveRatingsIn } from "./ratings";
import { CARD_ARRAY_KEYS, ZCicoDefaultsInput, ZEndCardInput, ZMarkDayInput, ZRatePeriodInput, ZStartCardInput, ZUpdateCardInput } from "./schemas";

// Daily behaviour report cards (issue 15, decision 014): start a card, change
// its setup, end it, rate a period, mark check-in / check-out / absence, and
// the district's default expectations. Every write is audited.

function revalidateCard(card: { id: string; studentId: string; goalId?: string; planId?: string }) {
  revalidatePath("/behavior/cards");
  revalidatePath(`/behavior/cards/${card.id}`);
  revalidatePath(`/students/${card.studentId}`);
  if (card.goalId) revalidatePath(`/goals/${card.goalId}`, "layout");
  if (card.planId) revalidatePath(`/plans/${card.planId}`, "layout");
}

/** The setup typed in, checked (field errors otherwise). */
function setupOf(input: { expectations: string[]; periods: string[]; scaleMax: number; goalPercent: number }): CardSetup {
  const setup = { expectations: cleanLabels(input.expectations), periods: cleanLabels(input.periods), scaleMax: input.scaleMax, goalPercent: input.goalPercent };
  const problems = cardSetupProblems(setup);
  if (Object.keys(problems).length) throw fieldErrors(Object.fromEntries(Object.entries(problems).map(([k, v]) => [k, [v]])));
  return setup;
}

/** A day a rating or mark may be for: not in the future (the district's today), not older than the screen offers. */
function checkDay(ctx: Ctx, date: string, startedOn: Date) {
  const today = districtToday(ctx);
  if (date > today) throw new AppError("INVALID_INPUT", "That day is in the future: rate a day once it has happened. Nothing was saved.");
  if (date < addDays(today, -MAX_DAYS_BACK)) throw new AppError("INVALID_INPUT", `Ratings are entered within ${MAX_DAYS_BACK} days of the day. Nothing was saved.`);
  if (date < toIsoDay(startedOn)) throw new AppError("INVALID_INPUT", "The card had not started on that day. Nothing was saved.");
}

/**
 * Starts a card for a student, kept for one of their open behaviour plans
 * and feeding that plan's goal on the CICO measure (made here from the
 * baseline and the daily goal when the plan has none). One open card per
 * student.
 */
export async function startCicoCard(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("startCicoCard", ZStartCardInput, formToObject(form, CARD_ARRAY_KEYS), async (ctx, input) => {
    authorizeAction(ctx, "cico.manage", { entityType: "Student" });
    const setup = setupOf(input);
    if (input.startedOn > districtToday(ctx)) throw fieldError("startedOn", "The first day cannot be in the future.");
    return withTenant(ctx.districtId, async (tx) => {
      const student = await studentForCard(tx, ctx, input.unverifiedStudentId);
      const plan = (await cardPlansIn(tx, ctx, student.id)).find((p) => p.id === input.unverifiedPlanId);
      if (!plan) throw fieldError("unverifiedPlanId", "Choose one of the student's open behaviour plans.");
      if (input.startedOn < plan.startDate) throw fieldError("startedOn", "The card starts on or after the plan's start date.");
      const open = await tx.cicoCard.findFirst({ where: { districtId: ctx.districtId, studentId: student.id, endedOn: null }, select: { id: true } });
      if (open) throw new AppError("INVALID_INPUT", "This student has an open daily report card already: change its setup, or end it first. Nothing was saved.");
      let goalId = plan.cicoGoalId;
      if (!goalId) {
        if (input.baseline === undefined) throw fieldError("baseline", "The plan has no goal on the daily percentage yet: enter the student's typical daily percentage before the card, and a goal is made from it.");
        const measure = await tx.measure.findFirst({ where: { districtId: ctx.districtId, key: CICO_MEASURE_KEY, archivedAt: null }, select: { id: true } });
        if (!measure) throw new AppError("INVALID_INPUT", "Your district has no “CICO percent of points earned” measure. Ask your administrator to restore it.");
        const targetDate = plan.reviewDate > input.startedOn ? plan.reviewDate : addDays(input.startedOn, 56);
        const goal = await tx.goal.create({
          data: {
            districtId: ctx.districtId,
            planId: plan.id,
            studentId: student.id,
            measureId: measure.id,
            baselineValue: input.baseline,
            baselineDate: dateOfDay(input.startedOn),
            baselineScores: [],
            baselineDates: [],
            targetValue: setup.goalPercent,
            targetDate: dateOfDay(targetDate),
            createdByUserId: ctx.userId,
          },
          select: { id: true },
        });
        goalId = goal.id;
        await recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "create", entityType: "Goal", entityId: goal.id, studentId: student.id, detail: { planId: plan.id, source: "daily report card" } });
      }
      const card = await tx.cicoCard.create({
        data: { districtId: ctx.districtId, studentId: student.id, planId: plan.id, goalId, ...setup, startedOn: dateOfDay(input.startedOn), createdByUserId: ctx.userId },
        select: { id: true, studentId: true, planId: true, goalId: true },
      });
      await recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "create", entityType: "CicoCard", entityId: card.id, studentId: student.id, detail: { planId: plan.id, goalId } });
      return card;
    });
  });
  if (!result.ok) return withSubmitted(result, form, CARD_ARRAY_KEYS);
  revalidateCard(result.data);
  redirect(`/behavior/cards/${result.data.id}?started=1`);
}

/** Changes a card's expectations, periods, scale or daily goal; days already rated keep their ratings. */
export async function updateCicoCard(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("updateCicoCard", ZUpdateCardInput, formToObject(form, CARD_ARRAY_KEYS), async (ctx, input) => {
    authorizeAction(ctx, "cico.manage", { entityType: "CicoCard" });
    const setup = setupOf(input);
    return withTenant(ctx.districtId, async (tx) => {
      const { card } = await visibleCard(tx, ctx, input.unverifiedCardId, "cico.manage");
      const fields = (Object.keys(setup) as (keyof CardSetup)[]).filter((k) => JSON.stringify(card[k]) !== JSON.stringify(setup[k]));
      if (fields.length === 0) return { card, changed: false };
      const { count } = await tx.cicoCard.updateMany({ where: { id: card.id, districtId: ctx.districtId, version: input.version }, data: { ...setup, version: { increment: 1 } } });
      if (count === 0) throw new AppError("CONFLICT", "Someone else changed this card since you opened the page, so your change was not saved. Reload the page and make it again.");
      await recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "update", entityType: "CicoCard", entityId: card.id, studentId: card.studentId, detail: { fields } });
      return { card, changed: true };
    });
  });
  if (!result.ok) return withSubmitted(result, form, CARD_ARRAY_KEYS);
  if (!result.data.changed) return { ok: true, message: "There were no changes to save." };
  revalidateCard(result.data.card);
  return { ok: true, message: "Card saved." };
}

/** Ends a card (kept with its days); the student may then get a new one. */
export async function endCicoCard(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("endCicoCard", ZEndCardInput, formToObject(form), async (ctx, input) => {
    authorizeAction(ctx, "cico.manage", { entityType: "CicoCard" });
    return withTenant(ctx.districtId, async (tx) => {
      const { card } = await visibleCard(tx, ctx, input.unverifiedCardId, "cico.manage");
      const today = districtToday(ctx);
      const endedOn = today < toIsoDay(card.startedOn) ? toIsoDay(card.startedOn) : today;
      const { count } = await tx.cicoCard.updateMany({ where: { id: card.id, districtId: ctx.districtId, version: input.version, endedOn: null }, data: { endedOn: dateOfDay(endedOn), version: { increment: 1 } } });
      if (count === 0) throw new AppError("CONFLICT", "Someone else changed this card since you opened the page. Reload the page.");
      await recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "update", entityType: "CicoCard", entityId: card.id, studentId: card.studentId, detail: { fields: ["endedOn"] } });
      return card;
    });
  });
  if (!result.ok) return result;
  revalidateCard(result.data);
  return { ok: true, message: "Card ended. Its days stay on the card and on the goal graph." };
}

/**
 * Rates one expectation of one period (one tap), or every expectation of the
 * period at one value (the "all met" tap). Refused whole, with nothing saved,
 * when the day is in the future, the period or an expectation is not on the
 * card, a value is off the card's scale, or the day is marked absent.
 */
export async function rateCicoPeriod(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("rateCicoPeriod", ZRatePeriodInput, formToObject(form), async (ctx, input) => {
    authorizeAction(ctx, "cico.rate", { entityType: "CicoCard" });
    return withTenant(ctx.districtId, async (tx) => {
      const { card } = await visibleCard(tx, ctx, input.unverifiedCardId, "cico.rate");
      checkDay(ctx, input.date, card.startedOn);
      const ratings = input.ratings ?? card.expectations.map((expectation) => ({ expectation, value: input.allValue! }));
      for (const r of ratings) {
        const problem = ratingProblem(card, { period: input.period, ...r });
        if (problem) throw new AppError("INVALID_INPUT", `${problem} Nothing was saved.`);
      }
      const day = await tx.cicoDay.findUnique({ where: { districtId_cardId_date: { districtId: ctx.districtId, cardId: card.id, date: dateOfDay(input.date) } }, select: { absent: true } });
      if (day?.absent) throw new AppError("INVALID_INPUT", "This day is marked absent. Clear the absence first if the student was at school. Nothing was saved.");
      const saved = await saveRatingsIn(tx, ctx, card, input.date, input.period, ratings);
      return { card, saved, period: input.period };
    });
  });
  if (!result.ok) return result;
  const { card, saved, period } = result.data;
  if (saved.created + saved.corrected > 0) revalidateCard(card);
  const day = saved.percent === null ? "" : ` The day so far: ${saved.percent}%.`;
  if (saved.created + saved.corrected === 0) return { ok: true, message: `${period}: already recorded.${day}` };
  return { ok: true, message: `${period}: ${saved.corrected ? "rating corrected" : "saved"}.${day}` };
}

/** Sets or clears the day's check-in, check-out or absence. An absence is refused on a day with ratings. */
export async function markCicoDay(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("markCicoDay", ZMarkDayInput, formToObject(form), async (ctx, input) => {
    authorizeAction(ctx, "cico.rate", { entityType: "CicoCard" });
    return withTenant(ctx.districtId, async (tx) => {
      const { card } = await visibleCard(tx, ctx, input.unverifiedCardId, "cico.rate");
      checkDay(ctx, input.date, card.startedOn);
      const key = { districtId: ctx.districtId, cardId: card.id, date: dateOfDay(input.date) };
      const day = await tx.cicoDay.findUnique({ where: { districtId_cardId_date: key } });
      if (input.mark === "absent" && input.on && (day?.possible ?? 0) > 0) throw new AppError("INVALID_INPUT", "This day has ratings, so the student was at school for part of it: leave the periods they missed unrated instead. Nothing was saved.");
      if (input.mark !== "absent" && input.on && day?.absent) throw new AppError("INVALID_INPUT", "This day is marked absent. Clear the absence first. Nothing was saved.");
      if ((day?.[input.mark] ?? false) === input.on) return { card, changed: false };
      await tx.cicoDay.upsert({
        where: { districtId_cardId_date: key },
        create: { ...key, [input.mark]: input.on, updatedByUserId: ctx.userId },
        update: { [input.mark]: input.on, updatedByUserId: ctx.userId },
      });
      await recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "update", entityType: "CicoDay", entityId: card.id, studentId: card.studentId, detail: { date: input.date, [input.mark]: input.on } });
      return { card, changed: true };
    });
  });
  if (!result.ok) return result;
  if (result.data.changed) revalidateCard(result.data.card);
  return { ok: true, message: "Saved." };
}

/** The district's school-wide expectations new cards start with (administrators, with the district's settings). */
export async function saveCicoDefaults(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("saveCicoDefaults", ZCicoDefaultsInput, formToObject(form, ["expectations"]), async (ctx, input) => {
    authorizeAction(ctx, "settings.manage", { entityType: "DistrictSettings" });
    const expectations = cleanLabels(input.expectations);
    const problem = cardSetupProblems({ expectations, periods: ["a", "b"], scaleMax: 2, goalPercent: 80 }).expectations;
    if (problem) throw fieldError("expectations", problem);
    return withTenant(ctx.districtId, async (tx) => {
      await tx.districtSettings.upsert({ where: { districtId: ctx.districtId }, create: { districtId: ctx.districtId, cicoExpectations: expectations }, update: { cicoExpectations: expectations } });
      await recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "update", entityType: "DistrictSettings", entityId: ctx.districtId, detail: { fields: ["cicoExpectations"] } });
    });
  });
  if (!result.ok) return withSubmitted(result, form, ["expectations"]);
  revalidatePath("/admin/settings");
  return { ok: true, message: "Default expectations saved. Cards already started keep theirs." };
}
