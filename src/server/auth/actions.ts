"use server";
import { AuthError } from "next-auth";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { ActionState } from "@/domain/action-state";
import { recordAudit } from "@/server/audit/record";
import { getDb } from "@/server/db/client";
import { withTenant } from "@/server/db/tenant";
import { formToObject, parseForm, withSubmitted } from "@/server/action";
import { logUnexpected } from "@/server/errors";
import { signIn, signOut, SESSION_MAX_AGE_SECONDS } from "./config";
import { pendingInvitationCount } from "@/server/invitations/queries";
import { ZSignInInput } from "./credentials";
import { SSO_REFUSALS } from "@/domain/sso";
import { DISTRICT_COOKIE, getSession, getSessionState, pendingStepPath } from "./session";
import { endSessions } from "./user-sessions";

const INVALID = "The email or password is not right. Check both and try again.";
const RATE_LIMITED = "Too many unsuccessful sign-ins. Wait 15 minutes and try again, or ask your administrator to reset your password (Staff, then your name, then Reset password).";
const TEMPORARY_USED = "This temporary password was already used once. Ask your administrator for a new one.";
const TEMPORARY_EXPIRED = "This temporary password has expired. Ask your administrator for a new one.";
const REFUSAL: Record<string, { code: string; message: string }> = {
  rate_limited: { code: "RATE_LIMITED", message: RATE_LIMITED },
  temporary_used: { code: "TEMPORARY_USED", message: TEMPORARY_USED },
  temporary_expired: { code: "TEMPORARY_EXPIRED", message: TEMPORARY_EXPIRED },
  password_off: { code: "PASSWORD_OFF", message: SSO_REFUSALS.password_off },
};

export async function signInAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const parsed = parseForm(ZSignInInput, form);
  if (!parsed.success) {
    return withSubmitted({ ok: false, error: { code: "INVALID_INPUT", message: "Enter your email and password.", fieldErrors: parsed.fieldErrors } }, form);
  }
  try {
    await signIn("credentials", { ...parsed.data, redirect: false });
  } catch (error) {
    if (error instanceof AuthError && error.type === "CredentialsSignin") {
      const refusal = REFUSAL[(error as AuthError & { code?: string }).code ?? ""] ?? { code: "INVALID_CREDENTIALS", message: INVALID };
      return withSubmitted({ ok: false, error: refusal }, form);
    }
    const ref = logUnexpected(error, "signInAction");
    return { ok: false, error: { code: "UNEXPECTED", message: `Something went wrong while signing you in. Reference: ${ref}.` } };
  }
  // A new sign-in starts without a district choice from an earlier person.
  (await cookies()).delete(DISTRICT_COOKIE);
  // Invitations are put to the person at sign-in (decision 009); the sign-in
  // succeeded, so the account of this email is theirs.
  const db = await getDb();
  const user = await db.user.findUnique({ where: { email: parsed.data.email }, select: { id: true, passwordTemporaryUntil: true, totpEnabledAt: true } });
  // The second factor comes first (decision 033); "/" sends a required enrolment on to its page.
  if (user?.totpEnabledAt) redirect("/two-factor");
  if (user?.passwordTemporaryUntil) redirect("/change-password");
  if (user && (await pendingInvitationCount(user.id)) > 0) redirect("/invitations");
  redirect("/");
}

export async function signOutAction(): Promise<void> {
  const state = await getSessionState();
  const sid = (await getSession())?.sid;
  if (sid) await endSessions({ id: sid }, "signed_out");
  if (state.status === "ready") {
    const { ctx } = state;
    await withTenant(ctx.districtId, (tx) =>
      recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "sign_out", entityType: "User", entityId: ctx.userId }),
    );
  }
  (await cookies()).delete(DISTRICT_COOKIE);
  await signOut({ redirectTo: "/sign-in" });
}

/** Ends every session of the signed-in person (a bumped sessionVersion fails them all). */
export async function signOutEverywhereAction(): Promise<void> {
  const state = await getSessionState();
  if (state.status === "ready") {
    const { ctx } = state;
    const db = await getDb();
    await db.user.update({ where: { id: ctx.userId }, data: { sessionVersion: { increment: 1 } }, select: { id: true } });
    await endSessions({ userId: ctx.userId }, "signed_out_everywhere");
    await withTenant(ctx.districtId, (tx) =>
      recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "sign_out", entityType: "User", entityId: ctx.userId, detail: { everywhere: true } }),
    );
  }
  (await cookies()).delete(DISTRICT_COOKIE);
  await signOut({ redirectTo: "/sign-in" });
}

const ZChooseDistrictInput = z.object({ districtId: z.string().uuid() }).strict();

export async function chooseDistrictAction(form: FormData): Promise<void> {
  const state = await getSessionState();
  if (state.status === "signed-out") redirect("/sign-in");
  if (state.status === "invited") redirect("/invitations");
  if (state.status === "change-password") redirect("/change-password");
  if (state.status === "second-factor" || state.status === "enrol-two-factor") redirect(pendingStepPath(state)!);
  const districts = state.status === "ready" ? state.ctx.districts : state.districts;
  const parsed = ZChooseDistrictInput.safeParse(formToObject(form));
  // Only a district the person belongs to can be chosen; anything else re-asks.
  if (!parsed.success || !districts.some((d) => d.id === parsed.data.districtId)) redirect("/choose-district");
  (await cookies()).set(DISTRICT_COOKIE, parsed.data.districtId, {
    httpOnly: true,
    sameSite: "lax",
    secure: process.env.NODE_ENV === "production" && process.env.AUTH_URL?.startsWith("https:") === true,
    path: "/",
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
  redirect("/");
}
