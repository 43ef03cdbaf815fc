"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { z } from "zod";
import type { ActionState } from "@/domain/action-state";
import { planFitProblems } from "@/domain/plan-fit";
import { formToObject, runAction, withSubmitted } from "@/server/action";
import { authorizeAction } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import { listNames, STUDENT_NAME_SELECT, studentDisplayName } from "@/server/caseloads/names";
import { withTenant, type Tx } from "@/server/db/tenant";
import { DeniedError, fieldErrors } from "@/server/errors";
import { auditPlan, fitStudentsOf, PLAN_TARGET, type PlanRow } from "./queries";
import { studentsReach } from "@/server/reach";
import { COMPLETE_STEP, DISCONTINUE_STEP, interventionistRows, phaseOf, planContent, refuse, stepPlanIn, updatePlanIn, type Step } from "./changes";
import {
  NEW_PLAN_ARRAY_FIELDS,
  PLAN_ARRAY_FIELDS,
  ZCompletePlanInput,
  ZCreatePlanInput,
  ZDiscontinuePlanInput,
  ZApprovePlanInput,
  ZPlanStepInput,
  ZReturnPlanInput,
  ZUpdatePlanInput,
  type TPlanStepInput,
} from "./schemas";

/**
 * The chosen students: each must be found in the district and in the user's
 * reach for writing plans (otherwise a denied attempt, 404), open, and all at one school.
 */
async function plannedStudents(tx: Tx, ctx: Ctx, unverifiedStudentIds: string[]) {
  const students = await tx.student.findMany({
    where: { districtId: ctx.districtId, id: { in: unverifiedStudentIds } },
    select: { id: true, schoolId: true, archivedAt: true, ...STUDENT_NAME_SELECT, school: { select: { name: true } } },
  });
  const byId = new Map(students.map((s) => [s.id, s]));
  const reach = await studentsReach(tx, ctx, students);
  for (const id of unverifiedStudentIds) {
    const student = byId.get(id);
    const target = { entityType: "Student", entityId: id };
    if (!student) throw new DeniedError("plan.write", target);
    authorizeAction(ctx, "plan.write", { ...target, studentId: id, ...reach.get(id)! });
  }
  const archived = students.filter((s) => s.archivedAt);
  if (archived.length) throw fieldErrors({ unverifiedStudentIds: [`Archived students cannot be put on a plan: ${listNames(archived.map(studentDisplayName))}.`] });
  const schools = [...new Set(students.map((s) => s.school.name))];
  if (schools.length > 1) throw fieldErrors({ unverifiedStudentIds: [`The students of a plan must all be at one school; these are at ${listNames(schools)}.`] });
  return students;
}

/** Creates a draft plan with its students, interventionists and phase 1, then opens it. */
export async function createPlan(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("createPlan", ZCreatePlanInput, formToObject(form, NEW_PLAN_ARRAY_FIELDS), async (ctx, input) => {
    authorizeAction(ctx, "plan.write", PLAN_TARGET);
    return withTenant(ctx.districtId, async (tx) => {
      const students = await plannedStudents(tx, ctx, input.unverifiedStudentIds);
      const { schoolId, school } = students[0]!;
      const content = await planContent(tx, ctx, input, { schoolId, schoolName: school.name, studentCount: students.length });
      const { districtId } = ctx;
      const plan = await tx.interventionPlan.create({ data: { ...content.data, districtId, schoolId, createdByUserId: ctx.userId }, select: { id: true } });
      const studentIds = students.map((s) => s.id);
      await tx.planStudent.createMany({ data: studentIds.map((studentId) => ({ districtId, planId: plan.id, studentId })) });
      await tx.planInterventionist.createMany({ data: interventionistRows(districtId, plan.id, content) });
      await tx.planPhase.create({ data: { districtId, planId: plan.id, number: 1, startDate: content.data.startDate, ...phaseOf(content), createdByUserId: ctx.userId } });
      await tx.planEvent.create({ data: { districtId, planId: plan.id, kind: "CREATED", actorUserId: ctx.userId } });
      await auditPlan(tx, ctx, plan.id, studentIds, "create", { area: input.area, status: "DRAFT" });
      return plan.id;
    });
  });
  if (!result.ok) return withSubmitted(result, form, NEW_PLAN_ARRAY_FIELDS);
  revalidatePath("/", "layout");
  redirect(`/plans/${result.data}`);
}

/** The plan form's edit (updatePlanIn). */
export async function updatePlan(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("updatePlan", ZUpdatePlanInput, formToObject(form, PLAN_ARRAY_FIELDS), (ctx, input) => withTenant(ctx.districtId, (tx) => updatePlanIn(tx, ctx, input)));
  if (!result.ok) return withSubmitted(result, form, PLAN_ARRAY_FIELDS);
  if (!result.data.changed) return { ok: true, message: "There were no changes to save." };
  revalidatePath("/", "layout");
  redirect(`/plans/${result.data.planId}`);
}

async function stepPlan<S extends z.ZodType<TPlanStepInput>>(name: string, schema: S, form: FormData, step: Step<z.output<S>>): Promise<ActionState> {
  const result = await runAction(name, schema, formToObject(form), (ctx, input) => withTenant(ctx.districtId, (tx) => stepPlanIn(tx, ctx, step, input)));
  if (!result.ok) return withSubmitted(result, form);
  revalidatePath("/", "layout");
  return { ok: true, message: result.data };
}

const awaitingApproval = (plan: PlanRow) => plan.status === "DRAFT" && plan.submittedAt !== null;
const mustAwaitApproval = (_tx: Tx, _ctx: Ctx, plan: PlanRow) => {
  if (!awaitingApproval(plan)) refuse("Only a draft submitted for approval can be approved or sent back.");
};

/** The author asks for approval; a comment from an earlier return is cleared (it stays in the history). */
export async function submitPlan(_prev: ActionState, form: FormData): Promise<ActionState> {
  return stepPlan("submitPlan", ZPlanStepInput, form, {
    action: "plan.write",
    check: (_tx, _ctx, plan) => {
      if (plan.status !== "DRAFT" || plan.submittedAt) refuse("Only a draft that is not already waiting for approval can be submitted.");
    },
    data: () => ({ submittedAt: new Date(), returnComment: null }),
    event: "SUBMITTED",
    message: () => "Submitted for approval.",
  });
}

/**
 * A coordinator (or administrator) makes a submitted draft active; it needs
 * at least one goal, and when it does not fit its intervention
 * (planFitProblems) the reason it is approved anyway, kept as the approval
 * event's comment and in the audit event.
 */
export async function approvePlan(_prev: ActionState, form: FormData): Promise<ActionState> {
  return stepPlan("approvePlan", ZApprovePlanInput, form, {
    action: "plan.approve",
    check: async (tx, ctx, plan, input) => {
      mustAwaitApproval(tx, ctx, plan);
      const goals = await tx.goal.count({ where: { districtId: ctx.districtId, planId: plan.id, archivedAt: null } });
      if (goals === 0) refuse("This plan has no goal yet. A plan needs at least one measurable goal before it can be approved: send it back to ask for one.");
      const problems = planFitProblems(plan, plan.intervention, fitStudentsOf(plan));
      if (problems.length && !input.fitReason) {
        throw fieldErrors({ fitReason: [`${problems.join(" ")} Say why it is approved anyway, or send it back.`] });
      }
    },
    data: (ctx) => ({ status: "ACTIVE", approvedByUserId: ctx.userId, approvedAt: new Date() }),
    comment: (input) => input.fitReason,
    auditDetail: (input) => (input.fitReason ? { fitReason: input.fitReason } : {}),
    event: "APPROVED",
    message: () => "Approved: the plan is active.",
  });
}

/** Sends a submitted draft back to its author with a comment saying what to change. */
export async function returnPlan(_prev: ActionState, form: FormData): Promise<ActionState> {
  return stepPlan("returnPlan", ZReturnPlanInput, form, {
    action: "plan.approve",
    check: mustAwaitApproval,
    data: (_ctx, input) => ({ submittedAt: null, returnComment: input.comment }),
    event: "RETURNED",
    comment: (input) => input.comment,
    message: () => "Sent back to the author with your comment.",
  });
}

export async function completePlan(_prev: ActionState, form: FormData): Promise<ActionState> {
  return stepPlan("completePlan", ZCompletePlanInput, form, COMPLETE_STEP);
}

export async function discontinuePlan(_prev: ActionState, form: FormData): Promise<ActionState> {
  return stepPlan("discontinuePlan", ZDiscontinuePlanInput, form, DISCONTINUE_STEP);
}
