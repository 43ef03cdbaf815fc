"use server";
import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { redirect, unstable_rethrow } from "next/navigation";
import { z } from "zod";
import type { ActionState } from "@/domain/action-state";
import type { TwoFactorActionState } from "@/domain/two-factor";
import { formToObject, parseForm, runAction } from "@/server/action";
import { recordAudit } from "@/server/audit/record";
import { withTenant } from "@/server/db/tenant";
import { DeniedError, fieldError, logUnexpected } from "@/server/errors";
import { pendingInvitationCount } from "@/server/invitations/queries";
import { clientIp, signOut } from "./config";
import { authorizeAction } from "./policy";
import { DISTRICT_COOKIE, getSessionState, pendingStepPath } from "./session";
import { changeOwnTwoFactor, confirmEnrolment, resetTwoFactorOf, startEnrolment, verifySecondFactor } from "./two-factor";
import { ZChangeTwoFactorInput, ZConfirmEnrolmentInput, ZResetTwoFactorInput, ZSecondFactorInput } from "./two-factor-schemas";

// The two-factor forms (decision 033). The logic is in ./two-factor.ts; these
// check who is asking, parse the form and turn results into form states.

const codeError = (message: string): ActionState => ({ ok: false, error: { code: "INVALID_INPUT", message, fieldErrors: { code: [message] } } });
const unexpected = (error: unknown, where: string, what: string): ActionState => {
  const ref = logUnexpected(error, where);
  return { ok: false, error: { code: "UNEXPECTED", message: `Something went wrong and ${what}. If it happens again, give this reference to your administrator: ${ref}.` } };
};

/** The code step of a sign-in: a right code completes the session and opens the app. */
export async function submitSecondFactor(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await getSessionState();
  if (state.status === "signed-out") redirect("/sign-in");
  if (state.status !== "second-factor") redirect(pendingStepPath(state) ?? "/");
  const parsed = parseForm(ZSecondFactorInput, form);
  if (!parsed.success) return { ok: false, error: { code: "INVALID_INPUT", message: "Enter the code from your authenticator app.", fieldErrors: parsed.fieldErrors } };
  let result;
  try {
    result = await verifySecondFactor({ userId: state.userId, sessionId: state.sessionId, typed: parsed.data.code, ip: await clientIp() });
  } catch (error) {
    return unexpected(error, "submitSecondFactor", "you are not signed in yet");
  }
  if (!result.ok) {
    if (result.sessionEnded) {
      (await cookies()).delete(DISTRICT_COOKIE);
      await signOut({ redirect: false });
      return { ok: false, error: { code: result.reason === "locked" ? "RATE_LIMITED" : "SIGNED_OUT", message: result.message } };
    }
    return codeError(result.message);
  }
  if ((await pendingInvitationCount(state.userId)) > 0) redirect("/invitations");
  redirect("/");
}

/** Offers a new secret; the page shows its QR code. For the security page and the required enrolment after sign-in. */
export async function startTwoFactorSetup(): Promise<ActionState> {
  const state = await getSessionState();
  if (state.status === "signed-out") redirect("/sign-in");
  if (state.status !== "ready" && state.status !== "enrol-two-factor") redirect(pendingStepPath(state) ?? "/");
  const userId = state.status === "ready" ? state.ctx.userId : state.userId;
  try {
    if ((await startEnrolment(userId)) === "already_enrolled") return { ok: false, error: { code: "CONFLICT", message: "Two-factor authentication is already on for your account." } };
  } catch (error) {
    return unexpected(error, "startTwoFactorSetup", "the setup did not start");
  }
  revalidatePath(state.status === "ready" ? "/account/security" : "/two-factor/setup");
  return { ok: true };
}

/** Confirms the setup with a code; the answer carries the ten recovery codes, shown once. */
export async function confirmTwoFactorSetup(_prev: TwoFactorActionState, form: FormData): Promise<TwoFactorActionState> {
  const state = await getSessionState();
  if (state.status === "signed-out") redirect("/sign-in");
  if (state.status !== "ready" && state.status !== "enrol-two-factor") redirect(pendingStepPath(state) ?? "/");
  const parsed = parseForm(ZConfirmEnrolmentInput, form);
  if (!parsed.success) return { ok: false, error: { code: "INVALID_INPUT", message: "Enter the code from your authenticator app.", fieldErrors: parsed.fieldErrors } };
  const userId = state.status === "ready" ? state.ctx.userId : state.userId;
  const sessionId = state.status === "ready" ? state.ctx.sessionId : state.sessionId;
  try {
    const result = await confirmEnrolment({ userId, sessionId, typed: parsed.data.code, ip: await clientIp() });
    if (!result.ok) return codeError(result.message);
    const others = result.otherSessionsEnded === 0 ? "" : result.otherSessionsEnded === 1 ? " Your 1 other session was signed out." : ` Your ${result.otherSessionsEnded} other sessions were signed out.`;
    return { ok: true, message: `Two-factor authentication is on. From your next sign-in, you will be asked for a code after your password.${others}`, recoveryCodes: result.recoveryCodes };
  } catch (error) {
    unstable_rethrow(error);
    return unexpected(error, "confirmTwoFactorSetup", "two-factor authentication was not turned on");
  }
}

/** Turns one's own second factor off, or replaces the recovery codes: either needs a current code. */
export async function changeTwoFactor(_prev: TwoFactorActionState, form: FormData): Promise<TwoFactorActionState> {
  const state = await getSessionState();
  if (state.status !== "ready") redirect(state.status === "signed-out" ? "/sign-in" : (pendingStepPath(state) ?? "/"));
  const parsed = parseForm(ZChangeTwoFactorInput, form);
  if (!parsed.success) return { ok: false, error: { code: "INVALID_INPUT", message: "Enter a code from your authenticator app.", fieldErrors: parsed.fieldErrors } };
  try {
    const result = await changeOwnTwoFactor({ userId: state.ctx.userId, sessionId: state.ctx.sessionId, typed: parsed.data.code, ip: await clientIp(), change: parsed.data.change });
    if (!result.ok) return codeError(result.message);
    revalidatePath("/account/security");
    if (result.recoveryCodes) return { ok: true, message: "Your new recovery codes are below. The old ones no longer work.", recoveryCodes: result.recoveryCodes };
    return { ok: true, message: "Two-factor authentication is off. Your other sessions were signed out." };
  } catch (error) {
    unstable_rethrow(error);
    return unexpected(error, "changeTwoFactor", "nothing was changed");
  }
}

/**
 * An administrator resets a staff member's second factor (a lost or replaced
 * phone): members of the administrator's own district only, not oneself.
 * Every session of the person ends; audited in the district.
 */
export async function resetStaffTwoFactor(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("resetStaffTwoFactor", ZResetTwoFactorInput, formToObject(form), async (ctx, input) => {
    const target = { entityType: "Membership", entityId: input.unverifiedMembershipId.slice(0, 64) };
    authorizeAction(ctx, "staff.manage", target);
    const id = z.uuid().safeParse(input.unverifiedMembershipId);
    if (!id.success) throw new DeniedError("staff.manage", target);
    const member = await withTenant(ctx.districtId, (tx) =>
      tx.membership.findFirst({ where: { id: id.data, districtId: ctx.districtId }, select: { id: true, userId: true, user: { select: { name: true } } } }),
    );
    if (!member) throw new DeniedError("staff.manage", target);
    if (member.userId === ctx.userId) throw fieldError("_form", "You cannot reset your own two-factor authentication. Another administrator can, or use Two-factor authentication on Your account.");
    const { sessionsEnded, wasEnabled } = await resetTwoFactorOf(member.userId);
    await withTenant(ctx.districtId, (tx) =>
      recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "two_factor_reset", entityType: "Membership", entityId: member.id, detail: { sessionsEnded, wasEnabled } }),
    );
    return { name: member.user.name, wasEnabled };
  });
  if (!result.ok) return result;
  revalidatePath("/admin/staff");
  return {
    ok: true,
    message: result.data.wasEnabled
      ? `The two-factor authentication of ${result.data.name} was reset and they were signed out everywhere. They set it up again with a new authenticator at their next sign-in (or on Your account, if it is not required of them).`
      : `${result.data.name} had no two-factor authentication set up; any setup they had started was cleared and they were signed out everywhere.`,
  };
}
