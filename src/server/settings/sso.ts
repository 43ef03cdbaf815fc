import "server-only";
import { headers } from "next/headers";
import * as o from "oauth4webapi";
import { authorizePage } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import { discover } from "@/server/auth/sso";
import { SSO_BASE_PATH, SSO_PROVIDER_ID } from "@/server/auth/sso-config";
import { withTenant } from "@/server/db/tenant";

/** What the settings form shows of the district's provider: never the client secret, only whether one is stored. */
export interface SsoSettingsView {
  provider: { label: string; issuer: string; clientId: string; allowedDomains: string[]; updatedAt: Date } | null;
  passwordSignIn: boolean;
}

export async function getSsoSettings(ctx: Ctx): Promise<SsoSettingsView> {
  await authorizePage(ctx, "settings.manage", { entityType: "DistrictSso" });
  return withTenant(ctx.districtId, async (tx) => {
    const [row, district] = await Promise.all([
      tx.districtSso.findUnique({ where: { districtId: ctx.districtId }, select: { label: true, issuer: true, clientId: true, allowedDomains: true, updatedAt: true } }),
      tx.district.findUniqueOrThrow({ where: { id: ctx.districtId }, select: { passwordSignIn: true } }),
    ]);
    return { provider: row, passwordSignIn: district.passwordSignIn };
  });
}

/**
 * Fetches and checks the issuer's discovery document before anything is
 * saved (decision 034). Returns the message for the issuer field when it is
 * unreachable or not this issuer's OpenID Connect document, else null.
 */
export async function checkIssuer(issuer: string): Promise<string | null> {
  const host = new URL(issuer).host;
  let as: o.AuthorizationServer;
  try {
    as = await discover(issuer);
  } catch (error) {
    if (error instanceof o.OperationProcessingError || error instanceof SyntaxError) {
      const named = (error.cause as { body?: { issuer?: unknown } } | undefined)?.body?.issuer;
      if (error instanceof o.OperationProcessingError && error.code === o.JSON_ATTRIBUTE_COMPARISON && typeof named === "string") {
        return `The discovery document at ${host} names a different issuer (${named.slice(0, 200)}). Enter the issuer exactly as your provider gives it.`;
      }
      return `${host} answered, but not with an OpenID Connect discovery document for this issuer (${issuer}/.well-known/openid-configuration). Check the issuer URL.`;
    }
    return `The issuer could not be reached: ${host} did not answer at ${issuer}/.well-known/openid-configuration. Check the URL, or try again later.`;
  }
  const missing = (["authorization_endpoint", "token_endpoint", "jwks_uri"] as const).filter((key) => typeof as[key] !== "string");
  if (missing.length > 0) return `The discovery document at ${host} lacks ${missing.join(", ")}: it does not describe an OpenID Connect provider that can sign people in.`;
  if (as.response_types_supported && !as.response_types_supported.includes("code")) return `The provider at ${host} does not offer the authorization code flow, which sign-in needs.`;
  return null;
}

/** The redirect URI an administrator registers with the provider: AUTH_URL's origin when set, else the host this page was asked from. */
export async function ssoCallbackUrl(): Promise<string> {
  const h = await headers();
  const origin = process.env.AUTH_URL ? new URL(process.env.AUTH_URL).origin : `${h.get("x-forwarded-proto")?.split(",")[0]?.trim() || "http"}://${h.get("x-forwarded-host") ?? h.get("host") ?? "localhost"}`;
  return `${origin}${SSO_BASE_PATH}/callback/${SSO_PROVIDER_ID}`;
}
