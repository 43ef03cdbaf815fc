"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionState } from "@/domain/action-state";
import { dateOfDay } from "@/domain/goals";
import { formToObject, runAction, withSubmitted } from "@/server/action";
import { recordAudit } from "@/server/audit/record";
import { authorizeAction } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import { withTenant, type Tx } from "@/server/db/tenant";
import { AppError, DeniedError } from "@/server/errors";
import { studentReach } from "@/server/reach";
import { ZArchiveAccommodationInput, ZCreateAccommodationInput, ZUpdateAccommodationInput, type TCreateAccommodationInput } from "./schemas";

const conflict = () =>
  new AppError(
    "CONFLICT",
    "Someone else saved changes to this accommodation since you opened it, so your changes were not saved. Reload the page to see their changes, then make yours again.",
  );

function columnsOf(input: Omit<TCreateAccommodationInput, "unverifiedStudentId">) {
  return { description: input.description, source: input.source, startDate: dateOfDay(input.startDate), endDate: input.endDate ? dateOfDay(input.endDate) : null };
}
type Columns = ReturnType<typeof columnsOf>;

interface Target {
  entityType: string;
  entityId: string;
}

/**
 * The student, if the user may keep their accommodations (accommodation.manage
 * on the student's school or reach); unknown or out of reach -> NOT_FOUND.
 */
async function manageableStudent(tx: Tx, ctx: Ctx, studentId: string, target: Target) {
  const student = await tx.student.findFirst({ where: { id: studentId, districtId: ctx.districtId }, select: { id: true, schoolId: true, archivedAt: true } });
  if (!student) throw new DeniedError("accommodation.manage", target);
  authorizeAction(ctx, "accommodation.manage", { ...target, studentId: student.id, ...(await studentReach(tx, ctx, student)) });
  if (student.archivedAt) throw new AppError("INVALID_INPUT", "This student is archived. Restore them before changing their accommodations.");
  return student;
}

/** An accommodation the user may change, with its student checked as above. */
async function manageableAccommodation(tx: Tx, ctx: Ctx, unverifiedAccommodationId: string) {
  const target = { entityType: "StudentAccommodation", entityId: unverifiedAccommodationId.slice(0, 64) };
  const id = z.uuid().safeParse(unverifiedAccommodationId);
  const row = id.success ? await tx.studentAccommodation.findFirst({ where: { id: id.data, districtId: ctx.districtId } }) : null;
  if (!row) throw new DeniedError("accommodation.manage", target);
  await manageableStudent(tx, ctx, row.studentId, target);
  return row;
}

function auditAccommodation(tx: Tx, ctx: Ctx, action: "create" | "update", row: { id: string; studentId: string }, fields: string[]) {
  return recordAudit(tx, {
    districtId: ctx.districtId,
    actorUserId: ctx.userId,
    action,
    entityType: "StudentAccommodation",
    entityId: row.id,
    studentId: row.studentId,
    // Field names, not values: the source tells whether the student has an IEP or a 504 plan.
    detail: { fields },
  });
}

function revalidateAccommodationPages(studentId: string) {
  revalidatePath(`/students/${studentId}`);
  // Plan pages list their students' accommodations for the interventionists.
  revalidatePath("/plans", "layout");
}

/** Adds an accommodation to a student's record. */
export async function createAccommodation(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("createAccommodation", ZCreateAccommodationInput, formToObject(form), async (ctx, input) => {
    const target = { entityType: "Student", entityId: input.unverifiedStudentId.slice(0, 64) };
    authorizeAction(ctx, "accommodation.manage", target);
    const id = z.uuid().safeParse(input.unverifiedStudentId);
    if (!id.success) throw new DeniedError("accommodation.manage", target);
    return withTenant(ctx.districtId, async (tx) => {
      const student = await manageableStudent(tx, ctx, id.data, target);
      const data = columnsOf(input);
      const row = await tx.studentAccommodation.create({
        data: { districtId: ctx.districtId, studentId: student.id, createdByUserId: ctx.userId, ...data },
        select: { id: true, studentId: true },
      });
      await auditAccommodation(tx, ctx, "create", row, Object.keys(data));
      return row;
    });
  });
  if (!result.ok) return withSubmitted(result, form);
  revalidateAccommodationPages(result.data.studentId);
  return { ok: true, message: "Accommodation added." };
}

/**
 * Saves an edit (including a last day, which ends the accommodation) only if
 * nobody saved since the form was opened: the update names the version the
 * form was loaded with, and 0 rows updated is a conflict.
 */
export async function updateAccommodation(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("updateAccommodation", ZUpdateAccommodationInput, formToObject(form), async (ctx, input) => {
    authorizeAction(ctx, "accommodation.manage", { entityType: "StudentAccommodation", entityId: input.unverifiedAccommodationId.slice(0, 64) });
    return withTenant(ctx.districtId, async (tx) => {
      const row = await manageableAccommodation(tx, ctx, input.unverifiedAccommodationId);
      if (row.archivedAt) throw new AppError("INVALID_INPUT", "This accommodation was removed: it is kept as history and can no longer be changed.");
      if (row.version !== input.version) throw conflict();
      const data = columnsOf(input);
      const fields = (Object.keys(data) as (keyof Columns)[]).filter((k) => JSON.stringify(row[k]) !== JSON.stringify(data[k]));
      if (fields.length === 0) return { row, changed: false };
      const { count } = await tx.studentAccommodation.updateMany({
        where: { id: row.id, districtId: ctx.districtId, version: input.version, archivedAt: null },
        data: { ...data, version: { increment: 1 } },
      });
      if (count === 0) throw conflict();
      await auditAccommodation(tx, ctx, "update", row, fields);
      return { row, changed: true };
    });
  });
  if (!result.ok) return withSubmitted(result, form);
  if (!result.data.changed) return { ok: true, message: "There were no changes to save." };
  revalidateAccommodationPages(result.data.row.studentId);
  return { ok: true, message: "Accommodation saved." };
}

/** Removes an accommodation entered by mistake: nothing is deleted, it is kept with the past ones. */
export async function archiveAccommodation(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("archiveAccommodation", ZArchiveAccommodationInput, formToObject(form), async (ctx, input) => {
    authorizeAction(ctx, "accommodation.manage", { entityType: "StudentAccommodation", entityId: input.unverifiedAccommodationId.slice(0, 64) });
    return withTenant(ctx.districtId, async (tx) => {
      const row = await manageableAccommodation(tx, ctx, input.unverifiedAccommodationId);
      // Conditional on the current state, so two people pressing at once archive it once.
      const { count } = await tx.studentAccommodation.updateMany({
        where: { id: row.id, districtId: ctx.districtId, archivedAt: null },
        data: { archivedAt: new Date(), version: { increment: 1 } },
      });
      if (count > 0) await auditAccommodation(tx, ctx, "update", row, ["archivedAt"]);
      return row;
    });
  });
  if (!result.ok) return result;
  revalidateAccommodationPages(result.data.studentId);
  return { ok: true, message: "Accommodation removed: it is kept with the past accommodations." };
}
