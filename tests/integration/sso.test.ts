// Single sign-on with OpenID Connect (issue 20, decision 034), against a real
// provider (oidc-provider) on 127.0.0.1: the whole authorization code flow
// through the Auth.js handlers, matching by verified email, refusals, ID
// tokens altered on the way, and the administrator's settings.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { decodeJwt, generateKeyPair, SignJWT } from "jose";
import { decode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { verifyCredentials } from "@/server/auth/credentials";
import { hashPassword } from "@/server/auth/password";
import { seal, SecretUnreadableError, unseal } from "@/server/auth/secret-box";
import { CLIENT_SECRET_PURPOSE, loadSsoProvider, sealDistrictCookie, SSO_DISTRICT_COOKIE, ssoDistrictsForDomain } from "@/server/auth/sso";
import { ssoHandlers } from "@/server/auth/sso-config";
import { removeSsoSettings, saveSsoSettings } from "@/server/settings/sso-actions";
import { makeDistrict, makeMembership, makeUser } from "../factories";
import { asOwner } from "../support/db";
import { APP_ORIGIN, Jar, startProvider, throughProvider, type TestProvider } from "../support/oidc";
import { formOf, makePerson, resetSession, signInAs, type Person } from "../support/session";

vi.mock("@/server/auth/config", () => import("../support/session").then((m) => m.authConfigMock()));
vi.mock("@/server/auth/session", () => import("../support/session").then((m) => m.sessionModuleMock()));
vi.mock("next/headers", () => import("../support/session").then((m) => m.nextHeadersMock()));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

process.env.AUTH_SECRET ??= "sso-test-secret-0123456789abcdef0123456789";
const SESSION_COOKIE = "authjs.session-token";
const DOMAIN = "maple.k12.test";

let idp: TestProvider;
let A: string;
let B: string;
let coordinator: { userId: string; membershipId: string; email: string; otherMembershipId: string };
let seq = 0;

/** How the token endpoint's answer is altered on its way to the app (an attacker in the middle), or not. */
let tamper: ((idToken: string) => Promise<string>) | null = null;
const realFetch = globalThis.fetch;

function appRequest(path: string, jar: Jar, init: { method?: string; body?: URLSearchParams } = {}): NextRequest {
  const headers: Record<string, string> = { cookie: jar.header(), "x-forwarded-for": "198.51.100.7", "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0" };
  if (init.body) headers["content-type"] = "application/x-www-form-urlencoded";
  return new NextRequest(`${APP_ORIGIN}${path}`, { method: init.method ?? "GET", headers, body: init.body });
}

/** A browser's single sign-on in district `districtId` as the provider's account `accountId`; returns where the app sends it and its cookies. */
async function ssoFlow(districtId: string, accountId: string) {
  const app = new Jar();
  app.values.set(SSO_DISTRICT_COOKIE, sealDistrictCookie(districtId));
  const csrf = await ssoHandlers.GET(appRequest("/api/auth/sso/csrf", app));
  app.take(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const start = await ssoHandlers.POST(appRequest("/api/auth/sso/signin/oidc", app, { method: "POST", body: new URLSearchParams({ csrfToken, callbackUrl: "/" }) }));
  app.take(start);
  const authorization = start.headers.get("location")!;
  expect(authorization.startsWith(idp.issuer), authorization).toBe(true);
  idp.nextAccount.id = accountId;
  const back = new URL(await throughProvider(authorization));
  const answer = await ssoHandlers.GET(appRequest(back.pathname + back.search, app));
  app.take(answer);
  return { location: answer.headers.get("location"), session: app.values.get(SESSION_COOKIE) };
}

async function ssoEvents(districtId: string, action: string) {
  return asOwner((tx) => tx.auditEvent.findMany({ where: { districtId, action, detail: { path: ["method"], equals: "sso" } }, orderBy: { createdAt: "asc" } }));
}

function account(email: string, verified = true): string {
  const id = `acct-${++seq}`;
  idp.accounts.set(id, { email, email_verified: verified });
  return id;
}

beforeAll(async () => {
  idp = await startProvider();
  globalThis.fetch = async (input, init) => {
    const response = await realFetch(input, init);
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (!tamper || url !== `${idp.issuer}/token`) return response;
    const body = (await response.json()) as { id_token: string };
    return new Response(JSON.stringify({ ...body, id_token: await tamper(body.id_token) }), { status: 200, headers: { "content-type": "application/json" } });
  };
  const hash = await hashPassword("maple syrup on tuesday");
  ({ A, B } = await asOwner(async (tx) => ({ A: (await makeDistrict(tx, { name: "Maple Valley" })).id, B: (await makeDistrict(tx, { name: "Riverbend" })).id })));
  await asOwner(async (tx) => {
    for (const districtId of [A, B]) {
      await tx.districtSso.create({
        data: { districtId, label: "Test Identity", issuer: idp.issuer, clientId: idp.clientId, clientSecret: seal(idp.clientSecret, CLIENT_SECRET_PURPOSE), allowedDomains: districtId === A ? [DOMAIN] : ["river.k12.test"] },
      });
    }
    const user = await makeUser(tx, { email: `coordinator@${DOMAIN}`, passwordHash: hash });
    const here = await makeMembership(tx, { districtId: A, userId: user.id, role: "COORDINATOR" });
    const other = await makeMembership(tx, { districtId: B, userId: user.id, role: "SPECIALIST" });
    coordinator = { userId: user.id, membershipId: here.id, email: user.email, otherMembershipId: other.id };
  });
});

afterAll(async () => {
  globalThis.fetch = realFetch;
  await idp?.close();
});

beforeEach(() => {
  tamper = null;
  resetSession();
});

describe("signing in through the district's provider", () => {
  it("matches the verified email to the staff member and opens a session in that district only", async () => {
    const { location, session } = await ssoFlow(A, account(coordinator.email));
    expect(location).toBe(`${APP_ORIGIN}/`);
    const token = await decode({ token: session!, secret: process.env.AUTH_SECRET!, salt: SESSION_COOKIE });
    expect(token?.uid).toBe(coordinator.userId);
    expect(token?.mv).toEqual({ [coordinator.membershipId]: 1, [coordinator.otherMembershipId]: 0 });
    const row = await asOwner((tx) => tx.userSession.findUniqueOrThrow({ where: { id: String(token?.sid) } }));
    expect(row).toMatchObject({ userId: coordinator.userId, ip: "198.51.100.7", endedAt: null });
    expect(row.completedAt).not.toBeNull();
    const events = await ssoEvents(A, "sign_in");
    expect(events.at(-1)).toMatchObject({ actorUserId: coordinator.userId, ip: "198.51.100.7" });
  });

  it.each([
    ["an email no staff account has", () => account(`nobody${++seq}@${DOMAIN}`), "unknown"],
    ["an email in a domain the district does not allow", () => account(`coordinator@elsewhere.test`), "domain"],
    ["an email the provider does not call verified", () => account(coordinator.email, false), "unverified"],
  ])("refuses %s with a clear message and no session", async (_what, make, reason) => {
    const { location, session } = await ssoFlow(A, make());
    expect(location).toBe(`${APP_ORIGIN}/sign-in?sso=${reason}`);
    expect(session).toBeUndefined();
    expect((await ssoEvents(A, "sign_in_failed")).some((e) => (e.detail as { reason?: string }).reason === reason)).toBe(true);
  });

  it("refuses a deactivated member", async () => {
    const person = await asOwner(async (tx) => {
      const user = await makeUser(tx, { email: `gone${++seq}@${DOMAIN}` });
      await makeMembership(tx, { districtId: A, userId: user.id, role: "SPECIALIST", deactivatedAt: new Date() });
      return user;
    });
    const { location, session } = await ssoFlow(A, account(person.email));
    expect(location).toBe(`${APP_ORIGIN}/sign-in?sso=deactivated`);
    expect(session).toBeUndefined();
  });

  it("refuses someone who works only in another district, through this district's provider", async () => {
    const person = await asOwner(async (tx) => {
      const user = await makeUser(tx, { email: `river${++seq}@${DOMAIN}` });
      await makeMembership(tx, { districtId: B, userId: user.id, role: "SPECIALIST" });
      return user;
    });
    const { location, session } = await ssoFlow(A, account(person.email));
    expect(location).toBe(`${APP_ORIGIN}/sign-in?sso=unknown`);
    expect(session).toBeUndefined();
  });
});

describe("ID tokens altered on the way are refused", () => {
  /** The token with changed claims, signed with the provider's key (or another). */
  const resign = async (token: string, change: (claims: Record<string, unknown>) => void, key?: CryptoKey) => {
    const claims = decodeJwt(token) as Record<string, unknown>;
    change(claims);
    return new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: idp.kid }).sign(key ?? idp.signingKey);
  };
  const asCoordinator = (c: Record<string, unknown>) => void (c.email = coordinator.email);
  let foreignKey: CryptoKey;
  beforeAll(async () => {
    foreignKey = (await generateKeyPair("RS256")).privateKey;
  });

  it("(control) a token the provider's own key signs, naming the coordinator, is accepted: the refusals below are the checks'", async () => {
    tamper = (t) => resign(t, asCoordinator);
    const { location, session } = await ssoFlow(A, account(`stranger${++seq}@${DOMAIN}`));
    expect(location).toBe(`${APP_ORIGIN}/`);
    expect((await decode({ token: session!, secret: process.env.AUTH_SECRET!, salt: SESSION_COOKIE }))?.uid).toBe(coordinator.userId);
  });

  it.each<[string, (token: string) => Promise<string>]>([
    ["a broken signature", async (t) => {
      const signed = await resign(t, asCoordinator);
      return signed.slice(0, -6) + (signed.endsWith("AAAAAA") ? "BBBBBB" : "AAAAAA");
    }],
    ["another person's email under the original signature", async (t) => {
      const [header, , signature] = t.split(".");
      return `${header}.${Buffer.from(JSON.stringify({ ...decodeJwt(t), email: coordinator.email })).toString("base64url")}.${signature}`;
    }],
    ["a token for another client (audience)", (t) => resign(t, (c) => void (asCoordinator(c), (c.aud = "another-client")))],
    ["an expired token", (t) => resign(t, (c) => void (asCoordinator(c), (c.iat = Math.floor(Date.now() / 1000) - 7200), (c.exp = Math.floor(Date.now() / 1000) - 3600)))],
    ["a token of another sign-in (nonce)", (t) => resign(t, (c) => void (asCoordinator(c), (c.nonce = "a-nonce-from-another-sign-in")))],
    ["a token from another district's provider (issuer and key)", (t) => resign(t, (c) => void (asCoordinator(c), (c.iss = "http://127.0.0.1:9/another-district")), foreignKey)],
    ["a token signed with a key the provider does not publish", (t) => resign(t, asCoordinator, foreignKey)],
  ])("%s", async (_what, change) => {
    // The provider vouches for a stranger; on the way, the token is made to name the coordinator.
    tamper = change;
    const before = (await ssoEvents(A, "sign_in")).length;
    const failedBefore = (await ssoEvents(A, "sign_in_failed")).length;
    const { location, session } = await ssoFlow(A, account(`stranger${++seq}@${DOMAIN}`));
    expect(location).toMatch(new RegExp(`^${APP_ORIGIN}/sign-in\\?error=`));
    expect(session).toBeUndefined();
    expect((await ssoEvents(A, "sign_in")).length).toBe(before);
    await expect.poll(async () => (await ssoEvents(A, "sign_in_failed")).length).toBeGreaterThan(failedBefore);
  });
});
