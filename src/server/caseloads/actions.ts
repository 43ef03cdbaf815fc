"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionState } from "@/domain/action-state";
import { formToObject, runAction, withSubmitted } from "@/server/action";
import { recordAudit } from "@/server/audit/record";
import { authorizeAction } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import { withTenant, type Tx } from "@/server/db/tenant";
import { AppError, DeniedError } from "@/server/errors";
import { listNames, STUDENT_NAME_SELECT, studentDisplayName } from "./names";
import { ASSIGN_ARRAY_FIELDS, CASE_ROLE_LABEL, ZAssignStudentsInput, ZEndAssignmentInput } from "./schemas";

const invalid = (message: string, fieldErrors: Record<string, string[]>) => new AppError("INVALID_INPUT", message, fieldErrors);
const chooseStaff = () =>
  invalid("Please correct the highlighted fields.", { unverifiedMembershipId: ["Choose an active staff member from the list."] });

/**
 * The chosen students, each visible to the user: an id that is unknown, of
 * another district, or of a school outside the user's reach is a denied
 * attempt (404 to the user, audited with the student when there is one).
 */
async function findAssignableStudents(tx: Tx, ctx: Ctx, unverifiedStudentIds: string[]) {
  const students = await tx.student.findMany({
    where: { districtId: ctx.districtId, id: { in: unverifiedStudentIds } },
    select: { id: true, schoolId: true, archivedAt: true, ...STUDENT_NAME_SELECT, school: { select: { name: true } } },
  });
  const byId = new Map(students.map((s) => [s.id, s]));
  for (const id of unverifiedStudentIds) {
    const student = byId.get(id);
    if (!student) throw new DeniedError("caseload.assign", { entityType: "Student", entityId: id });
    authorizeAction(ctx, "caseload.assign", { entityType: "Student", entityId: id, studentId: id, schoolId: student.schoolId });
  }
  const archived = students.filter((s) => s.archivedAt);
  if (archived.length) {
    const names = listNames(archived.map(studentDisplayName));
    throw invalid(`Archived students cannot be assigned: ${names}.`, { unverifiedStudentIds: [`Archived students cannot be assigned: ${names}.`] });
  }
  return students;
}

/**
 * Puts students on a staff member's caseload in one role. Students who already
 * have that person in that role are left as they are and counted.
 */
export async function assignStudents(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("assignStudents", ZAssignStudentsInput, formToObject(form, ASSIGN_ARRAY_FIELDS), async (ctx, input) => {
    authorizeAction(ctx, "caseload.assign", { entityType: "CaseloadAssignment" });
    return withTenant(ctx.districtId, async (tx) => {
      const students = await findAssignableStudents(tx, ctx, input.unverifiedStudentIds);
      const member = await tx.membership.findFirst({
        where: { id: input.unverifiedMembershipId, districtId: ctx.districtId, deactivatedAt: null, role: { not: "ADMIN" } },
        select: { id: true, user: { select: { name: true } }, schools: { select: { schoolId: true } } },
      });
      if (!member) throw chooseStaff();
      const memberSchools = new Set(member.schools.map((s) => s.schoolId));
      const outside = students.filter((s) => memberSchools.size > 0 && !memberSchools.has(s.schoolId));
      if (outside.length) {
        const schools = listNames([...new Set(outside.map((s) => s.school.name))]);
        throw invalid("Please correct the highlighted fields.", {
          unverifiedMembershipId: [`${member.user.name} does not work at ${schools}. Choose someone who does.`],
        });
      }

      // The partial unique index (one current assignment per student, person
      // and role) decides; ON CONFLICT DO NOTHING also covers a concurrent twin.
      const created = await tx.caseloadAssignment.createManyAndReturn({
        data: students.map((s) => ({
          districtId: ctx.districtId,
          studentId: s.id,
          membershipId: member.id,
          role: input.role,
          assignedByUserId: ctx.userId,
        })),
        skipDuplicates: true,
        select: { id: true, studentId: true },
      });
      await recordAudit(
        tx,
        ...created.map((a) => ({
          districtId: ctx.districtId,
          actorUserId: ctx.userId,
          action: "create" as const,
          entityType: "CaseloadAssignment",
          entityId: a.id,
          studentId: a.studentId,
          detail: { membershipId: member.id, role: input.role },
        })),
      );
      return {
        staffName: member.user.name,
        role: input.role,
        assigned: created.length,
        already: students.length - created.length,
        onlyStudentName: students.length === 1 ? studentDisplayName(students[0]!) : null,
      };
    });
  });
  if (!result.ok) return withSubmitted(result, form, ASSIGN_ARRAY_FIELDS);
  revalidatePath("/", "layout");
  return { ok: true, message: assignedMessage(result.data) };
}

function assignedMessage(r: { staffName: string; role: keyof typeof CASE_ROLE_LABEL; assigned: number; already: number; onlyStudentName: string | null }) {
  const as = `${r.staffName} as ${CASE_ROLE_LABEL[r.role].toLowerCase()}`;
  const plural = (n: number) => `${n} ${n === 1 ? "student" : "students"}`;
  if (r.onlyStudentName) {
    return r.assigned ? `${r.onlyStudentName} assigned to ${as}.` : `${r.onlyStudentName} was already assigned to ${as}; nothing changed.`;
  }
  if (!r.assigned) return `All ${plural(r.already)} were already assigned to ${as}; nothing changed.`;
  const skipped = r.already ? ` ${plural(r.already)} ${r.already === 1 ? "was" : "were"} already assigned and left as they were.` : "";
  return `${plural(r.assigned)} assigned to ${as}.${skipped}`;
}

/** Ends a current assignment; the row stays as history with its end date and who ended it. */
export async function endAssignment(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("endAssignment", ZEndAssignmentInput, formToObject(form), async (ctx, input) => {
    const target = { entityType: "CaseloadAssignment", entityId: input.unverifiedAssignmentId.slice(0, 64) };
    authorizeAction(ctx, "caseload.assign", target);
    const id = z.uuid().safeParse(input.unverifiedAssignmentId);
    if (!id.success) throw new DeniedError("caseload.assign", target);
    return withTenant(ctx.districtId, async (tx) => {
      const assignment = await tx.caseloadAssignment.findFirst({
        where: { id: id.data, districtId: ctx.districtId },
        select: {
          id: true,
          role: true,
          endedAt: true,
          membershipId: true,
          studentId: true,
          student: { select: { schoolId: true, ...STUDENT_NAME_SELECT } },
          membership: { select: { user: { select: { name: true } } } },
        },
      });
      if (!assignment) throw new DeniedError("caseload.assign", target);
      authorizeAction(ctx, "caseload.assign", { ...target, studentId: assignment.studentId, schoolId: assignment.student.schoolId });
      const endedAt = new Date();
      // Conditional on endedAt still being null, so two people ending it at once cannot both "end" it.
      const { count } = await tx.caseloadAssignment.updateMany({
        where: { id: assignment.id, districtId: ctx.districtId, endedAt: null },
        data: { endedAt, endedByUserId: ctx.userId },
      });
      if (count === 0) throw new AppError("CONFLICT", "This assignment had already ended. Reload the page to see the current caseload.");
      await recordAudit(tx, {
        districtId: ctx.districtId,
        actorUserId: ctx.userId,
        action: "update",
        entityType: "CaseloadAssignment",
        entityId: assignment.id,
        studentId: assignment.studentId,
        detail: { membershipId: assignment.membershipId, role: assignment.role, before: { endedAt: null }, after: { endedAt: endedAt.toISOString() } },
      });
      return `${assignment.membership.user.name} is no longer ${CASE_ROLE_LABEL[assignment.role].toLowerCase()} for ${studentDisplayName(assignment.student)}.`;
    });
  });
  if (!result.ok) return result;
  revalidatePath("/", "layout");
  return { ok: true, message: result.data };
}

