"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionState } from "@/domain/action-state";
import { dateOfDay, toIsoDay } from "@/domain/goals";
import { IEP_REEVALUATION_YEARS, latestReevaluation } from "@/domain/iep504/dates";
import { formToObject, isUniqueViolation, runAction, withSubmitted } from "@/server/action";
import { recordAudit } from "@/server/audit/record";
import type { Ctx } from "@/server/auth/session";
import { withTenant, type Tx } from "@/server/db/tenant";
import { AppError, DeniedError, fieldError } from "@/server/errors";
import { reachForChecks } from "@/server/reach";
import { serviceAccess, specialEdPlanAccess } from "./access";
import { section504YearsIn } from "./queries";
import {
  ZCreateServiceInput,
  ZCreateSpecialEdPlanInput,
  ZLogServiceMinutesInput,
  ZUpdateServiceInput,
  ZUpdateSpecialEdPlanInput,
  type SpecialEdPlanType,
  type TCreateServiceInput,
  type TCreateSpecialEdPlanInput,
} from "./schemas";

const conflict = (what: string) =>
  new AppError("CONFLICT", `Someone else saved changes to this ${what} since you opened it, so your changes were not saved. Reload the page to see their changes, then make yours again.`);

const SECOND_ACTIVE_IEP = "This student already has an active IEP. Exit or update that one instead of adding a second.";

interface Target {
  entityType: string;
  entityId: string;
}

const targetOf = (entityType: string, unverifiedId: string): Target => ({ entityType, entityId: unverifiedId.slice(0, 64) });

/** The student (in the district, by a well-formed id), their reach, or NOT_FOUND. */
async function studentFor(tx: Tx, ctx: Ctx, unverifiedStudentId: string, attempted: string, target: Target) {
  const id = z.uuid().safeParse(unverifiedStudentId);
  const student = id.success
    ? await tx.student.findFirst({ where: { id: id.data, districtId: ctx.districtId }, select: { id: true, schoolId: true, archivedAt: true } })
    : null;
  if (!student) throw new DeniedError(attempted, target);
  return { student, reach: await reachForChecks(tx, ctx, student.id) };
}

/** A record the user may keep (iep504.manage on its student), with its student; otherwise NOT_FOUND. */
async function manageablePlan(tx: Tx, ctx: Ctx, unverifiedPlanId: string) {
  const target = targetOf("SpecialEdPlan", unverifiedPlanId);
  const id = z.uuid().safeParse(unverifiedPlanId);
  const plan = id.success
    ? await tx.specialEdPlan.findFirst({ where: { id: id.data, districtId: ctx.districtId }, include: { caseManager: { select: { userId: true } } } })
    : null;
  if (!plan) throw new DeniedError("iep504.manage", target);
  const { student, reach } = await studentFor(tx, ctx, plan.studentId, "iep504.manage", target);
  const access = specialEdPlanAccess(ctx, { schoolId: student.schoolId, reach, caseManagerUserId: plan.caseManager?.userId ?? null });
  if (!access.manage) throw new DeniedError("iep504.manage", { ...target, studentId: student.id });
  if (student.archivedAt) throw new AppError("INVALID_INPUT", "This student is archived. Restore them before changing their IEP or 504 records.");
  if (plan.archivedAt) throw new AppError("INVALID_INPUT", "This record was removed and can no longer be changed.");
  return { plan, student, reach, access };
}

/** A staff member of the district who may be named on the student's record (active, not an administrator, working at the student's school); else a field error. */
async function staffMember(tx: Tx, ctx: Ctx, unverifiedMembershipId: string | null, schoolId: string, field: string) {
  if (unverifiedMembershipId === null) return null;
  const id = z.uuid().safeParse(unverifiedMembershipId);
  const member = id.success
    ? await tx.membership.findFirst({
        where: {
          id: id.data,
          districtId: ctx.districtId,
          deactivatedAt: null,
          role: { not: "ADMIN" },
          OR: [{ schools: { none: {} } }, { schools: { some: { schoolId } } }],
        },
        select: { id: true, userId: true },
      })
    : null;
  if (!member) throw fieldError(field, "Choose someone from the list: staff who work at the student's school.");
  return member;
}

interface PlanFieldsInput extends Omit<TCreateSpecialEdPlanInput, "type" | "unverifiedStudentId"> {
  type: SpecialEdPlanType;
}

/** The re-evaluation must come within the period after the last evaluation: three years for an IEP, the district's for a 504 plan. */
async function checkReevaluation(tx: Tx, ctx: Ctx, input: PlanFieldsInput, seesDetails = true) {
  if (!input.reevaluationDue || !input.lastEvaluationDate) return;
  const years = input.type === "IEP" ? IEP_REEVALUATION_YEARS : await section504YearsIn(tx, ctx.districtId);
  const latest = latestReevaluation(input.lastEvaluationDate, years);
  if (input.reevaluationDue > latest) {
    const what = input.type === "IEP" ? "An IEP is re-evaluated at least every three years" : `The district re-evaluates 504 plans every ${years} ${years === 1 ? "year" : "years"}`;
    // The latest day tells the last evaluation's date, an evaluation detail.
    throw fieldError("reevaluationDue", seesDetails ? `${what}: the re-evaluation is due on or before ${latest}.` : `${what}: this date is too late for the last evaluation. Ask the case manager for the date.`);
  }
}

/** A second active IEP of one student is refused in words before the database's unique index would. */
async function checkOneActiveIep(tx: Tx, ctx: Ctx, studentId: string, type: SpecialEdPlanType, status: string, exceptId?: string) {
  if (type !== "IEP" || status !== "ACTIVE") return;
  const other = await tx.specialEdPlan.findFirst({
    where: { districtId: ctx.districtId, studentId, type: "IEP", status: "ACTIVE", archivedAt: null, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (other) throw fieldError("status", SECOND_ACTIVE_IEP);
}

function columnsOf(input: PlanFieldsInput, caseManagerId: string | null, category: string | null) {
  const d = (v: string | null) => (v ? dateOfDay(v) : null);
  return {
    status: input.status,
    startDate: dateOfDay(input.startDate),
    lastMeetingDate: d(input.lastMeetingDate),
    annualReviewDue: d(input.annualReviewDue),
    lastEvaluationDate: d(input.lastEvaluationDate),
    reevaluationDue: d(input.reevaluationDue),
    caseManagerMembershipId: caseManagerId,
    disabilityCategory: category,
    documentUrl: input.documentUrl,
  };
}
type Columns = ReturnType<typeof columnsOf>;

function audit(tx: Tx, ctx: Ctx, action: "create" | "update", entityType: string, row: { id: string }, studentId: string, fields: string[]) {
  // Field names, never values: the values are the sensitive part.
  return recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action, entityType, entityId: row.id, studentId, detail: { fields } });
}

function revalidateStudent(studentId: string) {
  revalidatePath(`/students/${studentId}`);
  // The list's IEP and 504 flags follow the records.
  revalidatePath("/students");
}

const CATEGORY_NOT_YOURS = "Only administrators, coordinators of the student's school and the record's case manager set the disability category. Leave it empty, or name yourself as case manager.";

/** Adds an IEP or 504 record to a student. */
export async function createSpecialEdPlan(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("createSpecialEdPlan", ZCreateSpecialEdPlanInput, formToObject(form), async (ctx, input) => {
    const target = targetOf("Student", input.unverifiedStudentId);
    return withTenant(ctx.districtId, async (tx) => {
      const { student, reach } = await studentFor(tx, ctx, input.unverifiedStudentId, "iep504.manage", target);
      // The reach before the case manager: someone outside it gets NOT_FOUND,
      // never the case manager's field error (which would tell them the student
      // exists and who works at their school). Managing does not depend on the case manager.
      if (!specialEdPlanAccess(ctx, { schoolId: student.schoolId, reach, caseManagerUserId: null }).manage) throw new DeniedError("iep504.manage", { ...target, studentId: student.id });
      const caseManager = await staffMember(tx, ctx, input.unverifiedCaseManagerId, student.schoolId, "unverifiedCaseManagerId");
      const access = specialEdPlanAccess(ctx, { schoolId: student.schoolId, reach, caseManagerUserId: caseManager?.userId ?? null });
      if (student.archivedAt) throw new AppError("INVALID_INPUT", "This student is archived. Restore them before adding an IEP or 504 record.");
      if (input.disabilityCategory && !access.viewDisability) throw fieldError("disabilityCategory", CATEGORY_NOT_YOURS);
      await checkReevaluation(tx, ctx, input);
      await checkOneActiveIep(tx, ctx, student.id, input.type, input.status);
      const data = columnsOf(input, caseManager?.id ?? null, input.disabilityCategory);
      try {
        const row = await tx.specialEdPlan.create({
          data: { districtId: ctx.districtId, studentId: student.id, type: input.type, createdByUserId: ctx.userId, ...data },
          select: { id: true },
        });
        await audit(tx, ctx, "create", "SpecialEdPlan", row, student.id, ["type", ...Object.keys(data)]);
        return { studentId: student.id };
      } catch (e) {
        if (isUniqueViolation(e)) throw fieldError("status", SECOND_ACTIVE_IEP);
        throw e;
      }
    });
  });
  if (!result.ok) return withSubmitted(result, form);
  revalidateStudent(result.data.studentId);
  return { ok: true, message: "Record added." };
}

/**
 * Saves an edit of a record only if nobody saved since the form was opened
 * (the version it was loaded at). A viewer who may not see the disability
 * category never changes it: the form does not send it, and the stored one stays.
 */
export async function updateSpecialEdPlan(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("updateSpecialEdPlan", ZUpdateSpecialEdPlanInput, formToObject(form), async (ctx, input) => {
    return withTenant(ctx.districtId, async (tx) => {
      const { plan, student, reach, access } = await manageablePlan(tx, ctx, input.unverifiedPlanId);
      if (plan.version !== input.version) throw conflict("record");
      const caseManager = await staffMember(tx, ctx, input.unverifiedCaseManagerId, student.schoolId, "unverifiedCaseManagerId");
      const after = specialEdPlanAccess(ctx, { schoolId: student.schoolId, reach, caseManagerUserId: caseManager?.userId ?? null });
      // The category and the last evaluation are evaluation details: someone who
      // may not see them (before or after the change) keeps the stored ones.
      const seesDetails = access.viewDisability && after.viewDisability;
      if (!seesDetails && input.disabilityCategory && input.disabilityCategory !== plan.disabilityCategory) throw fieldError("disabilityCategory", CATEGORY_NOT_YOURS);
      const category = seesDetails ? input.disabilityCategory : plan.disabilityCategory;
      const lastEvaluationDate = seesDetails ? input.lastEvaluationDate : plan.lastEvaluationDate ? toIsoDay(plan.lastEvaluationDate) : null;
      if (plan.type === "SECTION_504" && category) throw fieldError("disabilityCategory", "A 504 plan has no IDEA disability category: leave it empty.");
      const full = { ...input, lastEvaluationDate, type: plan.type };
      await checkReevaluation(tx, ctx, full, seesDetails);
      await checkOneActiveIep(tx, ctx, student.id, plan.type, input.status, plan.id);
      const data = columnsOf(full, caseManager?.id ?? null, category);
      const fields = (Object.keys(data) as (keyof Columns)[]).filter((k) => JSON.stringify(plan[k]) !== JSON.stringify(data[k]));
      if (fields.length === 0) return { studentId: student.id, changed: false };
      try {
        const { count } = await tx.specialEdPlan.updateMany({
          where: { id: plan.id, districtId: ctx.districtId, version: input.version, archivedAt: null },
          // Dates entered: the record no longer stands for a bare flag.
          data: { ...data, migratedFromFlag: false, version: { increment: 1 } },
        });
        if (count === 0) throw conflict("record");
      } catch (e) {
        if (isUniqueViolation(e)) throw fieldError("status", SECOND_ACTIVE_IEP);
        throw e;
      }
      await audit(tx, ctx, "update", "SpecialEdPlan", plan, student.id, fields);
      return { studentId: student.id, changed: true };
    });
  });
  if (!result.ok) return withSubmitted(result, form);
  if (!result.data.changed) return { ok: true, message: "There were no changes to save." };
  revalidateStudent(result.data.studentId);
  return { ok: true, message: "Record saved." };
}

function serviceColumnsOf(input: Omit<TCreateServiceInput, "unverifiedPlanId" | "unverifiedProviderId">, providerId: string | null) {
  return {
    area: input.area,
    minutes: input.minutes,
    frequency: input.frequency,
    providerRole: input.providerRole,
    providerMembershipId: providerId,
    setting: input.setting,
    startDate: dateOfDay(input.startDate),
    endDate: input.endDate ? dateOfDay(input.endDate) : null,
  };
}
type ServiceColumns = ReturnType<typeof serviceColumnsOf>;

/** Adds a service (minutes per week or month) to a record. */
export async function createService(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("createService", ZCreateServiceInput, formToObject(form), async (ctx, input) => {
    return withTenant(ctx.districtId, async (tx) => {
      const { plan, student } = await manageablePlan(tx, ctx, input.unverifiedPlanId);
      const provider = await staffMember(tx, ctx, input.unverifiedProviderId, student.schoolId, "unverifiedProviderId");
      const data = serviceColumnsOf(input, provider?.id ?? null);
      const row = await tx.specialEdService.create({ data: { districtId: ctx.districtId, planId: plan.id, createdByUserId: ctx.userId, ...data }, select: { id: true } });
      await audit(tx, ctx, "create", "SpecialEdService", row, student.id, Object.keys(data));
      return { studentId: student.id };
    });
  });
  if (!result.ok) return withSubmitted(result, form);
  revalidateStudent(result.data.studentId);
  return { ok: true, message: "Service added." };
}

/** Saves an edit of a service (a last day ends it), with the version check. */
export async function updateService(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("updateService", ZUpdateServiceInput, formToObject(form), async (ctx, input) => {
    return withTenant(ctx.districtId, async (tx) => {
      const target = targetOf("SpecialEdService", input.unverifiedServiceId);
      const id = z.uuid().safeParse(input.unverifiedServiceId);
      const service = id.success ? await tx.specialEdService.findFirst({ where: { id: id.data, districtId: ctx.districtId } }) : null;
      if (!service) throw new DeniedError("iep504.manage", target);
      const { student } = await manageablePlan(tx, ctx, service.planId);
      if (service.archivedAt) throw new AppError("INVALID_INPUT", "This service was removed and can no longer be changed.");
      if (service.version !== input.version) throw conflict("service");
      const provider = await staffMember(tx, ctx, input.unverifiedProviderId, student.schoolId, "unverifiedProviderId");
      const data = serviceColumnsOf(input, provider?.id ?? null);
      const fields = (Object.keys(data) as (keyof ServiceColumns)[]).filter((k) => JSON.stringify(service[k]) !== JSON.stringify(data[k]));
      if (fields.length === 0) return { studentId: student.id, changed: false };
      const { count } = await tx.specialEdService.updateMany({
        where: { id: service.id, districtId: ctx.districtId, version: input.version, archivedAt: null },
        data: { ...data, version: { increment: 1 } },
      });
      if (count === 0) throw conflict("service");
      await audit(tx, ctx, "update", "SpecialEdService", service, student.id, fields);
      return { studentId: student.id, changed: true };
    });
  });
  if (!result.ok) return withSubmitted(result, form);
  if (!result.data.changed) return { ok: true, message: "There were no changes to save." };
  revalidateStudent(result.data.studentId);
  return { ok: true, message: "Service saved." };
}


/**
 * Logs minutes of a service delivered on one day, by its provider (or staff
 * over the student's school). The form's client key makes a repeated
 * submission (a double tap, a retry on a bad connection) find the entry it
 * already saved instead of saving a second one.
 */
export async function logServiceMinutes(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("logServiceMinutes", ZLogServiceMinutesInput, formToObject(form), async (ctx, input) => {
    const find = (tx: Tx) => loggableService(tx, ctx, input.unverifiedServiceId);
    const repeatOf = (tx: Tx, serviceId: string) =>
      tx.serviceMinutes.findFirst({ where: { districtId: ctx.districtId, clientKey: input.clientKey, serviceId }, select: { id: true } });
    try {
      return await withTenant(ctx.districtId, async (tx) => {
        const { service, studentId } = await find(tx);
        if (await repeatOf(tx, service.id)) return { studentId, repeated: true };
        if (input.date < toIsoDay(service.startDate) || (service.endDate && input.date > toIsoDay(service.endDate))) {
          throw fieldError("date", "The service did not apply on that day: check the date against the service's start and last day.");
        }
        const row = await tx.serviceMinutes.create({
          data: { districtId: ctx.districtId, serviceId: service.id, studentId, date: dateOfDay(input.date), minutes: input.minutes, note: input.note, clientKey: input.clientKey, loggedByUserId: ctx.userId },
          select: { id: true },
        });
        await audit(tx, ctx, "create", "ServiceMinutes", row, studentId, ["date", "minutes", ...(input.note ? ["note"] : [])]);
        return { studentId, repeated: false };
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // A concurrent submission of the same form won the insert.
      return withTenant(ctx.districtId, async (tx) => {
        const { service, studentId } = await find(tx);
        if (!(await repeatOf(tx, service.id))) throw error;
        return { studentId, repeated: true };
      });
    }
  });
  if (!result.ok) return withSubmitted(result, form);
  revalidateStudent(result.data.studentId);
  revalidatePath("/iep-services");
  return { ok: true, message: result.data.repeated ? "These minutes were already saved." : "Minutes logged." };
}

/** A current service the user may log minutes of (serviceAccess.log), with its student; otherwise NOT_FOUND. */
async function loggableService(tx: Tx, ctx: Ctx, unverifiedServiceId: string) {
  const target = targetOf("SpecialEdService", unverifiedServiceId);
  const id = z.uuid().safeParse(unverifiedServiceId);
  const service = id.success
    ? await tx.specialEdService.findFirst({
        where: { id: id.data, districtId: ctx.districtId },
        include: { provider: { select: { userId: true } }, plan: { select: { studentId: true, archivedAt: true, student: { select: { schoolId: true, archivedAt: true } } } } },
      })
    : null;
  if (!service) throw new DeniedError("service.log", target);
  const access = serviceAccess(ctx, { schoolId: service.plan.student.schoolId, providerUserId: service.provider?.userId ?? null });
  if (!access.log) throw new DeniedError("service.log", { ...target, studentId: service.plan.studentId });
  if (service.archivedAt || service.plan.archivedAt || service.plan.student.archivedAt) throw new AppError("INVALID_INPUT", "This service is no longer kept, so minutes cannot be logged for it.");
  return { service, studentId: service.plan.studentId };
}
