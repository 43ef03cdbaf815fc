import "server-only";
import { formatDay } from "@/domain/time-zone";
import { dateOfDay, toIsoDay } from "@/domain/goals";
import type { PlanEventKind, Prisma } from "@/generated/prisma/client";
import { authorizeAction } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import { listNames, STUDENT_NAME_SELECT, studentDisplayName } from "@/server/caseloads/names";
import { workingIn } from "@/server/caseloads/queries";
import { studentsReach } from "@/server/reach";
import type { Tx } from "@/server/db/tenant";
import { AppError, DeniedError, fieldErrors } from "@/server/errors";
import { todayIso } from "@/server/students/schemas";
import { AREA_LABEL, type InterventionArea } from "@/server/tiers/schemas";
import { findActiveInterventionIn } from "@/server/interventions/queries";
import { auditPlan, findPlanFor, INTERVENTIONIST_ROLES, isOpen, PLAN_TARGET, studentIdsOf, type PlanRow } from "./queries";
import type { TCompletePlanInput, TCreatePlanInput, TDiscontinuePlanInput, TPlanStepInput, TUpdatePlanInput } from "./schemas";

// The plan changes that more than one caller makes (the plan's own forms and a
// meeting's decisions), each inside the caller's transaction. Not a "use
// server" file: these take a transaction and must never be public endpoints.

export const conflict = () =>
  new AppError(
    "CONFLICT",
    "Someone else changed this plan since you opened it, so your change was not saved. Reload the page to see the plan as it is now, then make your change again.",
  );

type PlanFields = Omit<TCreatePlanInput, "unverifiedStudentIds">;

/**
 * The plan's columns from the form, after checking the intervention (in the
 * library, in use, of the plan's area) and the interventionists (active
 * staff of the school). The intervention the plan already has is kept even
 * if it was retired since.
 */
export async function planContent(tx: Tx, ctx: Ctx, input: PlanFields, plan: { schoolId: string; schoolName: string; studentCount: number; current?: PlanRow }) {
  const errors: Record<string, string[]> = {};
  let intervention: { id: string; name: string; area: InterventionArea } | null = null;
  if (input.unverifiedInterventionId) {
    const kept = plan.current?.intervention?.id === input.unverifiedInterventionId ? plan.current.intervention : null;
    intervention = kept ?? (await findActiveInterventionIn(tx, ctx.districtId, input.unverifiedInterventionId));
    if (!intervention) errors.unverifiedInterventionId = ["Choose an intervention from the library's list."];
    else if (intervention.area !== input.area) {
      const area = (a: InterventionArea) => AREA_LABEL[a].toLowerCase();
      errors.unverifiedInterventionId = [`${intervention.name} is a ${area(intervention.area)} intervention. Choose one for ${area(input.area)}, or change the area.`];
    }
  }
  const members = await tx.membership.findMany({
    where: { districtId: ctx.districtId, id: { in: input.unverifiedInterventionistIds }, deactivatedAt: null, role: { in: [...INTERVENTIONIST_ROLES] }, ...workingIn([plan.schoolId]) },
    select: { id: true, user: { select: { name: true } } },
  });
  if (members.length !== input.unverifiedInterventionistIds.length) {
    errors.unverifiedInterventionistIds = [`Choose interventionists from the list: active staff of ${plan.schoolName}.`];
  }
  const groupSize = input.groupSize ?? plan.studentCount;
  if (groupSize < plan.studentCount) errors.groupSize = [`The group has at least the ${plan.studentCount} students of this plan.`];
  if (Object.keys(errors).length) throw fieldErrors(errors);
  return {
    data: {
      area: input.area,
      interventionId: intervention?.id ?? null,
      customIntervention: intervention ? null : input.customIntervention,
      minutesPerSession: input.minutesPerSession,
      sessionsPerWeek: input.sessionsPerWeek,
      groupSize,
      scheduleDays: input.scheduleDays,
      scheduleTime: input.scheduleTime,
      startDate: dateOfDay(input.startDate),
      reviewDate: dateOfDay(input.reviewDate),
      notes: input.notes,
    },
    interventionists: members.map((m) => ({ membershipId: m.id, name: m.user.name })).sort((a, b) => a.name.localeCompare(b.name, "en")),
  };
}
export type PlanContent = Awaited<ReturnType<typeof planContent>>;

/** What a phase records: the intervention, dosage and interventionists in force. */
export const phaseOf = ({ data, interventionists }: PlanContent) => ({
  interventionId: data.interventionId,
  customIntervention: data.customIntervention,
  minutesPerSession: data.minutesPerSession,
  sessionsPerWeek: data.sessionsPerWeek,
  groupSize: data.groupSize,
  interventionistNames: interventionists.map((i) => i.name),
});

export const interventionistRows = (districtId: string, planId: string, content: PlanContent) =>
  content.interventionists.map((i) => ({ districtId, planId, membershipId: i.membershipId }));

/** The columns an edit compares, and whether a change of each starts a new phase once the plan is active. */
const COMPARED = {
  area: false,
  interventionId: true,
  customIntervention: true,
  minutesPerSession: true,
  sessionsPerWeek: true,
  groupSize: true,
  scheduleDays: false,
  scheduleTime: false,
  startDate: false,
  reviewDate: false,
  notes: false,
} as const satisfies Record<keyof PlanContent["data"], boolean>;

const comparable = (v: unknown) => (v instanceof Date ? toIsoDay(v) : Array.isArray(v) ? v.join(",") : v);

/**
 * Saves an edit unless someone saved since the form was opened. A draft's
 * phase 1 follows its edits. Once active, a change of intervention, dosage
 * or interventionists adds a dated phase (not before the current one, not in
 * the future) with what changed and why; the area and start date are fixed.
 * The plan form and a meeting's "change the plan" decision both come here;
 * `detail` adds to the audit event (e.g. the meeting).
 */
export async function updatePlanIn(tx: Tx, ctx: Ctx, input: TUpdatePlanInput, detail: Prisma.InputJsonObject = {}) {
  authorizeAction(ctx, "plan.write", { ...PLAN_TARGET, entityId: input.unverifiedPlanId.slice(0, 64) });
  const plan = await findPlanFor(tx, ctx, "plan.write", input.unverifiedPlanId);
  if (plan.version !== input.version) throw conflict();
  if (!isOpen(plan.status)) throw new AppError("INVALID_INPUT", "This plan has ended, so it can no longer be changed.");
  const draft = plan.status === "DRAFT";
  if (!draft && input.area !== plan.area) throw fieldErrors({ area: ["The area of an active plan cannot change. Complete or discontinue it and write a new plan."] });
  if (!draft && input.startDate !== toIsoDay(plan.startDate)) throw fieldErrors({ startDate: ["The start date of an active plan cannot change; a change to the plan starts a new phase instead."] });

  const content = await planContent(tx, ctx, input, { schoolId: plan.schoolId, schoolName: plan.school.name, studentCount: plan.students.length, current: plan });
  const changed = (Object.keys(COMPARED) as (keyof typeof COMPARED)[]).filter((k) => comparable(plan[k]) !== comparable(content.data[k]));
  const membershipIds = (rows: { membershipId: string }[]) => rows.map((i) => i.membershipId).sort().join(",");
  const interventionistsChanged = membershipIds(plan.interventionists) !== membershipIds(content.interventionists);
  const fields: string[] = [...changed, ...(interventionistsChanged ? ["interventionists"] : [])];
  if (fields.length === 0) return { changed: false, planId: plan.id, phase: null } as const;

  const { districtId } = ctx;
  const { count } = await tx.interventionPlan.updateMany({ where: { id: plan.id, districtId, version: input.version }, data: { ...content.data, version: { increment: 1 } } });
  if (count === 0) throw conflict();
  if (interventionistsChanged) {
    await tx.planInterventionist.deleteMany({ where: { districtId, planId: plan.id } });
    await tx.planInterventionist.createMany({ data: interventionistRows(districtId, plan.id, content) });
  }
  let phase: { number: number; startDate: string } | null = null;
  if (draft) {
    await tx.planPhase.updateMany({ where: { districtId, planId: plan.id, number: 1 }, data: { startDate: content.data.startDate, ...phaseOf(content) } });
  } else if (interventionistsChanged || changed.some((k) => COMPARED[k])) {
    phase = await addPhase(tx, ctx, plan, content, input.changeDate ?? todayIso(), input.changeReason);
  }
  await auditPlan(tx, ctx, plan.id, studentIdsOf(plan), "update", { fields, ...(phase ? { phase: phase.number } : {}), ...detail });
  return { changed: true, planId: plan.id, phase } as const;
}

/** The next phase of an active plan, from changeDate, and its CHANGED event. */
async function addPhase(tx: Tx, ctx: Ctx, plan: PlanRow, content: PlanContent, changeDate: string, changeReason: string | null) {
  if (!changeReason) throw fieldErrors({ changeReason: ["Say what changed and why: a change of intervention, dosage or interventionists starts a new phase."] });
  const current = await tx.planPhase.findFirst({ where: { districtId: ctx.districtId, planId: plan.id }, orderBy: { number: "desc" }, select: { number: true, startDate: true } });
  const currentStart = toIsoDay(current?.startDate ?? plan.startDate);
  if (changeDate < currentStart) throw fieldErrors({ changeDate: [`The change cannot start before the current phase, which began on ${formatDay(currentStart)}.`] });
  const number = (current?.number ?? 0) + 1;
  await tx.planPhase.create({
    data: { districtId: ctx.districtId, planId: plan.id, number, startDate: dateOfDay(changeDate), ...phaseOf(content), change: changeReason, createdByUserId: ctx.userId },
  });
  await tx.planEvent.create({ data: { districtId: ctx.districtId, planId: plan.id, kind: "CHANGED", comment: changeReason, actorUserId: ctx.userId } });
  return { number, startDate: changeDate };
}

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

/**
 * A new draft plan with its students, interventionists and phase 1, its
 * CREATED event and audit event. The new-plan form and a meeting's "start a
 * plan" decision both come here; `detail` adds to the audit event (e.g. the meeting).
 */
export async function createPlanIn(tx: Tx, ctx: Ctx, input: TCreatePlanInput, detail: Prisma.InputJsonObject = {}) {
  authorizeAction(ctx, "plan.write", PLAN_TARGET);
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
  await auditPlan(tx, ctx, plan.id, studentIds, "create", { area: input.area, status: "DRAFT", ...detail });
  return { planId: plan.id, content };
}

// ---------------------------------------------------------------------------
// Approval and status: one row update guarded by the version, an event, an audit event.

export interface Step<I extends TPlanStepInput> {
  action: "plan.write" | "plan.approve";
  /** Throws an AppError when the plan cannot take this step now. */
  check: (tx: Tx, ctx: Ctx, plan: PlanRow, input: I) => void | Promise<void>;
  data: (ctx: Ctx, input: I) => Prisma.InterventionPlanUpdateManyMutationInput;
  event: PlanEventKind;
  comment?: (input: I) => string | null;
  /** More for the audit event's detail. */
  auditDetail?: (input: I) => Prisma.InputJsonObject;
  message: (plan: PlanRow) => string;
}

/** One step of a plan inside the caller's transaction; `detail` adds to the audit event (e.g. the meeting). */
export async function stepPlanIn<I extends TPlanStepInput>(tx: Tx, ctx: Ctx, step: Step<I>, input: I, detail: Prisma.InputJsonObject = {}) {
  authorizeAction(ctx, step.action, { ...PLAN_TARGET, entityId: input.unverifiedPlanId.slice(0, 64) });
  const plan = await findPlanFor(tx, ctx, step.action, input.unverifiedPlanId);
  if (plan.version !== input.version) throw conflict();
  await step.check(tx, ctx, plan, input);
  const { count } = await tx.interventionPlan.updateMany({
    where: { id: plan.id, districtId: ctx.districtId, version: input.version },
    data: { ...step.data(ctx, input), version: { increment: 1 } },
  });
  if (count === 0) throw conflict();
  await tx.planEvent.create({ data: { districtId: ctx.districtId, planId: plan.id, kind: step.event, comment: step.comment?.(input) ?? null, actorUserId: ctx.userId } });
  await auditPlan(tx, ctx, plan.id, studentIdsOf(plan), "update", { event: step.event, ...step.auditDetail?.(input), ...detail });
  return step.message(plan);
}

export const refuse = (message: string) => {
  throw new AppError("INVALID_INPUT", message);
};
const mustBeActive = (_tx: Tx, _ctx: Ctx, plan: PlanRow, input: { endDate: string }) => {
  if (plan.status !== "ACTIVE") refuse("Only an active plan can be completed or discontinued.");
  if (input.endDate < toIsoDay(plan.startDate)) throw fieldErrors({ endDate: [`The end date cannot be before the plan started on ${formatDay(plan.startDate)}.`] });
};

export const COMPLETE_STEP: Step<TCompletePlanInput> = {
  action: "plan.write",
  check: mustBeActive,
  data: (_ctx, input) => ({ status: "COMPLETED", endDate: dateOfDay(input.endDate), statusReason: input.note }),
  event: "COMPLETED",
  comment: (input) => input.note,
  message: () => "The plan is completed.",
};

export const DISCONTINUE_STEP: Step<TDiscontinuePlanInput> = {
  action: "plan.write",
  check: mustBeActive,
  data: (_ctx, input) => ({ status: "DISCONTINUED", endDate: dateOfDay(input.endDate), statusReason: input.reason }),
  event: "DISCONTINUED",
  comment: (input) => input.reason,
  message: () => "The plan is discontinued.",
};
