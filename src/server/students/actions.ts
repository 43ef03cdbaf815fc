"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { ActionState } from "@/domain/action-state";
import { can, type Action } from "@/domain/permissions";
import { formToObject, isUniqueViolation, runAction, withSubmitted } from "@/server/action";
import { recordAudit } from "@/server/audit/record";
import { authorizeAction } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import { assignStudents } from "@/server/caseloads/actions";
import { ASSIGN_ARRAY_FIELDS } from "@/server/caseloads/schemas";
import { withTenant, type Tx } from "@/server/db/tenant";
import { AppError, DeniedError, fieldError } from "@/server/errors";
import { studentListIn } from "./queries";
import {
  STUDENT_ARRAY_FIELDS,
  ZArchiveStudentInput,
  ZCreateStudentInput,
  ZStudentListQuery,
  ZUpdateStudentInput,
  type GuardianInput,
  type StudentListState,
  type TCreateStudentInput,
} from "./schemas";

const duplicateLocalId = () => fieldError("localId", "Another student in this district already has this local student id.");
const conflict = () =>
  new AppError(
    "CONFLICT",
    "Someone else saved changes to this student since you opened it, so your changes were not saved. Reload the page to see their changes, then make yours again.",
  );

const studentTarget = (unverifiedStudentId: string) => ({ entityType: "Student", entityId: unverifiedStudentId.slice(0, 64) });

/**
 * The list form: search, filters, sort and page arrive as fields (never in the
 * URL: names are sensitive). The same form carries the bulk assignment
 * (intent=assign), which is assignStudents' work; the page then shows the
 * updated caseload members.
 */
export async function searchStudents(_prev: StudentListState, form: FormData): Promise<StudentListState> {
  const { intent, goto, unverifiedStudentIds, unverifiedMembershipId, role, ...query } = formToObject(form, ASSIGN_ARRAY_FIELDS);
  let assign: ActionState | undefined;
  if (intent === "assign") {
    const assignForm = new FormData();
    for (const [key, value] of Object.entries({ unverifiedStudentIds, unverifiedMembershipId, role })) {
      for (const v of [value ?? []].flat()) assignForm.append(key, String(v));
    }
    assign = await assignStudents(null, assignForm);
  } else {
    // A new search starts at the first page; a page button names its page.
    query.page = typeof goto === "string" ? goto : "1";
  }
  const values = query as Record<string, string>;
  const result = await runAction("searchStudents", ZStudentListQuery, query, async (ctx, input) => {
    authorizeAction(ctx, "student.list", { entityType: "Student" });
    return withTenant(ctx.districtId, (tx) => studentListIn(tx, ctx, input));
  });
  if (!result.ok) return { values, result: null, error: result.error, assign };
  return { values: { ...values, page: String(result.data.page) }, result: result.data, assign };
}

/** Throws a field error unless the school is open and in the user's reach for this action (or is the student's current one). */
async function assertSchool(tx: Tx, ctx: Ctx, action: Action, unverifiedSchoolId: string, currentSchoolId?: string): Promise<string> {
  const school = await tx.school.findFirst({ where: { id: unverifiedSchoolId, districtId: ctx.districtId }, select: { id: true, archivedAt: true } });
  const usable = school && (school.id === currentSchoolId || (!school.archivedAt && can(ctx, action, { districtId: ctx.districtId, schoolId: school.id })));
  if (!usable) throw fieldError("unverifiedSchoolId", "Choose a school from the list.");
  return school.id;
}

function studentData(input: TCreateStudentInput, schoolId: string) {
  return {
    localId: input.localId,
    legalFirstName: input.legalFirstName,
    legalMiddleName: input.legalMiddleName,
    legalLastName: input.legalLastName,
    preferredName: input.preferredName,
    dateOfBirth: new Date(`${input.dateOfBirth}T00:00:00.000Z`),
    grade: input.grade,
    schoolId,
    gender: input.gender,
    hispanicLatino: input.hispanicLatino,
    races: [...input.races].sort(),
    englishLearner: input.englishLearner,
    economicallyDisadvantaged: input.economicallyDisadvantaged,
    homeLanguage: input.homeLanguage,
  };
}
type StudentData = ReturnType<typeof studentData>;

const guardianRows = (districtId: string, studentId: string, guardians: GuardianInput[]) =>
  guardians.map((g, position) => ({ districtId, studentId, position, ...g }));

const comparable = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : Array.isArray(v) ? [...v].sort().join(",") : v);

/** Names of the fields that differ (audited instead of values, which are personal data). */
function changedFields(before: Omit<StudentData, "dateOfBirth"> & { dateOfBirth: Date | null }, after: StudentData, guardiansBefore: GuardianInput[], guardiansAfter: GuardianInput[]): string[] {
  const changed = (Object.keys(after) as (keyof StudentData)[]).filter((k) => comparable(before[k]) !== comparable(after[k]));
  if (JSON.stringify(guardiansBefore) !== JSON.stringify(guardiansAfter)) changed.push("guardians" as keyof StudentData);
  return changed;
}

/** Names of the fields given a value on creation. */
function filledFields(data: StudentData, guardians: GuardianInput[]): string[] {
  const filled = (Object.keys(data) as (keyof StudentData)[]).filter((k) => {
    const v = data[k];
    return v !== null && v !== false && !(Array.isArray(v) && v.length === 0) && !(k === "gender" && v === "NOT_SPECIFIED");
  });
  return guardians.length ? [...filled, "guardians"] : filled;
}

export async function createStudent(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("createStudent", ZCreateStudentInput, formToObject(form, STUDENT_ARRAY_FIELDS), async (ctx, input) => {
    authorizeAction(ctx, "student.create", { entityType: "Student" });
    try {
      return await withTenant(ctx.districtId, async (tx) => {
        const schoolId = await assertSchool(tx, ctx, "student.create", input.unverifiedSchoolId);
        const data = studentData(input, schoolId);
        const student = await tx.student.create({ data: { ...data, districtId: ctx.districtId }, select: { id: true } });
        await tx.guardian.createMany({ data: guardianRows(ctx.districtId, student.id, input.guardians) });
        await recordAudit(tx, {
          districtId: ctx.districtId,
          actorUserId: ctx.userId,
          action: "create",
          entityType: "Student",
          entityId: student.id,
          studentId: student.id,
          detail: { fields: filledFields(data, input.guardians) },
        });
        return student.id;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw duplicateLocalId();
      throw error;
    }
  });
  if (!result.ok) return withSubmitted(result, form, STUDENT_ARRAY_FIELDS);
  revalidatePath("/students");
  redirect(`/students/${result.data}`);
}

const GUARDIAN_COMPARE = { name: true, relationship: true, phone: true, email: true, preferredLanguage: true } as const;

/**
 * Saves an edit only if nobody saved since the form was opened: the update
 * names the version the form was loaded with, and 0 rows updated is a conflict.
 */
export async function updateStudent(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("updateStudent", ZUpdateStudentInput, formToObject(form, STUDENT_ARRAY_FIELDS), async (ctx, input) => {
    const target = studentTarget(input.unverifiedStudentId);
    authorizeAction(ctx, "student.edit", target);
    const id = z.uuid().safeParse(input.unverifiedStudentId);
    if (!id.success) throw new DeniedError("student.edit", target);
    try {
      return await withTenant(ctx.districtId, async (tx) => {
        const existing = await tx.student.findFirst({
          where: { id: id.data, districtId: ctx.districtId },
          include: { guardians: { orderBy: { position: "asc" }, select: GUARDIAN_COMPARE } },
        });
        if (!existing) throw new DeniedError("student.edit", target);
        authorizeAction(ctx, "student.edit", { ...target, studentId: existing.id, schoolId: existing.schoolId });
        if (existing.version !== input.version) throw conflict();
        const schoolId = await assertSchool(tx, ctx, "student.edit", input.unverifiedSchoolId, existing.schoolId);
        const data = studentData(input, schoolId);
        const fields = changedFields(existing, data, existing.guardians, input.guardians);
        if (fields.length === 0) return { changed: false };
        const { count } = await tx.student.updateMany({
          where: { id: existing.id, districtId: ctx.districtId, version: input.version },
          data: { ...data, version: { increment: 1 } },
        });
        if (count === 0) throw conflict();
        if (fields.includes("guardians")) {
          await tx.guardian.deleteMany({ where: { districtId: ctx.districtId, studentId: existing.id } });
          await tx.guardian.createMany({ data: guardianRows(ctx.districtId, existing.id, input.guardians) });
        }
        await auditStudentUpdate(tx, ctx, existing.id, fields);
        return { changed: true };
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw duplicateLocalId();
      throw error;
    }
  });
  if (!result.ok) return withSubmitted(result, form, STUDENT_ARRAY_FIELDS);
  if (!result.data.changed) return { ok: true, message: "There were no changes to save." };
  revalidatePath("/students", "layout");
  return { ok: true, message: "Saved." };
}

/** The audit event of a change to a student: the names of the changed fields, never their values. */
function auditStudentUpdate(tx: Tx, ctx: Ctx, studentId: string, fields: string[]) {
  return recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "update", entityType: "Student", entityId: studentId, studentId, detail: { fields } });
}

/** Archives (archived=yes) or restores (archived=no) a student; nothing is ever deleted. */
export async function setStudentArchived(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("setStudentArchived", ZArchiveStudentInput, formToObject(form), async (ctx, input) => {
    const target = studentTarget(input.unverifiedStudentId);
    authorizeAction(ctx, "student.archive", target);
    const id = z.uuid().safeParse(input.unverifiedStudentId);
    if (!id.success) throw new DeniedError("student.archive", target);
    const archive = input.archived === "yes";
    return withTenant(ctx.districtId, async (tx) => {
      const existing = await tx.student.findFirst({ where: { id: id.data, districtId: ctx.districtId }, select: { id: true, schoolId: true, archivedAt: true } });
      if (!existing) throw new DeniedError("student.archive", target);
      authorizeAction(ctx, "student.archive", { ...target, studentId: existing.id, schoolId: existing.schoolId });
      // Conditional on the current state, so two people pressing at once change it once.
      const { count } = await tx.student.updateMany({
        where: { id: existing.id, districtId: ctx.districtId, archivedAt: archive ? null : { not: null } },
        data: { archivedAt: archive ? new Date() : null, version: { increment: 1 } },
      });
      if (count > 0) {
        await auditStudentUpdate(tx, ctx, existing.id, ["archivedAt"]);
      }
      return archive;
    });
  });
  if (!result.ok) return result;
  revalidatePath("/students", "layout");
  return {
    ok: true,
    message: result.data ? "The student is archived: hidden from the student list unless you show archived students." : "The student is no longer archived.",
  };
}
