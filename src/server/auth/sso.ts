import "server-only";
import { createRemoteJWKSet, jwtVerify } from "jose";
import * as o from "oauth4webapi";
import { emailAllowed, type SsoRefusal } from "@/domain/sso";
import { recordAudit } from "@/server/audit/record";
import { getDb } from "@/server/db/client";
import { withTenant, withUserScope } from "@/server/db/tenant";
import { seal, unseal } from "./secret-box";

/**
 * Single sign-on through a district's OpenID Connect provider (decision 034).
 * Auth.js does the protocol (src/server/auth/sso-config.ts); this module holds
 * what is ours: which district a sign-in is for, the provider's settings, and
 * matching the verified email to an existing membership.
 */

/** Purpose bound into the sealed client secret (src/server/auth/secret-box.ts). */
export const CLIENT_SECRET_PURPOSE = "sso-client-secret";

/**
 * httpOnly cookie naming the district whose provider a sign-in started with,
 * sealed so it cannot be changed between the start and the provider's answer.
 */
export const SSO_DISTRICT_COOKIE = "mtss-sso-district";
const DISTRICT_COOKIE_PURPOSE = "sso-district";
/** A sign-in at the provider must come back within this time. */
export const SSO_START_MAX_AGE_SECONDS = 15 * 60;

export function sealDistrictCookie(districtId: string, now = Date.now()): string {
  return seal(JSON.stringify({ d: districtId, t: now }), DISTRICT_COOKIE_PURPOSE);
}

/** The district a sealed cookie names, or null when it is missing, altered or too old. */
export function districtFromCookie(value: string | undefined, now = Date.now()): string | null {
  if (!value) return null;
  try {
    const { d, t } = JSON.parse(unseal(value, DISTRICT_COOKIE_PURPOSE)) as { d?: unknown; t?: unknown };
    if (typeof d !== "string" || typeof t !== "number" || now - t > SSO_START_MAX_AGE_SECONDS * 1000) return null;
    return d;
  } catch {
    return null;
  }
}

export interface SsoChoice {
  districtId: string;
  districtName: string;
  label: string;
}

/** Districts whose provider accepts this email's domain (a SECURITY DEFINER function: no one is signed in yet). */
export async function ssoDistrictsForDomain(domain: string): Promise<SsoChoice[]> {
  if (!domain) return [];
  const db = await getDb();
  const rows = await db.$queryRaw<{ districtId: string; name: string; label: string }[]>`select * from sso_districts_for_domain(${domain})`;
  return rows.map((r) => ({ districtId: r.districtId, districtName: r.name, label: r.label }));
}

export interface SsoProvider {
  districtId: string;
  label: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  allowedDomains: string[];
}

/**
 * The district's provider with its client secret unsealed, or null when the
 * district has none. Throws SecretUnreadableError when the secret does not
 * decrypt with the current key.
 */
export async function loadSsoProvider(districtId: string): Promise<SsoProvider | null> {
  const row = await withTenant(districtId, (tx) => tx.districtSso.findUnique({ where: { districtId } }));
  if (!row) return null;
  return { districtId, label: row.label, issuer: row.issuer, clientId: row.clientId, clientSecret: unseal(row.clientSecret, CLIENT_SECRET_PURPOSE), allowedDomains: row.allowedDomains };
}

/** The issuer's discovery document, checked by oauth4webapi (the library Auth.js uses): JSON, and its issuer is exactly this one. */
export async function discover(issuer: string, timeoutMs = 5000): Promise<o.AuthorizationServer> {
  const url = new URL(issuer);
  const response = await o.discoveryRequest(url, { [o.allowInsecureRequests]: url.protocol === "http:", signal: AbortSignal.timeout(timeoutMs) });
  return o.processDiscoveryResponse(url, response);
}

// One key set per jwks_uri per process: jose caches the keys and refetches on an unknown key id.
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

/**
 * Checks the ID token's signature against the issuer's published keys, with
 * its issuer, audience and expiry. Auth.js (through oauth4webapi) checks the
 * claims, the nonce included, but not the signature of a token received from
 * the token endpoint (OpenID Connect Core 3.1.3.7 allows relying on TLS); we
 * check it anyway, so a token altered anywhere on the way is refused.
 * Called from the provider's token `conform` hook with the raw token response.
 */
export async function verifyIdTokenSignature(response: Response, provider: Pick<SsoProvider, "issuer" | "clientId">): Promise<void> {
  const body = (await response.json()) as { id_token?: unknown };
  if (typeof body.id_token !== "string") throw new Error("The token response holds no ID token.");
  const as = await discover(provider.issuer);
  if (!as.jwks_uri) throw new Error("The issuer publishes no keys (jwks_uri).");
  let keys = keySets.get(as.jwks_uri);
  if (!keys) keySets.set(as.jwks_uri, (keys = createRemoteJWKSet(new URL(as.jwks_uri))));
  await jwtVerify(body.id_token, keys, { issuer: as.issuer, audience: provider.clientId, clockTolerance: 30 });
}

/** The claims of a verified ID token that matching reads. */
export interface SsoClaims {
  sub: string;
  email?: unknown;
  email_verified?: unknown;
}

export type SsoSignInResult =
  | { ok: true; user: { id: string; sessionVersion: number; membershipVersions: Record<string, number>; sessionId: string } }
  | { ok: false; reason: SsoRefusal };

/**
 * Matches the provider's verified email to an existing membership of the
 * district whose provider signed the person in, and opens a session there.
 * No account and no membership is created; a deactivated membership is refused.
 * The session opens only this district: the token names the person's other
 * memberships at version 0, which never matches (decision 009's `mv`), since
 * this provider vouches for the person only here. Every outcome is audited in
 * the district (its own provider told it the email).
 */
export async function completeSsoSignIn(provider: Pick<SsoProvider, "districtId" | "allowedDomains">, claims: SsoClaims, client: { ip: string; userAgent?: string }): Promise<SsoSignInResult> {
  const { districtId } = provider;
  const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : "";
  const refuse = async (reason: SsoRefusal, userId: string | null = null): Promise<SsoSignInResult> => {
    await withTenant(districtId, (tx) =>
      recordAudit(tx, { districtId, actorUserId: userId, action: "sign_in_failed", entityType: "User", entityId: userId, ip: client.ip, detail: { method: "sso", reason, email } }),
    );
    return { ok: false, reason };
  };
  if (!email || claims.email_verified !== true) return refuse("unverified");
  if (!emailAllowed(email, provider.allowedDomains)) return refuse("domain");

  const db = await getDb();
  const user = await db.user.findUnique({ where: { email }, select: { id: true, sessionVersion: true } });
  if (!user) return refuse("unknown");
  const memberships = await withUserScope(user.id, (tx) => tx.membership.findMany({ where: { userId: user.id }, select: { id: true, districtId: true, deactivatedAt: true, sessionVersion: true } }));
  const here = memberships.find((m) => m.districtId === districtId);
  if (!here) return refuse("unknown");
  if (here.deactivatedAt) return refuse("deactivated", user.id);

  const session = await db.userSession.create({ data: { userId: user.id, ip: client.ip, userAgent: (client.userAgent ?? "").slice(0, 512), completedAt: new Date() }, select: { id: true } });
  await withTenant(districtId, (tx) =>
    recordAudit(tx, { districtId, actorUserId: user.id, action: "sign_in", entityType: "User", entityId: user.id, ip: client.ip, detail: { method: "sso" } }),
  );
  return {
    ok: true,
    user: {
      id: user.id,
      sessionVersion: user.sessionVersion,
      membershipVersions: Object.fromEntries(memberships.map((m) => [m.id, m.id === here.id ? m.sessionVersion : 0])),
      sessionId: session.id,
    },
  };
}

/** A sign-in that failed inside the protocol (unreachable provider, a token that does not verify): audited in the district, without the error's text. */
export async function recordSsoFailure(districtId: string, reason: SsoRefusal, ip: string, kind: string): Promise<void> {
  await withTenant(districtId, (tx) =>
    recordAudit(tx, { districtId, actorUserId: null, action: "sign_in_failed", entityType: "User", entityId: null, ip, detail: { method: "sso", reason, error: kind } }),
  );
}
