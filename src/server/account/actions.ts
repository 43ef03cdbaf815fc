"use server";
import { randomInt } from "node:crypto";
import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { ActionState } from "@/domain/action-state";
import { passwordStrengthNote, RECOVERY_ALPHABET } from "@/domain/identity";
import { formToObject, parseForm, runAction, withSubmitted } from "@/server/action";
import { recordAudit, type AuditEntry } from "@/server/audit/record";
import { clientIp, signOut } from "@/server/auth/config";
import { RATE_LIMIT } from "@/server/auth/credentials";
import { hashPassword, verifyPassword } from "@/server/auth/password";
import { newPasswordProblem } from "@/server/auth/password-policy";
import { authorizeAction } from "@/server/auth/policy";
import { DISTRICT_COOKIE, getSessionState } from "@/server/auth/session";
import { endSessions } from "@/server/auth/user-sessions";
import { getDb } from "@/server/db/client";
import { withTenant, withUserScope } from "@/server/db/tenant";
import { DeniedError, fieldError, logUnexpected } from "@/server/errors";
import { ZChangePasswordInput, ZEndSessionInput, ZResetPasswordInput } from "./schemas";

/** Hours a temporary password from an administrator can be used (once). */
const TEMPORARY_PASSWORD_HOURS = 72;

/**
 * Audits an event about the person's own account in every district where
 * they work (as sign-ins are, decision 003/009), or without a district.
 */
async function auditOwnAccount(userId: string, event: Omit<AuditEntry, "districtId" | "actorUserId">): Promise<void> {
  const districtIds = (
    await withUserScope(userId, (tx) => tx.membership.findMany({ where: { userId, deactivatedAt: null }, select: { districtId: true } }))
  ).map((m) => m.districtId);
  const entry = { ...event, actorUserId: userId, ip: await clientIp() };
  if (districtIds.length === 0) {
    const db = await getDb();
    await db.auditEvent.createMany({ data: [{ ...entry, districtId: null, entityId: entry.entityId ?? null, studentId: null }] });
  }
  for (const districtId of districtIds) await withTenant(districtId, (tx) => recordAudit(tx, { ...entry, districtId }));
}

/**
 * A person changes their own password (ASVS 6.2.2/6.2.3: the current one is
 * required). After a temporary password from an administrator the sign-in has
 * just proved it, so it is not asked again. The new password must pass the
 * policy (decision 025); every other session of the person ends.
 */
export async function changePassword(_prev: ActionState, form: FormData): Promise<ActionState> {
  const state = await getSessionState();
  if (state.status === "signed-out") redirect("/sign-in");
  const userId = state.status === "ready" ? state.ctx.userId : state.userId;
  const sessionId = state.status === "ready" ? state.ctx.sessionId : state.status === "change-password" ? state.sessionId : undefined;
  const forced = state.status === "change-password";
  const parsed = parseForm(ZChangePasswordInput, form);
  if (!parsed.success) return withSubmitted({ ok: false, error: { code: "INVALID_INPUT", message: "Please correct the highlighted fields.", fieldErrors: parsed.fieldErrors } }, form);
  const input = parsed.data;
  try {
    const db = await getDb();
    const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, name: true, passwordHash: true } });
    const invalid = (field: string, message: string) => withSubmitted({ ok: false as const, error: { code: "INVALID_INPUT", message, fieldErrors: { [field]: [message] } } }, form);
    if (!forced) {
      if (!input.currentPassword) return invalid("currentPassword", "Enter your current password.");
      // Wrong current passwords count with failed sign-ins of the email, so this form is no way around the lock-out.
      const ip = await clientIp();
      const since = new Date(Date.now() - RATE_LIMIT.windowMinutes * 60_000);
      const failures = await db.loginAttempt.count({ where: { email: user.email, outcome: { in: ["PENDING", "FAILED"] }, createdAt: { gte: since } } });
      if (failures >= RATE_LIMIT.perEmail) {
        return withSubmitted({ ok: false, error: { code: "RATE_LIMITED", message: "Too many wrong passwords. Wait 15 minutes and try again, or ask your administrator to reset your password." } }, form);
      }
      if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
        await db.loginAttempt.create({ data: { email: user.email, ip, outcome: "FAILED" } });
        await auditOwnAccount(userId, { action: "password_change", entityType: "User", entityId: userId, detail: { refused: "wrong current password" } });
        return invalid("currentPassword", "This is not your current password.");
      }
    }
    const problem = newPasswordProblem(input.newPassword, user);
    if (problem) return invalid("newPassword", problem);
    if (input.confirmPassword !== input.newPassword) return invalid("confirmPassword", "The two new passwords are not the same. Type it again in both fields.");
    if (await verifyPassword(user.passwordHash, input.newPassword)) return invalid("newPassword", forced ? "Choose a password of your own, not the temporary one." : "The new password is your current one. Choose a different one.");

    const passwordHash = await hashPassword(input.newPassword);
    await db.user.update({
      where: { id: userId },
      data: { passwordHash, passwordChangedAt: new Date(), passwordTemporaryUntil: null, passwordTemporaryUsedAt: null },
      select: { id: true },
    });
    // Every other browser is signed out; this one goes on.
    const ended = await endSessions(sessionId ? { userId, NOT: { id: sessionId } } : { userId }, "password_changed");
    await auditOwnAccount(userId, { action: "password_change", entityType: "User", entityId: userId, detail: { afterTemporary: forced, otherSessionsEnded: ended } });
    const note = passwordStrengthNote(input.newPassword);
    if (forced) redirect("/");
    revalidatePath("/account");
    return { ok: true, message: `Your password was changed. ${note} ${ended === 0 ? "You were signed in nowhere else." : ended === 1 ? "Your 1 other session was signed out." : `Your ${ended} other sessions were signed out.`}` };
  } catch (error) {
    const { unstable_rethrow } = await import("next/navigation");
    unstable_rethrow(error);
    const ref = logUnexpected(error, "changePassword");
    return { ok: false, error: { code: "UNEXPECTED", message: `Something went wrong and your password was not changed. Reference: ${ref}.` } };
  }
}

/** Ends one of the person's own sessions ("Sign out" in Where you are signed in). Another person's id is NOT_FOUND. */
export async function endSession(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("endSession", ZEndSessionInput, formToObject(form), async (ctx, input) => {
    const target = { entityType: "UserSession", entityId: input.unverifiedSessionId.slice(0, 64) };
    const id = z.uuid().safeParse(input.unverifiedSessionId);
    if (!id.success) throw new DeniedError("session.end", target);
    const db = await getDb();
    const session = await db.userSession.findFirst({ where: { id: id.data, userId: ctx.userId }, select: { id: true, endedAt: true } });
    if (!session) throw new DeniedError("session.end", target);
    const ended = await endSessions({ id: session.id, userId: ctx.userId }, "ended_by_user");
    await withTenant(ctx.districtId, (tx) =>
      recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "session_end", entityType: "UserSession", entityId: session.id, detail: { current: session.id === ctx.sessionId, alreadyEnded: ended === 0 } }),
    );
    return { current: session.id === ctx.sessionId };
  });
  if (!result.ok) return result;
  if (result.data.current) {
    (await cookies()).delete(DISTRICT_COOKIE);
    await signOut({ redirectTo: "/sign-in" });
  }
  revalidatePath("/account");
  return { ok: true, message: "That session was signed out." };
}

/** Four groups of four characters (80 bits): typed once by the person, so no look-alike letters. */
function temporaryPassword(): string {
  const chars = Array.from({ length: 16 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join("")).join("-").toLowerCase();
}

/**
 * An administrator resets a staff member's password to a temporary one,
 * shown once to the administrator, valid for one sign-in within 72 hours,
 * after which the person must choose their own (decision 025). All the
 * person's sessions end. Only members of the administrator's district
 * (accepted memberships), and not the administrator themselves (they use
 * Change password).
 */
export async function resetStaffPassword(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("resetStaffPassword", ZResetPasswordInput, formToObject(form), async (ctx, input) => {
    const target = { entityType: "Membership", entityId: input.unverifiedMembershipId.slice(0, 64) };
    authorizeAction(ctx, "staff.manage", target);
    const id = z.uuid().safeParse(input.unverifiedMembershipId);
    if (!id.success) throw new DeniedError("staff.manage", target);
    const member = await withTenant(ctx.districtId, (tx) =>
      tx.membership.findFirst({ where: { id: id.data, districtId: ctx.districtId }, select: { id: true, userId: true, deactivatedAt: true, user: { select: { name: true } } } }),
    );
    if (!member) throw new DeniedError("staff.manage", target);
    if (member.userId === ctx.userId) throw fieldError("_form", "To change your own password, use Change password on Your account.");
    if (member.deactivatedAt) throw fieldError("_form", "This person is deactivated. Reactivate them first if they should sign in again.");
    const password = temporaryPassword();
    const passwordHash = await hashPassword(password);
    const db = await getDb();
    await db.user.update({
      where: { id: member.userId },
      data: {
        passwordHash,
        passwordChangedAt: new Date(),
        passwordTemporaryUntil: new Date(Date.now() + TEMPORARY_PASSWORD_HOURS * 3_600_000),
        passwordTemporaryUsedAt: null,
        sessionVersion: { increment: 1 },
      },
      select: { id: true },
    });
    const ended = await endSessions({ userId: member.userId }, "password_reset");
    await withTenant(ctx.districtId, (tx) =>
      recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "password_reset", entityType: "Membership", entityId: member.id, detail: { sessionsEnded: ended, temporaryHours: TEMPORARY_PASSWORD_HOURS } }),
    );
    return { password, name: member.user.name };
  });
  if (!result.ok) return result;
  revalidatePath("/admin/staff");
  return {
    ok: true,
    message: `The password of ${result.data.name} was reset and they were signed out everywhere. Give them this temporary password in person or by phone: ${result.data.password} — it works for one sign-in within ${TEMPORARY_PASSWORD_HOURS} hours, and they must then choose their own. It is not shown again.`,
  };
}
