// Who is signed in, for integration tests.
//
// 1. Tests of actions and queries: replace "@/server/auth/session" and say who
//    is signed in with signInAs(ctx). getContext() behaves like the real one:
//    nobody signed in means a redirect to /sign-in (thrown as Next.js does).
//
//      import { vi } from "vitest";
//      vi.mock("@/server/auth/session", () => import("../support/session").then((m) => m.sessionModuleMock()));
//      import { makePerson, signInAs } from "../support/session";
//
//      const admin = await asOwner((tx) => makePerson(tx, { districtId, role: "ADMIN" }));
//      signInAs(admin.ctx);
//      const result = await someAction(null, formOf({ name: "Dana", unverifiedSchoolIds: [a, b] }));
//
// 2. Tests of the real session module (getSessionState, getContext): replace
//    Auth.js and next/headers instead, and set what the request carries.
//
//      vi.mock("@/server/auth/config", () => import("../support/session").then((m) => m.authConfigMock()));
//      vi.mock("next/headers", () => import("../support/session").then((m) => m.nextHeadersMock()));
//      import { request, signInToken } from "../support/session";
//
//      signInToken(user);                          // the JWT Auth.js would decode: { uid, sv }
//      signInToken(user, { [membershipId]: 2 });  // ... with the membership versions of the sign-in
//      request.cookies.set("mtss-district", id);   // the district chooser's cookie
//
// The factories are loaded through import() inside vi.mock, so the test file
// and the mocked module share this module's state. Call resetSession() in
// beforeEach when tests must not inherit each other's sign-in.
import type { Role } from "@/domain/permissions";
import type { Ctx, SessionState } from "@/server/auth/session";
import type { Tx } from "@/server/db/tenant";
import { makeMembership, makeMembershipSchool, makeUser } from "../factories";

/** The district chooser's cookie (kept equal to DISTRICT_COOKIE in src/server/auth/session.ts). */
export const DISTRICT_COOKIE = "mtss-district";

// ---------------------------------------------------------------- contexts

export interface CtxUser {
  id: string;
  name: string;
  email: string;
}

export interface CtxMembership {
  id: string;
  districtId: string;
  role: Role;
}

/** A Ctx as getSessionState builds it for this user and membership. */
export function ctxFor(
  user: CtxUser,
  membership: CtxMembership,
  opts: { schoolIds?: readonly string[]; districtName?: string; districts?: { id: string; name: string }[]; timeZone?: string } = {},
): Ctx {
  const districtName = opts.districtName ?? "Test";
  return {
    userId: user.id,
    name: user.name,
    email: user.email,
    districtId: membership.districtId,
    districtName,
    timeZone: opts.timeZone ?? "America/Chicago",
    membershipId: membership.id,
    role: membership.role,
    schoolIds: [...(opts.schoolIds ?? [])],
    districts: opts.districts ?? [{ id: membership.districtId, name: districtName }],
  };
}

export interface Person {
  ctx: Ctx;
  userId: string;
  membershipId: string;
}

/**
 * A user with a membership (and its schools) in one district, and their Ctx.
 * Pass an owner transaction (asOwner) or withTenant(districtId, ...).
 */
export async function makePerson(
  tx: Tx,
  opts: {
    districtId: string;
    role: Role;
    schoolIds?: readonly string[];
    name?: string;
    email?: string;
    passwordHash?: string;
    deactivated?: boolean;
    districtName?: string;
  },
): Promise<Person> {
  const user = await makeUser(tx, {
    ...(opts.name ? { name: opts.name } : {}),
    ...(opts.email ? { email: opts.email } : {}),
    ...(opts.passwordHash ? { passwordHash: opts.passwordHash } : {}),
  });
  const membership = await makeMembership(tx, { districtId: opts.districtId, userId: user.id, role: opts.role, deactivatedAt: opts.deactivated ? new Date() : null });
  for (const schoolId of opts.schoolIds ?? []) await makeMembershipSchool(tx, { districtId: opts.districtId, membershipId: membership.id, schoolId });
  return {
    userId: user.id,
    membershipId: membership.id,
    ctx: ctxFor(user, { id: membership.id, districtId: opts.districtId, role: opts.role }, { schoolIds: opts.schoolIds, districtName: opts.districtName }),
  };
}

// ------------------------------------------- 1. a fake "@/server/auth/session"

const fake: { state: SessionState } = { state: { status: "signed-out" } };

/** Signs ctx in (undefined signs out) for the mocked session module. */
export function signInAs(ctx: Ctx | undefined): void {
  fake.state = ctx ? { status: "ready", ctx } : { status: "signed-out" };
}

/** Someone signed in who belongs to several districts and has not chosen one. */
export function signInChoosing(userId: string, name: string, districts: { id: string; name: string }[]): void {
  fake.state = { status: "choose-district", userId, name, districts };
}

/** What the mocked getSessionState() answers now. */
export function currentSessionState(): SessionState {
  return fake.state;
}

/** The module to give vi.mock("@/server/auth/session", ...). */
export async function sessionModuleMock() {
  const { redirect } = await import("next/navigation");
  const getSessionState = async (): Promise<SessionState> => fake.state;
  return {
    DISTRICT_COOKIE,
    getSession: async () => {
      const state = fake.state;
      if (state.status === "signed-out") return null;
      return { uid: state.status === "ready" ? state.ctx.userId : state.userId, sv: 1 };
    },
    getSessionState,
    async getContext(): Promise<Ctx> {
      const state = await getSessionState();
      if (state.status === "signed-out") return redirect("/sign-in");
      if (state.status === "choose-district") return redirect("/choose-district");
      if (state.status === "invited") return redirect("/invitations");
      if (state.status === "change-password") return redirect("/change-password");
      if (state.status === "second-factor") return redirect("/two-factor");
      if (state.status === "enrol-two-factor") return redirect("/two-factor/setup");
      return state.ctx;
    },
  };
}

// --------------------- 2. fake Auth.js and next/headers for the real session

/** What the current request carries: the decoded Auth.js session, cookies and headers. */
export const request = {
  session: null as { uid?: string; sv?: number; mv?: Record<string, number>; sid?: string } | null,
  cookies: new Map<string, string>(),
  headers: new Headers(),
};

/**
 * The session Auth.js would decode from this user's JWT: user id, session
 * version and, when given, the membership versions seen at sign-in
 * (verifyCredentials' membershipVersions; decision 009).
 */
export function signInToken(user: { id: string; sessionVersion: number }, membershipVersions?: Record<string, number>): void {
  request.session = { uid: user.id, sv: user.sessionVersion, ...(membershipVersions ? { mv: membershipVersions } : {}) };
}

/** Forgets the sign-in, cookies and headers of both fakes. */
export function resetSession(): void {
  fake.state = { status: "signed-out" };
  request.session = null;
  request.cookies.clear();
  request.headers = new Headers();
}

/** The module to give vi.mock("@/server/auth/config", ...): Auth.js without Next.js. */
export function authConfigMock() {
  class RateLimitedSignIn extends Error {
    code = "rate_limited";
  }
  return {
    RateLimitedSignIn,
    SESSION_MAX_AGE_SECONDS: 10 * 60 * 60,
    // A token without a session row (sid) is what every test before decision
    // 025 built: it gets an open UserSession of the user, as a sign-in would
    // make. Tests of the session table itself set sid themselves.
    auth: async () => {
      if (!request.session) return null;
      const uid = request.session.uid;
      if (uid && !("sid" in request.session) && /^[0-9a-f-]{36}$/.test(uid)) {
        const { getDb } = await import("@/server/db/client");
        const db = await getDb();
        if (await db.user.findUnique({ where: { id: uid }, select: { id: true } })) {
          request.session.sid = (await db.userSession.create({ data: { userId: uid, ip: "test", userAgent: "", completedAt: new Date() }, select: { id: true } })).id;
        }
      }
      return { ...request.session };
    },
    clientIp: async () => request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "unknown",
    signIn: async () => {
      throw new Error("signIn is not available in tests; call verifyCredentials");
    },
    signOut: async () => {
      request.session = null;
    },
    handlers: {},
  };
}

/** The module to give vi.mock("next/headers", ...): cookies() and headers() of `request`. */
export function nextHeadersMock() {
  const store = {
    get: (name: string) => (request.cookies.has(name) ? { name, value: request.cookies.get(name)! } : undefined),
    getAll: () => [...request.cookies].map(([name, value]) => ({ name, value })),
    has: (name: string) => request.cookies.has(name),
    set: (name: string, value: string) => {
      request.cookies.set(name, value);
      return store;
    },
    delete: (name: string) => {
      request.cookies.delete(name);
      return store;
    },
  };
  return {
    cookies: async () => store,
    headers: async () => request.headers,
  };
}

// ------------------------------------------------------ what a form posts

/** The FormData a browser posts for these fields: a list repeats its key, undefined leaves it out. */
export function formOf(fields: Record<string, string | readonly string[] | undefined>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const v of [value ?? []].flat()) form.append(key, v);
  return form;
}

// ----------------------------------------------------------- Next.js throws

/** What notFound() throws, for expect(p).rejects.toMatchObject(NOT_FOUND). */
export const NOT_FOUND = { digest: "NEXT_HTTP_ERROR_FALLBACK;404" } as const;

/** Where a redirect() thrown by Next.js points, or undefined for any other error. */
export function redirectTarget(error: unknown): string | undefined {
  const digest = (error as { digest?: unknown } | null)?.digest;
  if (typeof digest !== "string" || !digest.startsWith("NEXT_REDIRECT;")) return undefined;
  return digest.split(";").slice(2, -2).join(";");
}

/** Awaits p and returns the path it redirected to; fails when it did not redirect. */
export async function redirectOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (error) {
    const to = redirectTarget(error);
    if (to !== undefined) return to;
    throw error;
  }
  throw new Error("expected a redirect, but the call returned");
}

/** True for the error notFound() throws. */
export function isNotFound(error: unknown): boolean {
  return (error as { digest?: unknown } | null)?.digest === NOT_FOUND.digest;
}
