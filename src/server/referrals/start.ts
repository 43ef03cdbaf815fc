import "server-only";
import { z } from "zod";
import { dateOfDay } from "@/domain/goals";
import type { Prisma } from "@/generated/prisma/client";
import { recordAudit } from "@/server/audit/record";
import type { Ctx } from "@/server/auth/session";
import type { Tx } from "@/server/db/tenant";
import { AppError, DeniedError } from "@/server/errors";
import { referralAccessIn } from "./queries";
import type { TStartReferralInput } from "./schemas";

// Starting a referral inside the caller's transaction: the referral form and a
// meeting's "start a referral" decision. Not a "use server" file.

const targetOf = (entityType: string, unverifiedId: string) => ({ entityType, entityId: unverifiedId.slice(0, 64) });

export /** The student if the user may keep their referrals; unknown, malformed or out of reach -> NOT_FOUND. */
async function referableStudent(tx: Tx, ctx: Ctx, unverifiedStudentId: string, target: { entityType: string; entityId: string }) {
  const id = z.uuid().safeParse(unverifiedStudentId);
  const student = id.success ? await tx.student.findFirst({ where: { id: id.data, districtId: ctx.districtId }, select: { id: true, schoolId: true, archivedAt: true } }) : null;
  if (!student) throw new DeniedError("referral.manage", target);
  if (!(await referralAccessIn(tx, ctx, student)).manage) throw new DeniedError("referral.manage", { ...target, studentId: student.id });
  if (student.archivedAt) throw new AppError("INVALID_INPUT", "This student is archived. Restore them before referring them.");
  return student;
}

/** Starts a referral for special-education evaluation of a student; `detail` adds to the audit event (e.g. the meeting). */
export async function startReferralIn(tx: Tx, ctx: Ctx, input: TStartReferralInput, detail: Prisma.InputJsonObject = {}) {
  const student = await referableStudent(tx, ctx, input.unverifiedStudentId, targetOf("Student", input.unverifiedStudentId));
  const open = await tx.referral.findFirst({ where: { districtId: ctx.districtId, studentId: student.id, archivedAt: null, status: { not: "OUTCOME" } }, select: { id: true } });
  if (open) throw new AppError("INVALID_INPUT", "This student already has an open referral: update that one.");
  const row = await tx.referral.create({
    data: { districtId: ctx.districtId, studentId: student.id, reason: input.reason, concerns: input.concerns, referredOn: dateOfDay(input.referredOn), createdByUserId: ctx.userId },
    select: { id: true },
  });
  await recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "create", entityType: "Referral", entityId: row.id, studentId: student.id, detail: { fields: ["reason", "concerns", "referredOn"], ...detail } });
  return { studentId: student.id, referralId: row.id };
}
