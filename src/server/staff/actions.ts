"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionState } from "@/components/ui/action-state";
import { formToObject, isUniqueViolation, runAction, withSubmitted } from "@/server/action";
import { recordAudit } from "@/server/audit/record";
import { hashPassword } from "@/server/auth/password";
import { authorizeAction } from "@/server/auth/policy";
import { withTenant, type Tx } from "@/server/db/tenant";
import { DeniedError, fieldError } from "@/server/errors";
import { ZCreateStaffInput, ZUpdateStaffInput, STAFF_ARRAY_FIELDS } from "./schemas";

const alreadyOnStaff = () => fieldError("email", "This person is already on your staff.");

/** Throws a field error unless every id is an active school of the district. */
async function assertActiveSchools(tx: Tx, districtId: string, unverifiedSchoolIds: string[]): Promise<void> {
  if (unverifiedSchoolIds.length === 0) return;
  const found = await tx.school.count({ where: { districtId, archivedAt: null, id: { in: unverifiedSchoolIds } } });
  if (found !== unverifiedSchoolIds.length) throw fieldError("unverifiedSchoolIds", "Choose only open schools of your district.");
}

export async function createStaff(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("createStaff", ZCreateStaffInput, formToObject(form, STAFF_ARRAY_FIELDS), async (ctx, input) => {
    authorizeAction(ctx, "staff.manage", { entityType: "Membership" });
    // Hashing is slow on purpose; done before the transaction so it holds no connection meanwhile.
    const passwordHash = await hashPassword(input.password);
    try {
      return await withTenant(ctx.districtId, async (tx) => {
        await assertActiveSchools(tx, ctx.districtId, input.unverifiedSchoolIds);
        // A person is one account across districts: someone another district
        // already knows keeps their name and password and gains a membership here.
        const existing = await tx.user.findUnique({ where: { email: input.email }, select: { id: true, name: true } });
        if (existing && (await tx.membership.findFirst({ where: { districtId: ctx.districtId, userId: existing.id }, select: { id: true } }))) {
          throw alreadyOnStaff();
        }
        const user = existing ?? (await tx.user.create({ data: { name: input.name, email: input.email, passwordHash }, select: { id: true, name: true } }));
        const membership = await tx.membership.create({ data: { districtId: ctx.districtId, userId: user.id, role: input.role }, select: { id: true } });
        await tx.membershipSchool.createMany({
          data: input.unverifiedSchoolIds.map((schoolId) => ({ districtId: ctx.districtId, membershipId: membership.id, schoolId })),
        });
        await recordAudit(tx, {
          districtId: ctx.districtId,
          actorUserId: ctx.userId,
          action: "create",
          entityType: "Membership",
          entityId: membership.id,
          detail: { userId: user.id, email: input.email, role: input.role, schoolIds: input.unverifiedSchoolIds, existingAccount: Boolean(existing) },
        });
        return { name: user.name, existingAccount: Boolean(existing) };
      });
    } catch (error) {
      // Two admins adding the same person at once: the loser sees what a later attempt would.
      if (isUniqueViolation(error)) throw alreadyOnStaff();
      throw error;
    }
  });
  if (!result.ok) return withSubmitted(result, form, ["unverifiedSchoolIds"]);
  revalidatePath("/admin/staff");
  const { name, existingAccount } = result.data;
  return {
    ok: true,
    message: existingAccount
      ? `${name} already had an account; they were added to this district and sign in with their existing password.`
      : `${name} was added.`,
  };
}

const statusOf = (deactivatedAt: Date | null) => (deactivatedAt ? "deactivated" : "active");

export async function updateStaff(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("updateStaff", ZUpdateStaffInput, formToObject(form, STAFF_ARRAY_FIELDS), async (ctx, input) => {
    const target = { entityType: "Membership", entityId: input.unverifiedMembershipId.slice(0, 64) };
    authorizeAction(ctx, "staff.manage", target);
    const id = z.uuid().safeParse(input.unverifiedMembershipId);
    if (!id.success) throw new DeniedError("staff.manage", target);
    const deactivate = Boolean(input.deactivated);
    await withTenant(ctx.districtId, async (tx) => {
      const existing = await tx.membership.findFirst({
        where: { id: id.data, districtId: ctx.districtId },
        select: { id: true, userId: true, role: true, deactivatedAt: true, schools: { select: { schoolId: true } } },
      });
      if (!existing) throw new DeniedError("staff.manage", target);
      // An administrator must not lock themselves (and perhaps everyone) out of administration.
      if (existing.id === ctx.membershipId && deactivate) {
        throw fieldError("deactivated", "You cannot deactivate yourself. Ask another administrator to do it.");
      }
      if (existing.id === ctx.membershipId && input.role !== "ADMIN") {
        throw fieldError("role", "You cannot remove your own Administrator role. Ask another administrator to do it.");
      }
      await assertActiveSchools(tx, ctx.districtId, input.unverifiedSchoolIds);

      const deactivatedAt = deactivate ? (existing.deactivatedAt ?? new Date()) : null;
      await tx.membership.update({ where: { id: existing.id }, data: { role: input.role, deactivatedAt } });
      await tx.membershipSchool.deleteMany({ where: { districtId: ctx.districtId, membershipId: existing.id } });
      await tx.membershipSchool.createMany({
        data: input.unverifiedSchoolIds.map((schoolId) => ({ districtId: ctx.districtId, membershipId: existing.id, schoolId })),
      });
      if (deactivatedAt && !existing.deactivatedAt) {
        // Open sessions carry the old version and end at their next request.
        await tx.user.update({ where: { id: existing.userId }, data: { sessionVersion: { increment: 1 } } });
      }
      await recordAudit(tx, {
        districtId: ctx.districtId,
        actorUserId: ctx.userId,
        action: "update",
        entityType: "Membership",
        entityId: existing.id,
        detail: {
          before: { role: existing.role, schoolIds: existing.schools.map((s) => s.schoolId), status: statusOf(existing.deactivatedAt) },
          after: { role: input.role, schoolIds: input.unverifiedSchoolIds, status: statusOf(deactivatedAt) },
        },
      });
    });
  });
  if (!result.ok) return withSubmitted(result, form, ["unverifiedSchoolIds"]);
  revalidatePath("/admin/staff");
  return { ok: true, message: "Saved." };
}
