// The session resolved against the database on every request (issue 2: "a
// deactivated user's session stops working"), and what rests on it: getContext,
// runAction and the page/action policy. Auth.js and next/headers are replaced
// by tests/support/session.ts; everything else is the real code on the real
// database.
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Role } from "@/domain/permissions";
import { runAction } from "@/server/action";
import { authorizeAction, authorizePage, pageNotFound } from "@/server/auth/policy";
import { DISTRICT_COOKIE, getContext, getSessionState, type Ctx } from "@/server/auth/session";
import { withTenant } from "@/server/db/tenant";
import { AppError, DeniedError } from "@/server/errors";
import { updateStaff } from "@/server/staff/actions";
import { z } from "zod";
import { makeDistrict, makeMembership, makeMembershipSchool, makeSchool, makeUser } from "../factories";
import { asOwner } from "../support/db";
import { DISTRICT_COOKIE as HELPER_DISTRICT_COOKIE, isNotFound, redirectOf, request, resetSession, signInToken } from "../support/session";

vi.mock("@/server/auth/config", () => import("../support/session").then((m) => m.authConfigMock()));
vi.mock("next/headers", () => import("../support/session").then((m) => m.nextHeadersMock()));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const A = { id: "", name: "Alder District", north: "", south: "" };
const B = { id: "", name: "Birch District", school: "" };
const C = { id: "", name: "Cedar District" };

interface Account {
  id: string;
  name: string;
  email: string;
  sessionVersion: number;
  /** Membership id per district id. */
  memberships: Record<string, string>;
}

/** A user with memberships given as [districtId, role, schoolIds, deactivated?]. */
async function account(name: string, memberships: [string, Role, string[], boolean?][]): Promise<Account> {
  return asOwner(async (tx) => {
    const user = await makeUser(tx, { name });
    const out: Record<string, string> = {};
    for (const [districtId, role, schoolIds, deactivated] of memberships) {
      const m = await makeMembership(tx, { districtId, userId: user.id, role, deactivatedAt: deactivated ? new Date() : null });
      for (const schoolId of schoolIds) await makeMembershipSchool(tx, { districtId, membershipId: m.id, schoolId });
      out[districtId] = m.id;
    }
    return { id: user.id, name: user.name, email: user.email, sessionVersion: user.sessionVersion, memberships: out };
  });
}

function membershipOf(a: Account, districtId: string): string {
  const id = a.memberships[districtId];
  if (!id) throw new Error(`${a.name} has no membership in ${districtId}`);
  return id;
}

/** The session's state once this account signed in and the request carries `cookie` (if any). */
async function stateOf(a: { id: string; sessionVersion: number }, cookie?: string) {
  signInToken(a);
  if (cookie !== undefined) request.cookies.set(DISTRICT_COOKIE, cookie);
  return getSessionState();
}

async function readyCtx(a: { id: string; sessionVersion: number }, cookie?: string): Promise<Ctx> {
  const state = await stateOf(a, cookie);
  if (state.status !== "ready") throw new Error(`expected a ready session, got ${state.status}`);
  return state.ctx;
}

const sessionVersionOf = async (userId: string) => (await asOwner((tx) => tx.user.findUniqueOrThrow({ where: { id: userId } }))).sessionVersion;

const deniedOf = (userId: string) =>
  asOwner((tx) => tx.auditEvent.findMany({ where: { action: "denied", actorUserId: userId }, orderBy: { createdAt: "asc" } }));

function formOf(fields: Record<string, string | string[] | undefined>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const v of [value ?? []].flat()) form.append(key, v);
  return form;
}

let solo: Account; // SPECIALIST in A, North and South
let admin: Account; // ADMIN in A, every school
let multi: Account; // COORDINATOR in A (North), ASSISTANT in B

beforeAll(async () => {
  await asOwner(async (tx) => {
    // Created in reverse alphabetical order, so "sorted by name" is not creation order.
    C.id = (await makeDistrict(tx, { name: C.name })).id;
    B.id = (await makeDistrict(tx, { name: B.name, timeZone: "America/Los_Angeles" })).id;
    A.id = (await makeDistrict(tx, { name: A.name })).id;
    A.north = (await makeSchool(tx, { districtId: A.id, name: "North" })).id;
    A.south = (await makeSchool(tx, { districtId: A.id, name: "South" })).id;
    B.school = (await makeSchool(tx, { districtId: B.id, name: "Birch Middle" })).id;
  });
  solo = await account("Sol Solo", [[A.id, "SPECIALIST", [A.north, A.south]]]);
  admin = await account("Ada Admin", [[A.id, "ADMIN", []]]);
  // Birch first: the districts must come back by name, not in the order joined.
  multi = await account("Mo Multi", [
    [B.id, "ASSISTANT", [B.school]],
    [A.id, "COORDINATOR", [A.north]],
  ]);
});

beforeEach(() => resetSession());

it("the helper's cookie name is the app's", () => {
  expect(HELPER_DISTRICT_COOKIE).toBe(DISTRICT_COOKIE);
});

describe("getSessionState", () => {
  it("is signed out without a session, or with one that lacks the user id or version", async () => {
    expect(await getSessionState()).toEqual({ status: "signed-out" });
    for (const session of [{}, { uid: solo.id }, { sv: 1 }, { uid: solo.id, sv: "1" as unknown as number }, { uid: "", sv: 1 }]) {
      request.session = session;
      expect(await getSessionState(), JSON.stringify(session)).toEqual({ status: "signed-out" });
    }
  });

  it("is signed out for a user id that does not exist", async () => {
    expect(await stateOf({ id: "00000000-0000-4000-8000-000000000000", sessionVersion: 1 })).toEqual({ status: "signed-out" });
  });

  it("gives a one-district user their context: role, schools, district and its name", async () => {
    const state = await stateOf(solo);
    expect(state.status).toBe("ready");
    const ctx = (state as { ctx: Ctx }).ctx;
    expect({ ...ctx, schoolIds: [...ctx.schoolIds].sort() }).toEqual({
      userId: solo.id,
      name: "Sol Solo",
      email: solo.email,
      districtId: A.id,
      districtName: "Alder District",
      // The district's time zone (issue 13); new districts default to Chicago's.
      timeZone: "America/Chicago",
      membershipId: membershipOf(solo, A.id),
      role: "SPECIALIST",
      schoolIds: [A.north, A.south].sort(),
      districts: [{ id: A.id, name: "Alder District" }],
      // The browser's UserSession row (decision 025).
      sessionId: expect.any(String),
    });
  });

  it("gives a member with no schools an empty school list (every school)", async () => {
    const ctx = await readyCtx(admin);
    expect(ctx).toMatchObject({ role: "ADMIN", schoolIds: [], districtId: A.id });
  });

  it("ignores the district cookie of someone who has only one district", async () => {
    expect((await readyCtx(solo, B.id)).districtId).toBe(A.id);
  });

  it("is signed out when the token carries an older or a newer session version", async () => {
    expect(await stateOf({ id: solo.id, sessionVersion: solo.sessionVersion - 1 })).toEqual({ status: "signed-out" });
    expect(await stateOf({ id: solo.id, sessionVersion: solo.sessionVersion + 1 })).toEqual({ status: "signed-out" });
    expect((await stateOf(solo)).status).toBe("ready");
  });

  it("ends a live session when User.sessionVersion is bumped, and a new sign-in (new version) works", async () => {
    const a = await account("Bea Bumped", [[A.id, "SPECIALIST", []]]);
    expect((await stateOf(a)).status).toBe("ready");
    await asOwner((tx) => tx.user.update({ where: { id: a.id }, data: { sessionVersion: { increment: 1 } } }));
    // The same token, the next request.
    expect(await getSessionState()).toEqual({ status: "signed-out" });
    expect((await stateOf({ id: a.id, sessionVersion: a.sessionVersion + 1 })).status).toBe("ready");
  });

  it("is signed out when the only membership is deactivated, even with a current session version", async () => {
    const a = await account("Dee Deactivated", [[A.id, "SPECIALIST", []]]);
    expect((await stateOf(a)).status).toBe("ready");
    await asOwner((tx) => tx.membership.update({ where: { id: membershipOf(a, A.id) }, data: { deactivatedAt: new Date() } }));
    expect(await getSessionState()).toEqual({ status: "signed-out" });
    expect(await sessionVersionOf(a.id)).toBe(a.sessionVersion);
  });

  it("asks someone in two districts to choose when there is no cookie, districts by name", async () => {
    expect(await stateOf(multi)).toEqual({
      status: "choose-district",
      userId: multi.id,
      name: "Mo Multi",
      districts: [
        { id: A.id, name: "Alder District" },
        { id: B.id, name: "Birch District" },
      ],
    });
  });

  it.each([
    ["a district they do not belong to", () => C.id],
    ["something that is not an id", () => "not-a-uuid"],
    ["nothing", () => ""],
  ])("asks again when the cookie names %s", async (_, cookie) => {
    expect((await stateOf(multi, cookie())).status).toBe("choose-district");
  });

  it("uses the district the cookie names, with that membership's role and schools", async () => {
    const inA = await readyCtx(multi, A.id);
    expect(inA).toMatchObject({ districtId: A.id, districtName: "Alder District", role: "COORDINATOR", schoolIds: [A.north], membershipId: membershipOf(multi, A.id) });
    const inB = await readyCtx(multi, B.id);
    expect(inB).toMatchObject({ districtId: B.id, districtName: "Birch District", timeZone: "America/Los_Angeles", role: "ASSISTANT", schoolIds: [B.school], membershipId: membershipOf(multi, B.id) });
    expect(inB.districts).toEqual([
      { id: A.id, name: "Alder District" },
      { id: B.id, name: "Birch District" },
    ]);
  });

  it("never opens a district whose membership is deactivated, even when the cookie names it", async () => {
    const a = await account("Hal Half", [
      [A.id, "COORDINATOR", []],
      [B.id, "SPECIALIST", [], true],
    ]);
    const noCookie = await readyCtx(a);
    expect(noCookie).toMatchObject({ districtId: A.id, districts: [{ id: A.id, name: "Alder District" }] });
    expect((await readyCtx(a, B.id)).districtId).toBe(A.id);
  });

  it("applies a role change and a school change on the next call (no stale context)", async () => {
    const a = await account("Cam Changes", [[A.id, "SPECIALIST", [A.north]]]);
    expect(await readyCtx(a)).toMatchObject({ role: "SPECIALIST", schoolIds: [A.north] });
    await asOwner(async (tx) => {
      await tx.membership.update({ where: { id: membershipOf(a, A.id) }, data: { role: "COORDINATOR" } });
      await tx.membershipSchool.deleteMany({ where: { membershipId: membershipOf(a, A.id) } });
      await makeMembershipSchool(tx, { districtId: A.id, membershipId: membershipOf(a, A.id), schoolId: A.south });
    });
    expect(await getSessionState()).toMatchObject({ status: "ready", ctx: { role: "COORDINATOR", schoolIds: [A.south] } });
    await asOwner((tx) => tx.user.update({ where: { id: a.id }, data: { name: "Cam Renamed" } }));
    expect(await getSessionState()).toMatchObject({ status: "ready", ctx: { name: "Cam Renamed" } });
  });
});

describe("a deactivated user's session stops working", () => {
  const membershipVersionOf = async (id: string) => (await asOwner((tx) => tx.membership.findUniqueOrThrow({ where: { id } }))).sessionVersion;

  it("an administrator deactivates someone: their open session ends at its next request", async () => {
    const target = await account("Tess Target", [[A.id, "SPECIALIST", [A.north]]]);
    const membershipId = membershipOf(target, A.id);
    expect((await stateOf(target)).status).toBe("ready");

    signInToken(admin);
    const result = await updateStaff(null, formOf({ unverifiedMembershipId: membershipId, role: "SPECIALIST", deactivated: "on" }));
    expect(result).toEqual({ ok: true, message: "Saved." });
    // The district's own version ends the session (decision 009); the account's is not the district's to bump.
    expect(await membershipVersionOf(membershipId)).toBe(2);
    expect(await sessionVersionOf(target.id)).toBe(target.sessionVersion);

    // Tess's browser still sends her old token.
    signInToken(target);
    expect(await getSessionState()).toEqual({ status: "signed-out" });
    expect(await redirectOf(getContext())).toBe("/sign-in");
    const handler = vi.fn(async () => "done");
    expect(await redirectOf(runAction("anything", z.object({}), {}, handler))).toBe("/sign-in");
    expect(handler).not.toHaveBeenCalled();
    // Signing in again does not help: the membership is deactivated.
    resetSession();
    signInToken(target, { [membershipId]: 2 });
    expect(await getSessionState()).toEqual({ status: "signed-out" });
  });

  it("deactivated in one of two districts: the session ends there only, and goes on in the other district", async () => {
    const target = await account("Dua Two", [
      [A.id, "SPECIALIST", []],
      [B.id, "COORDINATOR", []],
    ]);
    expect((await readyCtx(target, A.id)).districtId).toBe(A.id);

    signInToken(admin);
    request.cookies.clear();
    expect(await updateStaff(null, formOf({ unverifiedMembershipId: membershipOf(target, A.id), role: "SPECIALIST", deactivated: "on" }))).toMatchObject({ ok: true });

    // The same token: A is gone and not silently swapped for B ...
    expect(await stateOf(target, A.id)).toEqual({ status: "choose-district", userId: target.id, name: "Dua Two", districts: [{ id: B.id, name: "Birch District" }] });
    // ... and B goes on without a new sign-in.
    expect(await readyCtx(target, B.id)).toMatchObject({ districtId: B.id, role: "COORDINATOR", districts: [{ id: B.id, name: "Birch District" }] });
    expect(await sessionVersionOf(target.id)).toBe(target.sessionVersion);
  });
});

describe("getContext", () => {
  it("sends someone signed out to /sign-in", async () => {
    expect(await redirectOf(getContext())).toBe("/sign-in");
  });

  it("sends someone who must choose a district to /choose-district", async () => {
    signInToken(multi);
    expect(await redirectOf(getContext())).toBe("/choose-district");
  });

  it("gives the ready context", async () => {
    const ctx = await readyCtx(multi, B.id);
    expect(await getContext()).toEqual(ctx);
  });
});

describe("runAction through the real session", () => {
  const Input = z.object({ name: z.string().min(1, "Enter a name.") }).strict();
  let errorSpy: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    errorSpy = vi.spyOn(console, "error").mockImplementation(() => {});
  });
  afterEach(() => errorSpy.mockRestore());

  it("returns the handler's data with the context of the signed-in user", async () => {
    signInToken(admin);
    const result = await runAction("test", Input, { name: "x" }, async (ctx, input) => ({ who: ctx.userId, role: ctx.role, name: input.name }));
    expect(result).toEqual({ ok: true, data: { who: admin.id, role: "ADMIN", name: "x" } });
  });

  it("rejects bad input with field errors before the handler runs", async () => {
    signInToken(admin);
    const handler = vi.fn(async () => "never");
    expect(await runAction("test", Input, { name: "" }, handler)).toEqual({
      ok: false,
      error: { code: "INVALID_INPUT", message: "Please correct the highlighted fields.", fieldErrors: { name: ["Enter a name."] } },
    });
    expect(await runAction("test", Input, { name: "x", districtId: B.id }, handler)).toMatchObject({
      ok: false,
      error: { code: "INVALID_INPUT", fieldErrors: { _form: ["The form sent fields we do not accept."] } },
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it("turns a denial into NOT_FOUND, rolls back the transaction and still records the denied event", async () => {
    signInToken(admin);
    const before = await deniedOf(admin.id);
    const result = await runAction("test", Input, { name: "x" }, async (ctx) =>
      withTenant(ctx.districtId, async (tx) => {
        await makeSchool(tx, { districtId: ctx.districtId, name: "Never Saved" });
        throw new DeniedError("student.view", { entityType: "Student", entityId: "abc", studentId: null });
      }),
    );
    expect(result).toEqual({ ok: false, error: { code: "NOT_FOUND", message: "We could not find that record." } });
    expect(await asOwner((tx) => tx.school.count({ where: { name: "Never Saved" } }))).toBe(0);
    const denied = (await deniedOf(admin.id)).slice(before.length);
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({ districtId: A.id, entityType: "Student", entityId: "abc", detail: { attempted: "student.view" } });
    expect(errorSpy).not.toHaveBeenCalled();
  });

  it("passes an expected error through with its code, and records no denial", async () => {
    signInToken(admin);
    const before = (await deniedOf(admin.id)).length;
    const result = await runAction("test", Input, { name: "x" }, async () => {
      throw new AppError("CONFLICT", "Someone else changed this.");
    });
    expect(result).toEqual({ ok: false, error: { code: "CONFLICT", message: "Someone else changed this." } });
    expect(await deniedOf(admin.id)).toHaveLength(before);
  });

  it("answers an unexpected error generically with a reference id, and logs the error under that id", async () => {
    signInToken(admin);
    const result = await runAction("secretAction", Input, { name: "x" }, async () => {
      throw new Error("connection string postgresql://secret@db");
    });
    expect(result.ok).toBe(false);
    const error = (result as { error: { code: string; message: string } }).error;
    expect(error.code).toBe("UNEXPECTED");
    expect(error.message).not.toContain("secret");
    const ref = /reference to your administrator: ([0-9a-f]{8})\.$/.exec(error.message)?.[1];
    expect(ref).toBeDefined();
    expect(errorSpy).toHaveBeenCalledTimes(1);
    expect(errorSpy.mock.calls[0][0]).toBe(`[error ref=${ref}] secretAction:`);
    expect((errorSpy.mock.calls[0][1] as Error).message).toContain("secret@db");
  });

  it("sends a signed-out caller to sign in instead of reporting an error", async () => {
    const handler = vi.fn(async () => "never");
    expect(await redirectOf(runAction("test", Input, { name: "x" }, handler))).toBe("/sign-in");
    expect(handler).not.toHaveBeenCalled();
    expect(errorSpy).not.toHaveBeenCalled();
  });
});

describe("policy", () => {
  let adminCtx: Ctx;
  let specialistCtx: Ctx;
  beforeAll(async () => {
    adminCtx = await readyCtx(admin);
    specialistCtx = await readyCtx(solo);
  });

  async function notFoundOf(p: Promise<unknown>): Promise<boolean> {
    try {
      await p;
      return false;
    } catch (error) {
      if (isNotFound(error)) return true;
      throw error;
    }
  }

  it("authorizePage lets an allowed user through and writes nothing", async () => {
    const before = (await deniedOf(admin.id)).length;
    await expect(authorizePage(adminCtx, "staff.manage", { entityType: "Membership" })).resolves.toBeUndefined();
    await expect(authorizePage(specialistCtx, "student.view", { entityType: "Student", schoolId: A.north })).resolves.toBeUndefined();
    expect(await deniedOf(admin.id)).toHaveLength(before);
  });

  it("authorizePage answers 404 to a role that may not, and records the attempt", async () => {
    const before = (await deniedOf(solo.id)).length;
    expect(await notFoundOf(authorizePage(specialistCtx, "staff.manage", { entityType: "Membership", entityId: "m-1" }))).toBe(true);
    const denied = (await deniedOf(solo.id)).slice(before);
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({ districtId: A.id, actorUserId: solo.id, action: "denied", entityType: "Membership", entityId: "m-1", detail: { attempted: "staff.manage" } });
  });

  it("authorizePage answers 404 to an administrator for another district's record, recorded in their own district", async () => {
    const before = (await deniedOf(admin.id)).length;
    expect(await notFoundOf(authorizePage(adminCtx, "student.view", { entityType: "Student", districtId: B.id, schoolId: B.school }))).toBe(true);
    const denied = (await deniedOf(admin.id)).slice(before);
    expect(denied).toMatchObject([{ districtId: A.id, entityType: "Student", detail: { attempted: "student.view" } }]);
  });

  it("pageNotFound always answers 404 and records the attempt", async () => {
    const before = (await deniedOf(admin.id)).length;
    expect(await notFoundOf(pageNotFound(adminCtx, "staff.manage", { entityType: "Membership", entityId: "nope" }))).toBe(true);
    expect((await deniedOf(admin.id)).slice(before)).toMatchObject([{ entityId: "nope", detail: { attempted: "staff.manage" } }]);
  });

  it("authorizeAction throws a DeniedError carrying the attempt, and writes nothing itself", async () => {
    const before = (await deniedOf(solo.id)).length;
    expect(() => authorizeAction(adminCtx, "staff.manage", { entityType: "Membership" })).not.toThrow();
    let thrown: unknown;
    try {
      authorizeAction(specialistCtx, "student.edit", { entityType: "Student", entityId: "s-1", schoolId: A.north });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DeniedError);
    expect(thrown).toMatchObject({ code: "NOT_FOUND", attempted: "student.edit", target: { entityType: "Student", entityId: "s-1" } });
    expect(() => authorizeAction(specialistCtx, "student.view", { entityType: "Student", schoolId: B.school, districtId: B.id })).toThrow(DeniedError);
    expect(await deniedOf(solo.id)).toHaveLength(before);
  });
});
