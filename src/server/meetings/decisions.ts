import "server-only";
import type { DecisionFacts, PlanFacts } from "@/domain/meetings";
import { decisionSentence, targetAmount } from "@/domain/meetings";
import { formatValue } from "@/domain/measures";
import { toIsoDay } from "@/domain/goals";
import type { Prisma } from "@/generated/prisma/client";
import { recordAudit } from "@/server/audit/record";
import type { Ctx } from "@/server/auth/session";
import { studentFirstName } from "@/server/caseloads/names";
import type { Tx } from "@/server/db/tenant";
import { AppError, fieldError } from "@/server/errors";
import { COMPLETE_STEP, createPlanIn, DISCONTINUE_STEP, stepPlanIn, updatePlanIn } from "@/server/plans/changes";
import { updateGoalIn } from "@/server/goals/changes";
import { measureOf } from "@/server/measures/queries";
import { findPlanFor, type PlanRow } from "@/server/plans/queries";
import { planTitleOf } from "@/server/plans/schemas";
import { startReferralIn } from "@/server/referrals/start";
import { todayIso } from "@/server/students/schemas";
import { recordTierDecision } from "@/server/tiers/record";
import { tiersOf } from "@/server/tiers/queries";
import { AREA_LABEL, TIER_LABEL } from "@/server/tiers/schemas";
import { agendaItemIn, meetingFor } from "./queries";
import type { TDecisionInput } from "./schemas";

const planFacts = (plan: PlanRow, over: Partial<PlanFacts> = {}): PlanFacts => ({
  title: planTitleOf(plan),
  sessionsPerWeek: plan.sessionsPerWeek,
  minutesPerSession: plan.minutesPerSession,
  interventionists: plan.interventionists.map((i) => i.membership.user.name).sort(),
  reviewDate: toIsoDay(plan.reviewDate),
  ...over,
});

const staleGoal = () =>
  new AppError(
    "CONFLICT",
    "This goal changed after the meeting page was opened (someone saved it, or another decision was applied), so this decision was not applied. Reload the page to see the goal as it is now and decide again.",
  );

const stale = () =>
  new AppError(
    "CONFLICT",
    "This plan changed after the meeting page was opened (someone saved a change, or another decision was applied), so this decision was not applied. Reload the page to see the plan as it is now and decide again.",
  );

/**
 * Records one decision of a meeting and carries it out in the caller's
 * transaction, through the same functions the plan, tier and referral forms
 * use (plans/changes.ts, tiers/record.ts, referrals/start.ts), so the rules,
 * the plan history and the audit events are theirs; the decision row keeps
 * the facts the recap is written from. The form's clientKey makes a repeated
 * submission find the decision already applied instead of applying it again;
 * a plan saved since the page was opened (its version) refuses the decision.
 */
export async function applyDecisionIn(tx: Tx, ctx: Ctx, input: TDecisionInput): Promise<{ applied: boolean; sentence: string; studentId: string; meetingId: string }> {
  const meeting = await meetingFor(tx, ctx, input.unverifiedMeetingId);
  const item = await agendaItemIn(tx, ctx, meeting, input.unverifiedStudentId);
  if (!item) throw new AppError("INVALID_INPUT", "This student is not on the meeting's agenda, so no decision can be recorded for them here. Add them to the agenda first.");
  const studentId = item.studentId;
  // Two submissions of one form at once wait for each other here, so the second finds the first's decision.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${input.clientKey}))`;
  const done = await tx.meetingDecision.findUnique({ where: { districtId_clientKey: { districtId: ctx.districtId, clientKey: input.clientKey } }, select: { meetingId: true, studentId: true, facts: true } });
  if (done) {
    if (done.meetingId !== meeting.id || done.studentId !== studentId) throw new AppError("INVALID_INPUT", "This form was already used for another decision. Reload the page and record the decision again.");
    return { applied: false, sentence: decisionSentence(done.facts as unknown as DecisionFacts), studentId, meetingId: meeting.id };
  }
  const today = todayIso();
  if (meeting.date > today) throw new AppError("INVALID_INPUT", "This meeting has not taken place yet: decisions are recorded on the day of the meeting or after.");
  const student = studentFirstName(item.student);
  const detail: Prisma.InputJsonObject = { meetingId: meeting.id };

  /** A plan named by the decision: reached for writing, of this student, not saved since the page was opened. */
  const planOf = async (p: { unverifiedPlanId: string; version: number }) => {
    const plan = await findPlanFor(tx, ctx, "plan.write", p.unverifiedPlanId);
    if (!plan.students.some((s) => s.student.id === studentId)) throw fieldError("unverifiedPlanId", "Choose one of this student's plans.");
    if (plan.version !== p.version) throw stale();
    return plan;
  };

  let facts: DecisionFacts;
  let planId: string | null = null;
  switch (input.kind) {
    case "CONTINUE": {
      const plan = await planOf(input);
      if (plan.status !== "ACTIVE") throw fieldError("unverifiedPlanId", "Only an active plan can continue.");
      planId = plan.id;
      facts = { kind: "CONTINUE", student, plan: planFacts(plan) };
      break;
    }
    case "CHANGE_PLAN": {
      const plan = await planOf(input);
      if (plan.status !== "ACTIVE") throw fieldError("unverifiedPlanId", "Only an active plan can be changed here; a draft is edited on its own page.");
      if (plan.sessionsPerWeek === input.sessionsPerWeek && plan.minutesPerSession === input.minutesPerSession) {
        throw fieldError("sessionsPerWeek", "That is the plan's dosage now. Change the sessions or the minutes, or record “continue”.");
      }
      const reviewDate = input.reviewDate ?? toIsoDay(plan.reviewDate);
      if (reviewDate <= toIsoDay(plan.startDate)) throw fieldError("reviewDate", "The review date must be after the plan's start date.");
      // The new phase starts on the day of the meeting, where the team decided it.
      const result = await updatePlanIn(
        tx,
        ctx,
        {
          unverifiedPlanId: plan.id,
          version: plan.version,
          area: plan.area,
          unverifiedInterventionId: plan.interventionId,
          customIntervention: plan.interventionId ? null : plan.customIntervention,
          unverifiedInterventionistIds: plan.interventionists.map((i) => i.membershipId),
          minutesPerSession: input.minutesPerSession,
          sessionsPerWeek: input.sessionsPerWeek,
          groupSize: plan.groupSize,
          scheduleDays: plan.scheduleDays,
          scheduleTime: plan.scheduleTime,
          startDate: toIsoDay(plan.startDate),
          reviewDate,
          notes: plan.notes,
          changeDate: meeting.date,
          changeReason: input.reason,
        },
        detail,
      );
      planId = plan.id;
      facts = {
        kind: "CHANGE_PLAN",
        student,
        before: planFacts(plan),
        plan: planFacts(plan, { sessionsPerWeek: input.sessionsPerWeek, minutesPerSession: input.minutesPerSession, reviewDate }),
        phase: result.phase?.number ?? 1,
        from: meeting.date,
      };
      break;
    }
    case "CHANGE_TIER": {
      const before = (await tiersOf(tx, ctx.districtId, studentId)).current.find((t) => t.area === input.area)?.tier ?? null;
      if (before === input.tier) throw fieldError("tier", `${student} is already at ${TIER_LABEL[input.tier]} in ${AREA_LABEL[input.area].toLowerCase()}.`);
      await recordTierDecision(tx, ctx, { unverifiedStudentId: studentId, area: input.area, tier: input.tier, effectiveDate: meeting.date, reason: input.reason }, detail);
      facts = { kind: "CHANGE_TIER", student, area: AREA_LABEL[input.area], tier: TIER_LABEL[input.tier], before: before ? TIER_LABEL[before] : null };
      break;
    }
    case "END_PLAN": {
      const plan = await planOf(input);
      const ref = { unverifiedPlanId: plan.id, version: plan.version, endDate: meeting.date };
      if (input.outcome === "COMPLETED") await stepPlanIn(tx, ctx, COMPLETE_STEP, { ...ref, note: input.reason }, detail);
      else await stepPlanIn(tx, ctx, DISCONTINUE_STEP, { ...ref, reason: input.reason ?? "" }, detail);
      planId = plan.id;
      facts = { kind: "END_PLAN", student, plan: planFacts(plan), outcome: input.outcome, reason: input.reason };
      break;
    }
    case "START_REFERRAL": {
      await startReferralIn(tx, ctx, { unverifiedStudentId: studentId, reason: input.reason, concerns: null, referredOn: meeting.date }, detail);
      facts = { kind: "START_REFERRAL", student, reason: input.reason };
      break;
    }
    case "CHANGE_GOAL": {
      const goal = await tx.goal.findFirst({
        where: { id: input.unverifiedGoalId, districtId: ctx.districtId, studentId },
        include: { measure: true, plan: { select: { area: true } } },
      });
      if (!goal) throw fieldError("unverifiedGoalId", "Choose one of this student's goals.");
      if (goal.version !== input.goalVersion) throw staleGoal();
      const before = { value: goal.targetValue, date: toIsoDay(goal.targetDate) };
      if (before.value === input.targetValue && before.date === input.targetDate) {
        throw fieldError("targetValue", "That is the goal's target now. Change the target or its date, or record “continue”.");
      }
      // The goal keeps its measure and baseline (as typed, or the probes it is the median of); the form's own checks then apply.
      const baseline = goal.baselineScores.length
        ? { probes: goal.baselineScores.map((value, i) => ({ value, date: toIsoDay(goal.baselineDates[i]!) })) }
        : { value: goal.baselineValue, date: toIsoDay(goal.baselineDate) };
      await updateGoalIn(
        tx,
        ctx,
        { unverifiedGoalId: goal.id, version: goal.version, unverifiedMeasureId: goal.measureId, baseline, target: input.targetValue, targetDate: input.targetDate, roiConfirmed: input.confirmRoi === "yes" },
        { changedOn: meeting.date, reason: input.reason, meetingId: meeting.id, detail },
      );
      const measure = measureOf(goal.measure);
      const better = measure.direction === "higher" ? input.targetValue > before.value : input.targetValue < before.value;
      const amount = (v: number) => targetAmount(measure.phrase, formatValue(measure, v));
      planId = goal.planId;
      facts = {
        kind: "CHANGE_GOAL",
        student,
        area: AREA_LABEL[goal.plan.area],
        target: { amount: amount(input.targetValue), date: input.targetDate },
        before: { amount: amount(before.value), date: before.date },
        raised: better,
      };
      break;
    }
    case "START_PLAN": {
      if (input.reviewDate <= meeting.date) throw fieldError("reviewDate", "The review date must be after the meeting, when the plan starts.");
      const open = await tx.interventionPlan.findFirst({
        where: { districtId: ctx.districtId, status: { in: ["DRAFT", "ACTIVE"] }, interventionId: input.unverifiedInterventionId, students: { some: { studentId } } },
        select: { status: true, intervention: { select: { name: true } } },
      });
      if (open) {
        throw fieldError(
          "unverifiedInterventionId",
          `${student} already has ${open.status === "DRAFT" ? "a draft" : "an active"} ${open.intervention?.name ?? ""} plan (written since the page was opened, or before). Record a decision about that plan, or choose another intervention.`,
        );
      }
      const created = await createPlanIn(
        tx,
        ctx,
        {
          unverifiedStudentIds: [studentId],
          area: input.area,
          unverifiedInterventionId: input.unverifiedInterventionId,
          customIntervention: null,
          unverifiedInterventionistIds: [input.unverifiedInterventionistIds],
          minutesPerSession: input.minutesPerSession,
          sessionsPerWeek: input.sessionsPerWeek,
          groupSize: null,
          scheduleDays: [],
          scheduleTime: null,
          startDate: meeting.date,
          reviewDate: input.reviewDate,
          notes: null,
        },
        detail,
      );
      const intervention = await tx.intervention.findFirst({ where: { id: input.unverifiedInterventionId, districtId: ctx.districtId }, select: { name: true } });
      planId = created.planId;
      facts = {
        kind: "START_PLAN",
        student,
        plan: {
          title: intervention?.name ?? "Intervention",
          sessionsPerWeek: input.sessionsPerWeek,
          minutesPerSession: input.minutesPerSession,
          interventionists: created.content.interventionists.map((i) => i.name),
          reviewDate: input.reviewDate,
        },
        from: meeting.date,
      };
      break;
    }
  }
  const row = await tx.meetingDecision.create({
    data: { districtId: ctx.districtId, meetingId: meeting.id, studentId, kind: input.kind, planId, clientKey: input.clientKey, facts: facts as unknown as Prisma.InputJsonObject, createdByUserId: ctx.userId },
    select: { id: true },
  });
  await recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "create", entityType: "MeetingDecision", entityId: row.id, studentId, detail: { meetingId: meeting.id, kind: input.kind, ...(planId ? { planId } : {}) } });
  return { applied: true, sentence: decisionSentence(facts), studentId, meetingId: meeting.id };
}
