"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionState } from "@/domain/action-state";
import { formToObject, isUniqueViolation, runAction, withSubmitted } from "@/server/action";
import { recordAudit } from "@/server/audit/record";
import { hashPassword } from "@/server/auth/password";
import { authorizeAction } from "@/server/auth/policy";
import { withTenant, type Tx } from "@/server/db/tenant";
import { DeniedError, fieldError } from "@/server/errors";
import { ZCreateStaffInput, ZUpdateStaffInput, ZWithdrawInvitationInput, STAFF_ARRAY_FIELDS } from "./schemas";

const alreadyOnStaff = () => fieldError("email", "This person is already on your staff.");
const alreadyInvited = () => fieldError("email", "This email already has an invitation from your district.");

/** Throws a field error unless every id is an active school of the district. */
async function assertActiveSchools(tx: Tx, districtId: string, unverifiedSchoolIds: string[]): Promise<void> {
  if (unverifiedSchoolIds.length === 0) return;
  const found = await tx.school.count({ where: { districtId, archivedAt: null, id: { in: unverifiedSchoolIds } } });
  if (found !== unverifiedSchoolIds.length) throw fieldError("unverifiedSchoolIds", "Choose only open schools of your district.");
}

/**
 * Invites a person to the district's staff (decision 009). The email may
 * already belong to an account (in another district, or invited elsewhere):
 * that account is never attached, renamed or revealed here. Either way the
 * person gets an invitation, accepted or declined at their next sign-in, and
 * the administrator gets the same answer; a new email also gets an account
 * with the initial password, which only the person can use to answer.
 */
export async function createStaff(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("createStaff", ZCreateStaffInput, formToObject(form, STAFF_ARRAY_FIELDS), async (ctx, input) => {
    authorizeAction(ctx, "staff.manage", { entityType: "Membership" });
    // Hashing is slow on purpose; done before the transaction so it holds no connection meanwhile.
    // It runs for known emails too, so the answer takes as long either way.
    const passwordHash = await hashPassword(input.password);
    try {
      return await withTenant(ctx.districtId, async (tx) => {
        await assertActiveSchools(tx, ctx.districtId, input.unverifiedSchoolIds);
        const existing = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
        if (existing) {
          // Only what this district already knows: its own staff and its own invitations.
          const [member, invited] = await Promise.all([
            tx.membership.findFirst({ where: { districtId: ctx.districtId, userId: existing.id }, select: { id: true } }),
            tx.invitation.findFirst({ where: { districtId: ctx.districtId, userId: existing.id }, select: { id: true, declinedAt: true } }),
          ]);
          if (member) throw alreadyOnStaff();
          if (invited && !invited.declinedAt) throw alreadyInvited();
          // A declined invitation is asked again, as a new one.
          if (invited) await tx.invitation.delete({ where: { id: invited.id } });
        }
        const user = existing ?? (await tx.user.create({ data: { name: input.name, email: input.email, passwordHash }, select: { id: true } }));
        const invitation = await tx.invitation.create({
          data: { districtId: ctx.districtId, userId: user.id, invitedName: input.name, role: input.role },
          select: { id: true },
        });
        await tx.invitationSchool.createMany({
          data: input.unverifiedSchoolIds.map((schoolId) => ({ districtId: ctx.districtId, invitationId: invitation.id, schoolId })),
        });
        await recordAudit(tx, {
          districtId: ctx.districtId,
          actorUserId: ctx.userId,
          action: "create",
          entityType: "Invitation",
          entityId: invitation.id,
          detail: { email: input.email, name: input.name, role: input.role, schoolIds: input.unverifiedSchoolIds },
        });
        return { name: input.name };
      });
    } catch (error) {
      // Two administrators adding the same email at once (here or in another district).
      if (isUniqueViolation(error)) throw fieldError("email", "Someone added this email at the same moment. Check the staff list, then try again.");
      throw error;
    }
  });
  if (!result.ok) return withSubmitted(result, form, ["unverifiedSchoolIds"]);
  revalidatePath("/admin/staff");
  return {
    ok: true,
    message:
      `${result.data.name} was invited. They accept at their next sign-in: with the initial password you set if ` +
      "this email is new to the app, otherwise with the password they already use. Until then they are listed as invited.",
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
      const before = existing.schools.map((s) => s.schoolId).sort();
      const after = [...input.unverifiedSchoolIds].sort();
      const changed =
        (deactivatedAt !== null && !existing.deactivatedAt) || input.role !== existing.role || before.join() !== after.join();
      // Deactivation, a new role or new schools end the person's open sessions
      // in this district only (their tokens carry the old membership version);
      // their work in other districts goes on (decision 009). An administrator
      // changing their own schools is not signed out by it.
      const endSessions = changed && existing.id !== ctx.membershipId;
      await tx.membership.update({
        where: { id: existing.id },
        data: { role: input.role, deactivatedAt, ...(endSessions ? { sessionVersion: { increment: 1 } } : {}) },
      });
      await tx.membershipSchool.deleteMany({ where: { districtId: ctx.districtId, membershipId: existing.id } });
      await tx.membershipSchool.createMany({
        data: input.unverifiedSchoolIds.map((schoolId) => ({ districtId: ctx.districtId, membershipId: existing.id, schoolId })),
      });
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

/**
 * Withdraws an invitation that was not accepted (a wrong email, a change of
 * plan): the row goes, so the person is no longer asked. An account created
 * for a new email stays, with nothing open to it, since another district may
 * have invited the same email meanwhile (decision 009).
 */
export async function withdrawInvitation(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("withdrawInvitation", ZWithdrawInvitationInput, formToObject(form), async (ctx, input) => {
    const target = { entityType: "Invitation", entityId: input.unverifiedInvitationId.slice(0, 64) };
    authorizeAction(ctx, "staff.manage", target);
    const id = z.uuid().safeParse(input.unverifiedInvitationId);
    if (!id.success) throw new DeniedError("staff.manage", target);
    return withTenant(ctx.districtId, async (tx) => {
      const invitation = await tx.invitation.findFirst({
        where: { id: id.data, districtId: ctx.districtId },
        select: { id: true, invitedName: true, role: true, declinedAt: true, user: { select: { email: true } } },
      });
      if (!invitation) throw new DeniedError("staff.manage", target);
      await tx.invitation.delete({ where: { id: invitation.id } });
      await recordAudit(tx, {
        districtId: ctx.districtId,
        actorUserId: ctx.userId,
        action: "update",
        entityType: "Invitation",
        entityId: invitation.id,
        detail: { withdrawn: true, email: invitation.user.email, role: invitation.role, wasDeclined: Boolean(invitation.declinedAt) },
      });
      return { name: invitation.invitedName };
    });
  });
  if (!result.ok) return result;
  revalidatePath("/admin/staff");
  return { ok: true, message: `The invitation of ${result.data.name} was withdrawn.` };
}
