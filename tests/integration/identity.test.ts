// Passwords and sessions (issue 20, decision 025): changing one's own
// password, an administrator's reset to a one-time temporary password, the
// session table behind the JWT (idle and absolute limits, ending one session),
// and their audit events. Auth.js and next/headers are replaced by
// tests/support/session.ts; everything else is the real code on the real database.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { changePassword, endSession, resetStaffPassword } from "@/server/account/actions";
import { listMySessions } from "@/server/account/queries";
import { hashPassword } from "@/server/auth/password";
import { RATE_LIMIT, verifyCredentials } from "@/server/auth/credentials";
import { getSessionState, type Ctx } from "@/server/auth/session";
import { makeDistrict, makeMembership, makeUser } from "../factories";
import { asOwner } from "../support/db";
import { redirectOf, request, resetSession } from "../support/session";

vi.mock("@/server/auth/config", () => import("../support/session").then((m) => m.authConfigMock()));
vi.mock("next/headers", () => import("../support/session").then((m) => m.nextHeadersMock()));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const PASSWORD = "maple syrup on tuesday";
const NEW_PASSWORD = "lanterns over the quiet harbour";
let hash: string;
let A: string;
let B: string;
let seq = 0;

function formOf(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  return form;
}

/** A person with a membership in `districtId` and the given role. */
async function person(districtId: string, role: "ADMIN" | "COORDINATOR" | "SPECIALIST" = "SPECIALIST") {
  return asOwner(async (tx) => {
    const user = await makeUser(tx, { email: `id${++seq}.${Date.now()}@example.test`, passwordHash: hash });
    const membership = await makeMembership(tx, { districtId, userId: user.id, role });
    return { user, membership };
  });
}

/** A session row as a sign-in makes it, aged as asked. */
async function sessionOf(userId: string, opts: { createdAgoMinutes?: number; idleMinutes?: number; userAgent?: string; ip?: string } = {}) {
  const now = Date.now();
  return asOwner((tx) =>
    tx.userSession.create({
      data: {
        userId,
        ip: opts.ip ?? "192.0.2.1",
        userAgent: opts.userAgent ?? "",
        createdAt: new Date(now - (opts.createdAgoMinutes ?? 0) * 60_000),
        lastSeenAt: new Date(now - (opts.idleMinutes ?? 0) * 60_000),
        completedAt: new Date(),
      },
    }),
  );
}

/** Makes `sid` the current request's session. */
async function actAs(user: { id: string }, sid: string) {
  const { sessionVersion } = await asOwner((tx) => tx.user.findUniqueOrThrow({ where: { id: user.id } }));
  resetSession();
  request.session = { uid: user.id, sv: sessionVersion, sid };
}

async function readyCtx(): Promise<Ctx> {
  const state = await getSessionState();
  if (state.status !== "ready") throw new Error(`expected ready, got ${state.status}`);
  return state.ctx;
}

const sessionRow = (id: string) => asOwner((tx) => tx.userSession.findUniqueOrThrow({ where: { id } }));
const eventsOf = (userId: string, action: string) => asOwner((tx) => tx.auditEvent.findMany({ where: { actorUserId: userId, action }, orderBy: { createdAt: "asc" } }));

beforeAll(async () => {
  hash = await hashPassword(PASSWORD);
  await asOwner(async (tx) => {
    A = (await makeDistrict(tx, { name: "Aspen" })).id;
    B = (await makeDistrict(tx, { name: "Beech" })).id;
  });
});
beforeEach(() => resetSession());

describe("changePassword (own)", () => {
  it("needs the current password; a wrong one is refused, counted and audited", async () => {
    const { user } = await person(A);
    await actAs(user, (await sessionOf(user.id)).id);
    const result = await changePassword(null, formOf({ currentPassword: "not it at all", newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }));
    expect(result).toMatchObject({ ok: false, error: { fieldErrors: { currentPassword: ["This is not your current password."] } } });
    expect(await asOwner((tx) => tx.loginAttempt.count({ where: { email: user.email, outcome: "FAILED" } }))).toBe(1);
    expect((await eventsOf(user.id, "password_change"))[0]).toMatchObject({ districtId: A, detail: { refused: "wrong current password" } });
    // Missing current password.
    expect(await changePassword(null, formOf({ newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }))).toMatchObject({ ok: false, error: { fieldErrors: { currentPassword: ["Enter your current password."] } } });
  });

  it("refuses short, listed and mismatched new passwords, and saves nothing", async () => {
    const { user } = await person(A);
    await actAs(user, (await sessionOf(user.id)).id);
    const attempt = (newPassword: string, confirmPassword = newPassword) => changePassword(null, formOf({ currentPassword: PASSWORD, newPassword, confirmPassword }));
    expect(await attempt("short")).toMatchObject({ ok: false, error: { fieldErrors: { newPassword: [expect.stringContaining("at least 8 characters")] } } });
    expect(await attempt("password1234")).toMatchObject({ ok: false, error: { fieldErrors: { newPassword: [expect.stringContaining("common or breached")] } } });
    expect(await attempt(NEW_PASSWORD, NEW_PASSWORD + "x")).toMatchObject({ ok: false, error: { fieldErrors: { confirmPassword: [expect.any(String)] } } });
    expect(await attempt(PASSWORD)).toMatchObject({ ok: false, error: { fieldErrors: { newPassword: [expect.stringContaining("current one")] } } });
    expect((await asOwner((tx) => tx.user.findUniqueOrThrow({ where: { id: user.id } }))).passwordHash).toBe(hash);
  });

  it("changes the password, ends every other session (this one goes on) and audits it", async () => {
    const { user } = await person(A);
    const here = await sessionOf(user.id);
    const other = await sessionOf(user.id);
    await actAs(user, here.id);
    const result = await changePassword(null, formOf({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }));
    expect(result).toMatchObject({ ok: true, message: expect.stringContaining("Your 1 other session was signed out.") });
    expect((await sessionRow(other.id)).endedReason).toBe("password_changed");
    expect((await sessionRow(here.id)).endedAt).toBeNull();
    expect((await getSessionState()).status).toBe("ready");
    expect(await verifyCredentials({ email: user.email, password: NEW_PASSWORD }, "198.51.100.7")).toMatchObject({ ok: true });
    expect(await verifyCredentials({ email: user.email, password: PASSWORD }, "198.51.100.7")).toMatchObject({ ok: false, reason: "invalid" });
    expect((await eventsOf(user.id, "password_change")).at(-1)).toMatchObject({ districtId: A, detail: { afterTemporary: false, otherSessionsEnded: 1 } });
  });
});

describe("resetStaffPassword", () => {
  it("is for administrators of the person's district only: others get NOT_FOUND and a denied event", async () => {
    const { user: target, membership } = await person(A);
    for (const [districtId, role] of [[A, "COORDINATOR"], [B, "ADMIN"]] as const) {
      const { user } = await person(districtId, role);
      await actAs(user, (await sessionOf(user.id)).id);
      const result = await resetStaffPassword(null, formOf({ unverifiedMembershipId: membership.id }));
      expect(result, `${role} of ${districtId === A ? "A" : "B"}`).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
      expect(await eventsOf(user.id, "denied")).toHaveLength(1);
    }
    expect((await asOwner((tx) => tx.user.findUniqueOrThrow({ where: { id: target.id } }))).passwordHash).toBe(hash);
  });

  it("gives a one-time temporary password that must be changed; a second use is refused; the lock-out ends", async () => {
    const { user: admin } = await person(A, "ADMIN");
    const { user: target, membership } = await person(A);
    const open = await sessionOf(target.id);
    // The person locked themselves out.
    for (let i = 0; i <= RATE_LIMIT.perEmail; i++) await verifyCredentials({ email: target.email, password: "wrong guess here" }, `203.0.113.${i}`);
    expect(await verifyCredentials({ email: target.email, password: PASSWORD }, "203.0.113.50")).toEqual({ ok: false, reason: "rate_limited" });

    await actAs(admin, (await sessionOf(admin.id)).id);
    const result = await resetStaffPassword(null, formOf({ unverifiedMembershipId: membership.id }));
    expect(result).toMatchObject({ ok: true });
    const temporary = /temporary password in person or by phone: ([a-z0-9-]+)/.exec((result as { message: string }).message)?.[1];
    expect(temporary).toMatch(/^[a-z0-9]{4}(-[a-z0-9]{4}){3}$/);
    expect((await sessionRow(open.id)).endedReason).toBe("password_reset");
    expect((await eventsOf(admin.id, "password_reset"))[0]).toMatchObject({ districtId: A, entityId: membership.id, detail: { sessionsEnded: 1 } });
    // The administrator cannot reset their own this way.
    const self = (await asOwner((tx) => tx.membership.findFirstOrThrow({ where: { userId: admin.id } }))).id;
    expect(await resetStaffPassword(null, formOf({ unverifiedMembershipId: self }))).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });

    // First use: signed in, but only to change it.
    const first = await verifyCredentials({ email: target.email, password: temporary! }, "203.0.113.60");
    expect(first).toMatchObject({ ok: true });
    const second = await verifyCredentials({ email: target.email, password: temporary! }, "203.0.113.61");
    expect(second).toEqual({ ok: false, reason: "temporary_used" });
    if (!first.ok) throw new Error("unreachable");
    await actAs(target, first.user.sessionId);
    expect(await getSessionState()).toMatchObject({ status: "change-password" });
    expect(await redirectOf(import("@/server/auth/session").then((m) => m.getContext()))).toBe("/change-password");

    // The forced change asks no current password and opens the app.
    expect(await redirectOf(changePassword(null, formOf({ newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD })))).toBe("/");
    expect((await getSessionState()).status).toBe("ready");
    const row = await asOwner((tx) => tx.user.findUniqueOrThrow({ where: { id: target.id } }));
    expect(row.passwordTemporaryUntil).toBeNull();
    expect((await eventsOf(target.id, "password_change")).at(-1)).toMatchObject({ detail: { afterTemporary: true } });
  });

  it("refuses an expired temporary password", async () => {
    const { user } = await person(A);
    await asOwner((tx) => tx.user.update({ where: { id: user.id }, data: { passwordTemporaryUntil: new Date(Date.now() - 1000) } }));
    expect(await verifyCredentials({ email: user.email, password: PASSWORD }, "203.0.113.70")).toEqual({ ok: false, reason: "temporary_expired" });
  });
});

describe("sessions", () => {
  it("end after the district's idle timeout and absolute lifetime, the stricter district deciding", async () => {
    const { user } = await person(A);
    const idle = await sessionOf(user.id, { idleMinutes: 8 * 60 + 1 });
    await actAs(user, idle.id);
    expect((await getSessionState()).status).toBe("signed-out");
    expect((await sessionRow(idle.id)).endedReason).toBe("idle_timeout");

    const old = await sessionOf(user.id, { createdAgoMinutes: 7 * 24 * 60 + 1 });
    await actAs(user, old.id);
    expect((await getSessionState()).status).toBe("signed-out");
    expect((await sessionRow(old.id)).endedReason).toBe("absolute_lifetime");

    const fresh = await sessionOf(user.id, { idleMinutes: 30 });
    await actAs(user, fresh.id);
    expect((await getSessionState()).status).toBe("ready");
    // That request counted as activity.
    expect((await sessionRow(fresh.id)).lastSeenAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
    // B allows 20 minutes idle; once the person joins B, 30 idle minutes end a session.
    await asOwner(async (tx) => {
      await tx.district.update({ where: { id: B }, data: { sessionIdleMinutes: 20 } });
      await makeMembership(tx, { districtId: B, userId: user.id, role: "SPECIALIST" });
    });
    await actAs(user, (await sessionOf(user.id, { idleMinutes: 30 })).id);
    expect((await getSessionState()).status).toBe("signed-out");
    await asOwner((tx) => tx.district.update({ where: { id: B }, data: { sessionIdleMinutes: 480 } }));
  });

  it("a token whose session row ended, is unknown or is another person's is signed out", async () => {
    const { user } = await person(A);
    const { user: other } = await person(A);
    const theirs = await sessionOf(other.id);
    await actAs(user, theirs.id);
    expect((await getSessionState()).status).toBe("signed-out");
    await actAs(user, "00000000-0000-4000-8000-000000000000");
    expect((await getSessionState()).status).toBe("signed-out");
  });

  it("lists the person's own open sessions with device and IP, and audits the view", async () => {
    const { user } = await person(A);
    const here = await sessionOf(user.id, { userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0", ip: "198.51.100.20" });
    await sessionOf(user.id, { userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", ip: "198.51.100.21", idleMinutes: 5 });
    const ended = await sessionOf(user.id);
    await asOwner((tx) => tx.userSession.update({ where: { id: ended.id }, data: { endedAt: new Date() } }));
    await sessionOf((await person(A)).user.id);
    await actAs(user, here.id);
    const { sessions } = await listMySessions(await readyCtx());
    expect(sessions.map((s) => [s.device, s.ip, s.current])).toEqual([
      ["Firefox 140 on Linux", "198.51.100.20", true],
      ["Safari 17 on iOS (mobile)", "198.51.100.21", false],
    ]);
    expect(await eventsOf(user.id, "view")).toHaveLength(1);
  });

  it("endSession ends one of the person's own; another person's is NOT_FOUND with a denied event", async () => {
    const { user } = await person(A);
    const here = await sessionOf(user.id);
    const phone = await sessionOf(user.id);
    const { user: other } = await person(A);
    const theirs = await sessionOf(other.id);
    await actAs(user, here.id);
    expect(await endSession(null, formOf({ unverifiedSessionId: phone.id }))).toMatchObject({ ok: true });
    expect((await sessionRow(phone.id)).endedReason).toBe("ended_by_user");
    expect((await eventsOf(user.id, "session_end"))[0]).toMatchObject({ entityId: phone.id, detail: { current: false } });
    expect(await endSession(null, formOf({ unverifiedSessionId: theirs.id }))).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect((await sessionRow(theirs.id)).endedAt).toBeNull();
    expect(await endSession(null, formOf({ unverifiedSessionId: "nope" }))).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await eventsOf(user.id, "denied")).toHaveLength(2);
    // Ending this browser's own session signs it out.
    await endSession(null, formOf({ unverifiedSessionId: here.id }));
    expect(request.session).toBeNull();
    expect((await sessionRow(here.id)).endedReason).toBe("ended_by_user");
  });
});
