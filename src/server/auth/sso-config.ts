import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import NextAuth, { type NextAuthConfig } from "next-auth";
import { cookies, headers } from "next/headers";
import type { NextRequest } from "next/server";
import { logUnexpected } from "@/server/errors";
import { SESSION_MAX_AGE_SECONDS } from "./config";
import { SecretUnreadableError } from "./secret-box";
import { completeSsoSignIn, districtFromCookie, loadSsoProvider, recordSsoFailure, SSO_DISTRICT_COOKIE, verifyIdTokenSignature, type SsoProvider } from "./sso";

/**
 * The Auth.js instance of single sign-on (decision 034), beside the password
 * one in config.ts. Auth.js providers are static configuration; a district's
 * provider is not, so this instance is lazily initialised per request
 * (`NextAuth(async (req) => config)`) with the one OIDC provider of the
 * district the sign-in started for. It lives under /api/auth/sso, so the
 * password instance, which every page's auth() runs, stays static and reads
 * nothing more. Both share AUTH_SECRET and the session cookie, so the session
 * this one writes is the one auth() reads.
 */
export const SSO_BASE_PATH = "/api/auth/sso";
export const SSO_PROVIDER_ID = "oidc";

/** The district a sign-in being started is for (set by startSsoAction; the callback reads the sealed cookie instead). */
export const startingDistrict = new AsyncLocalStorage<string>();

function ipOf(h: Headers): string {
  return h.get("x-forwarded-for")?.split(",")[0]?.trim() || h.get("x-real-ip") || "unknown";
}

function cookieOf(header: string | null, name: string): string | undefined {
  for (const part of header?.split(";") ?? []) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/** The provider as Auth.js wants it: the generic OIDC type, with the state, PKCE and nonce checks. */
export function oidcProvider(provider: SsoProvider): NextAuthConfig["providers"][number] {
  return {
    id: SSO_PROVIDER_ID,
    name: provider.label,
    type: "oidc",
    issuer: provider.issuer,
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    checks: ["pkce", "state", "nonce"],
    authorization: { params: { scope: "openid email profile" } },
    // The ID token's signature too (see verifyIdTokenSignature); Auth.js checks its claims and nonce.
    token: {
      async conform(response: Response) {
        await verifyIdTokenSignature(response.clone(), provider);
        return response;
      },
    },
    profile: (claims) => ({ id: String(claims.sub), email: typeof claims.email === "string" ? claims.email : null }),
  };
}

/** The configuration for one request; exported for the tests, which drive the handlers with plain requests. */
export async function ssoConfig(req: NextRequest | undefined): Promise<NextAuthConfig> {
  const h = req ? req.headers : new Headers(await headers());
  const client = { ip: ipOf(h), userAgent: h.get("user-agent") ?? "" };
  // From the Cookie header, not req.cookies: the route hands Auth.js a plain Request (sso-handlers.ts).
  const districtId = startingDistrict.getStore() ?? districtFromCookie(req ? cookieOf(req.headers.get("cookie"), SSO_DISTRICT_COOKIE) : (await cookies()).get(SSO_DISTRICT_COOKIE)?.value);
  let provider: SsoProvider | null = null;
  if (districtId) {
    try {
      provider = await loadSsoProvider(districtId);
    } catch (error) {
      if (!(error instanceof SecretUnreadableError)) throw error;
      // Not the secret's text, only that it did not decrypt: the administrator enters it again.
      await recordSsoFailure(districtId, "unavailable", client.ip, "client_secret_unreadable");
    }
  }
  return {
    basePath: SSO_BASE_PATH,
    trustHost: true,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    // Errors and refusals land on the sign-in page, which says what happened.
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: provider ? [oidcProvider(provider)] : [],
    logger: {
      // Auth.js's errors (an unreachable provider, a token that does not
      // verify, a changed state) are logged by name only and audited in the
      // district: their causes may hold tokens.
      error(error) {
        const ref = logUnexpected(`${error.name}: ${error.message}`, "single sign-on");
        if (districtId) void recordSsoFailure(districtId, "failed", client.ip, `${error.name} (ref ${ref})`).catch(() => undefined);
      },
      warn() {},
      debug() {},
    },
    callbacks: {
      async signIn({ user, account, profile }) {
        if (!provider || account?.provider !== SSO_PROVIDER_ID || !profile?.sub) return "/sign-in?sso=failed";
        const result = await completeSsoSignIn(provider, { sub: profile.sub, email: profile.email, email_verified: profile.email_verified }, client);
        if (!result.ok) return `/sign-in?sso=${result.reason}`;
        // The user Auth.js passes on to jwt() below becomes the person the provider vouched for.
        Object.assign(user, result.user);
        return true;
      },
      // The same token as a password sign-in (config.ts): ids and versions only.
      jwt({ token, user }) {
        if (user) {
          const signedIn = user as { sessionVersion?: number; membershipVersions?: Record<string, number>; sessionId?: string };
          token.uid = user.id;
          token.sv = signedIn.sessionVersion;
          token.mv = signedIn.membershipVersions;
          token.sid = signedIn.sessionId;
        }
        return token;
      },
    },
  };
}

export const { handlers: ssoHandlers, signIn: ssoSignIn } = NextAuth(ssoConfig);
