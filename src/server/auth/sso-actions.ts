"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { ActionState } from "@/domain/action-state";
import { emailDomain, SSO_REFUSALS } from "@/domain/sso";
import { parseForm, withSubmitted } from "@/server/action";
import { logUnexpected } from "@/server/errors";
import { clientIp } from "./config";
import { SecretUnreadableError } from "./secret-box";
import { loadSsoProvider, recordSsoFailure, sealDistrictCookie, SSO_DISTRICT_COOKIE, SSO_START_MAX_AGE_SECONDS, ssoDistrictsForDomain, type SsoChoice } from "./sso";
import { SSO_BASE_PATH, SSO_PROVIDER_ID, ssoSignIn, startingDistrict } from "./sso-config";

const ZSsoStartInput = z
  .object({
    email: z.string().trim().toLowerCase().email("Enter your work email address, like name@school.org."),
    districtId: z.string().uuid().optional(),
  })
  .strict();

/** The answer of the single sign-on form: when several districts' providers take the email's domain, the person picks one. */
export type SsoStartState = ActionState | (Extract<ActionState, { ok: false }> & { choices: SsoChoice[] });

/**
 * Starts a single sign-on (decision 034). The person's district is found from
 * their email's domain (the domains each district's administrator allowed), so
 * nobody needs to know a district's short name; when several districts take
 * the domain, the person picks theirs. Only districts and providers are
 * revealed, never whether an account exists.
 */
export async function startSsoAction(_prev: SsoStartState, form: FormData): Promise<SsoStartState> {
  const parsed = parseForm(ZSsoStartInput, form);
  if (!parsed.success) {
    return withSubmitted({ ok: false, error: { code: "INVALID_INPUT", message: "Enter your work email address.", fieldErrors: parsed.fieldErrors } }, form);
  }
  const { email, districtId } = parsed.data;
  const domain = emailDomain(email);
  const choices = await ssoDistrictsForDomain(domain);
  const chosen = districtId ? choices.find((c) => c.districtId === districtId) : choices.length === 1 ? choices[0] : undefined;
  if (choices.length === 0) {
    return withSubmitted({ ok: false, error: { code: "NO_SSO", message: `No district signs in with single sign-on for addresses at ${domain}. Sign in with your email and password above.` } }, form);
  }
  if (!chosen) {
    return { ...withSubmitted({ ok: false, error: { code: "CHOOSE_DISTRICT", message: `Several districts sign in with single sign-on for ${domain}. Choose yours.` } }, form), choices };
  }

  let url: string;
  try {
    // The client secret must decrypt before the person is sent anywhere.
    if (!(await loadSsoProvider(chosen.districtId))) throw new Error("The district's provider was removed.");
    (await cookies()).set(SSO_DISTRICT_COOKIE, sealDistrictCookie(chosen.districtId), {
      httpOnly: true,
      sameSite: "lax",
      secure: process.env.NODE_ENV === "production" && process.env.AUTH_URL?.startsWith("https:") === true,
      path: SSO_BASE_PATH,
      maxAge: SSO_START_MAX_AGE_SECONDS,
    });
    url = await startingDistrict.run(chosen.districtId, () => ssoSignIn(SSO_PROVIDER_ID, { redirect: false, redirectTo: "/" }));
  } catch (error) {
    const kind = error instanceof SecretUnreadableError ? "client_secret_unreadable" : "provider_unreachable";
    const ref = logUnexpected(error instanceof SecretUnreadableError ? error.message : error, "startSsoAction");
    await recordSsoFailure(chosen.districtId, "unavailable", await clientIp(), `${kind} (ref ${ref})`);
    return withSubmitted({ ok: false, error: { code: "SSO_UNAVAILABLE", message: `${SSO_REFUSALS.unavailable} Reference: ${ref}.` } }, form);
  }
  redirect(url);
}
