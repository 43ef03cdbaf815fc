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
import { POST as routePost } from "@/server/auth/sso-handlers";
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

describe("finding the district and the password rule", () => {
  it("finds the district by the email's domain, and none for a domain no district allows", async () => {
    expect(await ssoDistrictsForDomain(DOMAIN)).toEqual([{ districtId: A, districtName: "Maple Valley", label: "Test Identity" }]);
    expect(await ssoDistrictsForDomain("nowhere.test")).toEqual([]);
  });

  it("refuses the right password where every district of the person allows single sign-on only, and opens only the others", async () => {
    const hash = await hashPassword("lanterns over the quiet harbour");
    const { user, here, there } = await asOwner(async (tx) => {
      const user = await makeUser(tx, { email: `pw${++seq}@${DOMAIN}`, passwordHash: hash });
      return { user, here: await makeMembership(tx, { districtId: A, userId: user.id }), there: await makeMembership(tx, { districtId: B, userId: user.id }) };
    });
    await asOwner((tx) => tx.district.update({ where: { id: A }, data: { passwordSignIn: false } }));
    try {
      const both = await verifyCredentials({ email: user.email, password: "lanterns over the quiet harbour" }, "203.0.113.9");
      expect(both.ok && both.user.membershipVersions).toEqual({ [here.id]: 0, [there.id]: 1 });
      await asOwner((tx) => tx.membership.update({ where: { id: there.id }, data: { deactivatedAt: new Date() } }));
      expect(await verifyCredentials({ email: user.email, password: "lanterns over the quiet harbour" }, "203.0.113.9")).toEqual({ ok: false, reason: "password_off" });
      // A wrong password gets the usual answer: the rule tells a guesser nothing.
      expect(await verifyCredentials({ email: user.email, password: "not the password at all" }, "203.0.113.9")).toEqual({ ok: false, reason: "invalid" });
    } finally {
      await asOwner((tx) => tx.district.update({ where: { id: A }, data: { passwordSignIn: true } }));
    }
  });
});

describe("a client secret that does not decrypt with the current key", () => {
  it("stops the sign-in with a message and an audit event, and the settings ask for the secret again", async () => {
    const C = await asOwner(async (tx) => (await makeDistrict(tx, { name: "Cedar Falls" })).id);
    const current = process.env.AUTH_SECRET!;
    process.env.AUTH_SECRET = "an-old-secret-the-server-no-longer-has-0123456789";
    const stale = seal(idp.clientSecret, CLIENT_SECRET_PURPOSE);
    process.env.AUTH_SECRET = current;
    await asOwner((tx) => tx.districtSso.create({ data: { districtId: C, label: "Cedar ID", issuer: idp.issuer, clientId: idp.clientId, clientSecret: stale, allowedDomains: ["cedar.k12.test"] } }));
    await expect(loadSsoProvider(C)).rejects.toBeInstanceOf(SecretUnreadableError);

    const app = new Jar();
    app.values.set(SSO_DISTRICT_COOKIE, sealDistrictCookie(C));
    const csrf = await ssoHandlers.GET(appRequest("/api/auth/sso/csrf", app));
    app.take(csrf);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const start = await ssoHandlers.POST(appRequest("/api/auth/sso/signin/oidc", app, { method: "POST", body: new URLSearchParams({ csrfToken, callbackUrl: "/" }) }));
    expect(start.headers.get("location")?.startsWith(idp.issuer)).toBe(false);
    const failures = await asOwner((tx) => tx.auditEvent.findMany({ where: { districtId: C, action: "sign_in_failed" } }));
    expect(failures.some((e) => (e.detail as { reason?: string }).reason === "unavailable")).toBe(true);

    const admin = await asOwner((tx) => makePerson(tx, { districtId: C, role: "ADMIN" }));
    signInAs(admin.ctx);
    const kept = await saveSsoSettings(null, formOf({ label: "Cedar ID", issuer: idp.issuer, clientId: idp.clientId, clientSecret: "", allowedDomains: "cedar.k12.test", passwordSignIn: "on" }));
    expect(kept).toMatchObject({ ok: false, error: { fieldErrors: { clientSecret: [expect.stringContaining("does not decrypt")] } } });
    expect((await asOwner((tx) => tx.districtSso.findUniqueOrThrow({ where: { districtId: C } }))).clientSecret).toBe(stale);
  });
});

describe("the administrator's settings", () => {
  let D: string;
  let admin: Person;
  let wrongDocument: http.Server;
  let wrongIssuer: string;
  let notJson: string;
  const valid = () => ({ label: "Google Workspace", issuer: idp.issuer, clientId: idp.clientId, clientSecret: idp.clientSecret, allowedDomains: "oak.k12.test\n@Staff.Oak.k12.test", passwordSignIn: "on" });
  const row = () => asOwner((tx) => tx.districtSso.findUnique({ where: { districtId: D } }));

  beforeAll(async () => {
    D = await asOwner(async (tx) => (await makeDistrict(tx, { name: "Oak Ridge" })).id);
    admin = await asOwner((tx) => makePerson(tx, { districtId: D, role: "ADMIN" }));
    // A server that answers, but not with this issuer's discovery document.
    wrongDocument = http.createServer((req, res) => {
      if (req.url?.startsWith("/html/")) {
        res.writeHead(200, { "content-type": "text/html" }).end("<html>Welcome</html>");
        return;
      }
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ issuer: "https://login.example.test/someone-else", authorization_endpoint: "x" }));
    });
    await new Promise<void>((resolve) => wrongDocument.listen(0, "127.0.0.1", resolve));
    const port = (wrongDocument.address() as AddressInfo).port;
    wrongIssuer = `http://127.0.0.1:${port}/tenant`;
    notJson = `http://127.0.0.1:${port}/html/tenant`;
  });
  afterAll(() => new Promise<void>((resolve) => wrongDocument.close(() => resolve())));
  beforeEach(() => signInAs(admin.ctx));

  it.each([
    ["an issuer nobody answers at", () => "http://127.0.0.1:9", "could not be reached"],
    ["a discovery document naming another issuer", () => wrongIssuer, "names a different issuer"],
    ["an answer that is not a discovery document", () => notJson, "not with an OpenID Connect discovery document"],
    ["an http issuer that is not this machine", () => "http://login.example.test", "must start with https://"],
  ])("refuses %s with a clear message and saves nothing", async (_what, issuer, message) => {
    const result = await saveSsoSettings(null, formOf({ ...valid(), issuer: issuer(), passwordSignIn: undefined }));
    expect(result).toMatchObject({ ok: false, error: { fieldErrors: { issuer: [expect.stringContaining(message)] } } });
    // The secret typed is not sent back to the browser.
    expect(result && !result.ok && result.values?.clientSecret).toBeFalsy();
    expect(await row()).toBeNull();
    expect((await asOwner((tx) => tx.district.findUniqueOrThrow({ where: { id: D } }))).passwordSignIn).toBe(true);
  });

  it("refuses domains that are not domains, and a first save without a secret", async () => {
    expect(await saveSsoSettings(null, formOf({ ...valid(), allowedDomains: "oak.k12.test, not a domain!" }))).toMatchObject({ ok: false, error: { fieldErrors: { allowedDomains: [expect.stringContaining("Not a domain")] } } });
    expect(await saveSsoSettings(null, formOf({ ...valid(), clientSecret: "" }))).toMatchObject({ ok: false, error: { fieldErrors: { clientSecret: [expect.any(String)] } } });
    expect(await row()).toBeNull();
  });

  it("saves a provider whose discovery document checks out, with the secret sealed and out of the audit log", async () => {
    expect(await saveSsoSettings(null, formOf({ ...valid(), passwordSignIn: undefined }))).toMatchObject({ ok: true });
    const saved = await row();
    expect(saved).toMatchObject({ label: "Google Workspace", issuer: idp.issuer, clientId: idp.clientId, allowedDomains: ["oak.k12.test", "staff.oak.k12.test"] });
    expect(saved!.clientSecret).not.toContain(idp.clientSecret);
    expect(unseal(saved!.clientSecret, CLIENT_SECRET_PURPOSE)).toBe(idp.clientSecret);
    expect((await asOwner((tx) => tx.district.findUniqueOrThrow({ where: { id: D } }))).passwordSignIn).toBe(false);
    const events = await asOwner((tx) => tx.auditEvent.findMany({ where: { districtId: D, entityType: "DistrictSso" } }));
    expect(events.map((e) => e.action)).toEqual(["create"]);
    expect(JSON.stringify(events)).not.toContain(idp.clientSecret);
    expect(events[0]!.detail).toMatchObject({ before: { passwordSignIn: true }, after: { passwordSignIn: false, issuer: idp.issuer }, clientSecret: "changed" });

    // An empty secret keeps the stored one.
    expect(await saveSsoSettings(null, formOf({ ...valid(), label: "Oak Google", clientSecret: "" }))).toMatchObject({ ok: true });
    expect((await row())!.clientSecret).toBe(saved!.clientSecret);

    // Removing it allows passwords again.
    expect(await removeSsoSettings(null, formOf({}))).toMatchObject({ ok: true });
    expect(await row()).toBeNull();
    expect((await asOwner((tx) => tx.district.findUniqueOrThrow({ where: { id: D } }))).passwordSignIn).toBe(true);
  });

  it("is for administrators only", async () => {
    const coordinatorHere = await asOwner((tx) => makePerson(tx, { districtId: D, role: "COORDINATOR" }));
    signInAs(coordinatorHere.ctx);
    expect(await saveSsoSettings(null, formOf(valid()))).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await row()).toBeNull();
  });
});

describe("the route", () => {
  it("builds the redirect URI from the address the browser used, not the server's own (next start reports localhost)", async () => {
    const app = new Jar();
    app.values.set(SSO_DISTRICT_COOKIE, sealDistrictCookie(A));
    const csrf = await ssoHandlers.GET(appRequest("/api/auth/sso/csrf", app));
    app.take(csrf);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const request = appRequest("/api/auth/sso/signin/oidc", app, { method: "POST", body: new URLSearchParams({ csrfToken, callbackUrl: "/" }) });
    request.headers.set("x-forwarded-host", "127.0.0.1:3000");
    const start = await routePost(request);
    const authorization = new URL(start.headers.get("location")!);
    expect(authorization.searchParams.get("redirect_uri")).toBe("http://127.0.0.1:3000/api/auth/sso/callback/oidc");
  });
});
