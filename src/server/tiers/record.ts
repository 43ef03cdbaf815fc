import "server-only";
import { z } from "zod";
import { dateOfDay } from "@/domain/goals";
import { recordAudit } from "@/server/audit/record";
import { authorizeAction } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import { STUDENT_NAME_SELECT } from "@/server/caseloads/names";
import type { Tx } from "@/server/db/tenant";
import { AppError, DeniedError } from "@/server/errors";
import type { InterventionArea, TierLevel } from "./schemas";

export interface TierDecisionInput {
  unverifiedStudentId: string;
  area: InterventionArea;
  tier: TierLevel;
  /** YYYY-MM-DD, already checked (not in the future). */
  effectiveDate: string;
  reason: string;
}

/**
 * The one way a tier decision is recorded (the profile's form, a screening's
 * confirmed suggestions): finds the student in the district, checks tier.set
 * for their school, refuses an archived student, inserts the decision (history
 * is never overwritten) and audits it. Throws DeniedError / AppError for
 * runAction; `detail` adds to the audit event (e.g. the screening window).
 */
export async function recordTierDecision(tx: Tx, ctx: Ctx, input: TierDecisionInput, detail: Record<string, unknown> = {}) {
  const target = { entityType: "Student", entityId: input.unverifiedStudentId.slice(0, 64) };
  authorizeAction(ctx, "tier.set", target);
  const id = z.uuid().safeParse(input.unverifiedStudentId);
  if (!id.success) throw new DeniedError("tier.set", target);
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
    detail: { area: input.area, tier: input.tier, effectiveDate: input.effectiveDate, ...detail },
  });
  return { id: row.id, student };
}
