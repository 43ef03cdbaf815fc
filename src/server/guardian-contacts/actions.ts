"use server";
import { revalidatePath } from "next/cache";
import type { ActionState } from "@/domain/action-state";
import { dateOfDay } from "@/domain/goals";
import { formToObject, runAction, withSubmitted } from "@/server/action";
import { recordAudit } from "@/server/audit/record";
import { authorizeAction } from "@/server/auth/policy";
import { withTenant } from "@/server/db/tenant";
import { AppError, DeniedError, fieldError } from "@/server/errors";
import { studentReach } from "@/server/reach";
import { z } from "zod";
import { ZLogGuardianContactInput } from "./schemas";

/**
 * Logs one contact with a student's family (guardianContact.log on the
 * student). The guardian must be one of the student's; their name and
 * relationship are copied, since the student form replaces guardian rows.
 * The audit event names the method, never what was said.
 */
export async function logGuardianContact(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("logGuardianContact", ZLogGuardianContactInput, formToObject(form), (ctx, input) =>
    withTenant(ctx.districtId, async (tx) => {
      const target = { entityType: "Student", entityId: input.unverifiedStudentId.slice(0, 64) };
      const id = z.uuid().safeParse(input.unverifiedStudentId);
      const student = id.success ? await tx.student.findFirst({ where: { id: id.data, districtId: ctx.districtId }, select: { id: true, schoolId: true, archivedAt: true } }) : null;
      if (!student) throw new DeniedError("guardianContact.log", target);
      authorizeAction(ctx, "guardianContact.log", { ...target, studentId: student.id, ...(await studentReach(tx, ctx, student)) });
      if (student.archivedAt) throw new AppError("INVALID_INPUT", "This student is archived: restore the record before logging a contact.");
      const guardian = await tx.guardian.findFirst({ where: { id: input.unverifiedGuardianId, districtId: ctx.districtId, studentId: student.id }, select: { name: true, relationship: true } });
      if (!guardian) throw fieldError("unverifiedGuardianId", "Choose one of this student's guardians. Add the guardian on the student's edit page first if they are not listed.");
      const row = await tx.guardianContact.create({
        data: {
          districtId: ctx.districtId,
          studentId: student.id,
          contactedOn: dateOfDay(input.contactedOn),
          guardianName: guardian.name,
          guardianRelationship: guardian.relationship,
          method: input.method,
          interpreterUsed: input.interpreterUsed,
          interpreterLanguage: input.interpreterUsed ? input.interpreterLanguage : null,
          purpose: input.purpose,
          summary: input.summary,
          followUp: input.followUp,
          createdByUserId: ctx.userId,
        },
        select: { id: true },
      });
      await recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "create", entityType: "GuardianContact", entityId: row.id, studentId: student.id, detail: { method: input.method, interpreterUsed: input.interpreterUsed } });
      return student.id;
    }),
  );
  if (!result.ok) return withSubmitted(result, form);
  revalidatePath(`/students/${result.data}`, "layout");
  return { ok: true, message: "Contact logged." };
}
