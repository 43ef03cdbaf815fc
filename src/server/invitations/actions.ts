"use server";
import { revalidatePath } from "next/cache";
import { redirect, unstable_rethrow } from "next/navigation";
import { z } from "zod";
import type { ActionState } from "@/domain/action-state";
import { fieldErrorsOf, formToObject, isUniqueViolation } from "@/server/action";
import { recordAudit } from "@/server/audit/record";
import { recordDenied } from "@/server/auth/policy";
import { getSessionState, type SessionState, pendingStepPath } from "@/server/auth/session";
import { getDb } from "@/server/db/client";
import { withTenant, withUserScope } from "@/server/db/tenant";
import { AppError, DeniedError, logUnexpected } from "@/server/errors";
import { pendingInvitationCount } from "./queries";
import { ZAnswerInvitationInput } from "./schemas";

const ATTEMPTED = "invitation.answer";

/**
 * A refused answer is audited where the person works now, or without a
 * district when they have none open (the district of the invitation they
 * named is exactly what they may not reach).
 */
async function recordRefused(state: Exclude<SessionState, { status: "signed-out" }>, entityId: string): Promise<void> {
  const target = { entityType: "Invitation", entityId };
  if (state.status === "ready") return recordDenied(state.ctx, ATTEMPTED, target);
  const db = await getDb();
  // createMany: no RETURNING, which no tenant's read policy would allow for a district-less row.
  await db.auditEvent.createMany({ data: [{ districtId: null, actorUserId: state.userId, action: "denied", ...target, detail: { attempted: ATTEMPTED } }] });
}

/**
 * Accepting turns the invitation into an active membership with its role and
 * schools (and deletes it); declining marks it so it is not asked again. Only
 * the invited person can answer; anyone else's id, or one already answered,
 * is NOT_FOUND with a denied audit event. The district's log gets the answer.
 */
export async function answerInvitation(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await getSessionState();
  if (state.status === "signed-out") redirect("/sign-in");
  if (state.status === "change-password") redirect("/change-password");
  if (state.status === "second-factor" || state.status === "enrol-two-factor") redirect(pendingStepPath(state)!);
  const userId = state.status === "ready" ? state.ctx.userId : state.userId;
  const parsed = ZAnswerInvitationInput.safeParse(formToObject(form));
  if (!parsed.success) {
    return { ok: false, error: { code: "INVALID_INPUT", message: "Please answer from the list of invitations.", fieldErrors: fieldErrorsOf(parsed.error) } };
  }
  const { answer } = parsed.data;
  const entityId = parsed.data.unverifiedInvitationId.slice(0, 64);
  let districtName: string;
  try {
    const id = z.uuid().safeParse(parsed.data.unverifiedInvitationId);
    if (!id.success) throw new DeniedError(ATTEMPTED, { entityType: "Invitation", entityId });
    // The user scope sees only this person's invitations; it tells which district to open.
    const mine = await withUserScope(userId, (tx) =>
      tx.invitation.findFirst({ where: { id: id.data, userId, declinedAt: null }, select: { districtId: true } }),
    );
    if (!mine) throw new DeniedError(ATTEMPTED, { entityType: "Invitation", entityId });
    districtName = await withTenant(mine.districtId, async (tx) => {
      const invitation = await tx.invitation.findFirst({
        where: { id: id.data, districtId: mine.districtId, userId, declinedAt: null },
        select: { id: true, role: true, district: { select: { name: true } }, schools: { select: { schoolId: true } } },
      });
      // Answered meanwhile (another tab): the same answer as for any other id.
      if (!invitation) throw new DeniedError(ATTEMPTED, { entityType: "Invitation", entityId });
      const schoolIds = invitation.schools.map((s) => s.schoolId);
      if (answer === "accept") {
        const membership = await tx.membership.create({ data: { districtId: mine.districtId, userId, role: invitation.role }, select: { id: true } });
        await tx.membershipSchool.createMany({ data: schoolIds.map((schoolId) => ({ districtId: mine.districtId, membershipId: membership.id, schoolId })) });
        await tx.invitation.delete({ where: { id: invitation.id } });
        await recordAudit(tx, {
          districtId: mine.districtId,
          actorUserId: userId,
          action: "create",
          entityType: "Membership",
          entityId: membership.id,
          detail: { acceptedInvitation: invitation.id, role: invitation.role, schoolIds },
        });
      } else {
        await tx.invitation.update({ where: { id: invitation.id }, data: { declinedAt: new Date() } });
        await recordAudit(tx, {
          districtId: mine.districtId,
          actorUserId: userId,
          action: "update",
          entityType: "Invitation",
          entityId: invitation.id,
          detail: { answer: "declined" },
        });
      }
      return invitation.district.name;
    });
  } catch (error) {
    unstable_rethrow(error);
    if (error instanceof DeniedError || isUniqueViolation(error)) {
      await recordRefused(state, entityId).catch((e) => logUnexpected(e, "answerInvitation: recording denied access"));
      return { ok: false, error: { code: "NOT_FOUND", message: "We could not find that invitation. It may have been answered already." } };
    }
    if (error instanceof AppError) return { ok: false, error: { code: error.code, message: error.message } };
    const ref = logUnexpected(error, "answerInvitation");
    return { ok: false, error: { code: "UNEXPECTED", message: `Something went wrong and nothing was saved. If it happens again, give this reference to your administrator: ${ref}.` } };
  }
  revalidatePath("/admin/staff");
  revalidatePath("/invitations");
  // With every invitation answered, the app opens (or asks which district to work in).
  if ((await pendingInvitationCount(userId)) === 0) redirect("/");
  return { ok: true, message: answer === "accept" ? `You joined ${districtName}.` : `You declined the invitation of ${districtName}.` };
}
