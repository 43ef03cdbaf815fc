"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionState } from "@/domain/action-state";
import { dateOfDay } from "@/domain/goals";
import { formToObject, runAction, withSubmitted } from "@/server/action";
import { recordAudit } from "@/server/audit/record";
import { authorizeAction } from "@/server/auth/policy";
import { STUDENT_NAME_SELECT, studentDisplayName } from "@/server/caseloads/names";
import { withTenant } from "@/server/db/tenant";
import { AppError, DeniedError } from "@/server/errors";
import { AREA_LABEL, TIER_LABEL, ZSetTierInput } from "./schemas";

/**
 * Records a tier decision for a student in one area. Nothing is overwritten:
 * each decision is a new row, and the newest one in effect is the current tier.
 */
export async function setTier(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("setTier", ZSetTierInput, formToObject(form), async (ctx, input) => {
    const target = { entityType: "Student", entityId: input.unverifiedStudentId.slice(0, 64) };
    authorizeAction(ctx, "tier.set", target);
    const id = z.uuid().safeParse(input.unverifiedStudentId);
    if (!id.success) throw new DeniedError("tier.set", target);
    return withTenant(ctx.districtId, async (tx) => {
      const student = await tx.student.findFirst({
        where: { id: id.data, districtId: ctx.districtId },
        select: { id: true, schoolId: true, archivedAt: true, ...STUDENT_NAME_SELECT },
      });
      if (!student) throw new DeniedError("tier.set", target);
      authorizeAction(ctx, "tier.set", { ...target, studentId: student.id, schoolId: student.schoolId });
      if (student.archivedAt) throw new AppError("INVALID_INPUT", "This student is archived. Restore them before setting a tier.");
      const row = await tx.studentTier.create({
        data: {
          districtId: ctx.districtId,
          studentId: student.id,
          area: input.area,
          tier: input.tier,
          effectiveDate: dateOfDay(input.effectiveDate),
          reason: input.reason,
          decidedByUserId: ctx.userId,
        },
        select: { id: true },
      });
      await recordAudit(tx, {
        districtId: ctx.districtId,
        actorUserId: ctx.userId,
        action: "create",
        entityType: "StudentTier",
        entityId: row.id,
        studentId: student.id,
        detail: { area: input.area, tier: input.tier, effectiveDate: input.effectiveDate },
      });
      return `${studentDisplayName(student)}: ${TIER_LABEL[input.tier]} in ${AREA_LABEL[input.area].toLowerCase()} from ${input.effectiveDate}.`;
    });
  });
  if (!result.ok) return withSubmitted(result, form);
  revalidatePath("/students", "layout");
  return { ok: true, message: result.data };
}
