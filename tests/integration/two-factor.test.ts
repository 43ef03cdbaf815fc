// Two-factor authentication (issue 20, decision 033): enrolment, the code
// step of a sign-in (valid, reused, outside the window), recovery codes, the
// lock-out, the administrator's reset and the requirement for administrators.
// Auth.js and next/headers are replaced by tests/support/session.ts;
// everything else is the real code on the real database.
import { generate } from "otplib";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { RATE_LIMIT, verifyCredentials } from "@/server/auth/credentials";
import { hashPassword } from "@/server/auth/password";
import { unseal } from "@/server/auth/secret-box";
import { getContext, getSessionState, type Ctx } from "@/server/auth/session";
import { changeOwnTwoFactor, checkTotp, confirmEnrolment, startEnrolment, verifySecondFactor } from "@/server/auth/two-factor";
import { resetStaffTwoFactor } from "@/server/auth/two-factor-actions";
import { makeDistrict, makeMembership, makeUser } from "../factories";
import { asOwner } from "../support/db";
import { redirectOf, request, resetSession } from "../support/session";

vi.mock("@/server/auth/config", () => import("../support/session").then((m) => m.authConfigMock()));
vi.mock("next/headers", () => import("../support/session").then((m) => m.nextHeadersMock()));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

process.env.AUTH_SECRET ||= "integration-tests-only-secret-0123456789";

const PASSWORD = "maple syrup on tuesday";
const IP = "198.51.100.20";
let hash: string;
let A: string;
let B: string;
let seq = 0;

function formOf(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  return form;
}

async function person(districtId: string, role: "ADMIN" | "COORDINATOR" | "SPECIALIST" = "SPECIALIST") {
  return asOwner(async (tx) => {
    const user = await makeUser(tx, { email: `tf${++seq}.${Date.now()}@example.test`, passwordHash: hash });
    const membership = await makeMembership(tx, { districtId, userId: user.id, role });
    return { user, membership };
  });
}

const userRow = (id: string) => asOwner((tx) => tx.user.findUniqueOrThrow({ where: { id } }));
const sessionRow = (id: string) => asOwner((tx) => tx.userSession.findUniqueOrThrow({ where: { id } }));
const eventsOf = (userId: string, action: string) => asOwner((tx) => tx.auditEvent.findMany({ where: { actorUserId: userId, action }, orderBy: { createdAt: "asc" } }));

/** Signs in with the password as the sign-in form does; returns the session id the token would carry. */
async function signInWithPassword(user: { id: string; email: string }) {
  const result = await verifyCredentials({ email: user.email, password: PASSWORD }, { ip: IP, userAgent: "Mozilla/5.0 Firefox/140.0" });
  if (!result.ok) throw new Error(`sign-in refused: ${result.reason}`);
  const { sessionVersion } = await userRow(user.id);
  resetSession();
  request.session = { uid: user.id, sv: sessionVersion, sid: result.user.sessionId };
  return result.user;
}

async function readyCtx(): Promise<Ctx> {
  const state = await getSessionState();
  if (state.status !== "ready") throw new Error(`expected ready, got ${state.status}`);
  return state.ctx;
}

/** Enrols the person (the real flow): returns the secret their app would hold and their recovery codes. */
async function enrol(userId: string, sessionId?: string) {
  expect(await startEnrolment(userId)).toBe("started");
  const secret = unseal((await userRow(userId)).totpPendingSecret!, "totp-secret");
  // The code of the previous step: within the window, and leaves the current step free for the test's sign-in.
  const code = await generate({ secret, epoch: Math.floor(Date.now() / 1000) - 30 });
  const result = await confirmEnrolment({ userId, sessionId, typed: code, ip: IP });
  if (!result.ok) throw new Error(result.message);
  return { secret, recoveryCodes: result.recoveryCodes };
}

const codeAt = (secret: string, offsetSeconds = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSeconds });

beforeAll(async () => {
  hash = await hashPassword(PASSWORD);
  await asOwner(async (tx) => {
    A = (await makeDistrict(tx, { name: "Alder" })).id;
    B = (await makeDistrict(tx, { name: "Birch" })).id;
  });
});
beforeEach(() => resetSession());

describe("enrolment", () => {
  it("offers a sealed secret, confirms it with a code, stores ten hashed recovery codes and ends other sessions", async () => {
    const { user } = await person(A);
    const other = await signInWithPassword(user);
    const here = await signInWithPassword(user);
    expect(await startEnrolment(user.id)).toBe("started");
    const pending = (await userRow(user.id)).totpPendingSecret!;
    expect(pending).toMatch(/^v1\./);
    const secret = unseal(pending, "totp-secret");
    expect(pending).not.toContain(secret);

    expect(await confirmEnrolment({ userId: user.id, sessionId: here.sessionId, typed: "12a456", ip: IP })).toEqual({ ok: false, message: expect.stringContaining("no letters") });
    const wrong = String((Number(await codeAt(secret)) + 1) % 1_000_000).padStart(6, "0");
    expect(await confirmEnrolment({ userId: user.id, sessionId: here.sessionId, typed: wrong, ip: IP })).toMatchObject({ ok: false, message: expect.stringContaining("does not match") });
    expect((await userRow(user.id)).totpEnabledAt).toBeNull();

    const result = await confirmEnrolment({ userId: user.id, sessionId: here.sessionId, typed: await codeAt(secret), ip: IP });
    expect(result).toMatchObject({ ok: true, otherSessionsEnded: 1 });
    if (!result.ok) return;
    expect(result.recoveryCodes).toHaveLength(10);
    for (const code of result.recoveryCodes) expect(code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    const stored = await asOwner((tx) => tx.recoveryCode.findMany({ where: { userId: user.id } }));
    expect(stored).toHaveLength(10);
    for (const row of stored) {
      expect(row.codeHash).toMatch(/^\$argon2id\$/);
      expect(result.recoveryCodes.some((c) => row.codeHash.includes(c.replace("-", "")))).toBe(false);
    }
    const after = await userRow(user.id);
    expect(after).toMatchObject({ totpSecret: pending, totpPendingSecret: null, totpEnabledAt: expect.any(Date) });
    expect((await sessionRow(other.sessionId)).endedReason).toBe("two_factor_changed");
    expect((await sessionRow(here.sessionId)).endedAt).toBeNull();
    expect((await eventsOf(user.id, "two_factor_enrol"))[0]).toMatchObject({ districtId: A, detail: { recoveryCodes: 10, otherSessionsEnded: 1 } });
    // The secret is in no audit event.
    const all = await asOwner((tx) => tx.auditEvent.findMany({ where: { actorUserId: user.id } }));
    expect(JSON.stringify(all)).not.toContain(secret);
  });
});

describe("the code step of a sign-in", () => {
  it("after the password, the session waits for the code: nothing opens, a valid code completes it", async () => {
    const { user } = await person(A);
    const { secret } = await enrol(user.id);
    const signedIn = await signInWithPassword(user);
    expect(signedIn.secondFactor).toBe("code");
    expect((await sessionRow(signedIn.sessionId)).completedAt).toBeNull();
    expect((await getSessionState()).status).toBe("second-factor");
    expect(await redirectOf(getContext())).toBe("/two-factor");
    expect((await eventsOf(user.id, "sign_in")).at(-1)).toMatchObject({ detail: { secondFactor: "code asked" } });

    expect(await verifySecondFactor({ userId: user.id, sessionId: signedIn.sessionId, typed: await codeAt(secret), ip: IP })).toEqual({ ok: true, method: "totp" });
    resetSession();
    request.session = { uid: user.id, sv: (await userRow(user.id)).sessionVersion, sid: signedIn.sessionId };
    expect((await readyCtx()).userId).toBe(user.id);
    expect((await eventsOf(user.id, "two_factor_verified")).length).toBe(1);
  });

  it("refuses letters and wrong lengths with a clear message, counting nothing", async () => {
    const { user } = await person(A);
    await enrol(user.id);
    const { sessionId } = await signInWithPassword(user);
    expect(await verifySecondFactor({ userId: user.id, sessionId, typed: "12345", ip: IP })).toMatchObject({ ok: false, reason: "input", message: "The code from your authenticator app has 6 digits; this one has 5." });
    expect(await verifySecondFactor({ userId: user.id, sessionId, typed: "abc123", ip: IP })).toMatchObject({ ok: false, reason: "input", message: expect.stringContaining("no letters") });
    expect((await sessionRow(sessionId)).failedCodes).toBe(0);
    expect(await asOwner((tx) => tx.loginAttempt.count({ where: { email: user.email, outcome: "FAILED" } }))).toBe(0);
  });

  it("refuses a code already used (the same time step), even in another session", async () => {
    const { user } = await person(A);
    const { secret } = await enrol(user.id);
    const code = await codeAt(secret);
    const first = await signInWithPassword(user);
    expect(await verifySecondFactor({ userId: user.id, sessionId: first.sessionId, typed: code, ip: IP })).toMatchObject({ ok: true });
    const second = await signInWithPassword(user);
    expect(await verifySecondFactor({ userId: user.id, sessionId: second.sessionId, typed: code, ip: IP })).toMatchObject({ ok: false, reason: "replayed", message: expect.stringContaining("already used") });
    expect((await sessionRow(second.sessionId)).completedAt).toBeNull();
    expect((await eventsOf(user.id, "two_factor_failed")).at(-1)).toMatchObject({ detail: { reason: "replayed" } });
    // The next step's code (within the window) is accepted.
    expect(await verifySecondFactor({ userId: user.id, sessionId: second.sessionId, typed: await codeAt(secret, 30), ip: IP })).toMatchObject({ ok: true });
  });

  it("refuses codes from outside the window (more than one step away)", async () => {
    const { user } = await person(A);
    const { secret } = await enrol(user.id);
    const now = new Date();
    const epoch = Math.floor(now.getTime() / 1000);
    expect(await checkTotp(secret, await generate({ secret, epoch: epoch - 90 }), null, now)).toEqual({ ok: false, reason: "wrong" });
    expect(await checkTotp(secret, await generate({ secret, epoch: epoch + 90 }), null, now)).toEqual({ ok: false, reason: "wrong" });
    expect(await checkTotp(secret, await generate({ secret, epoch: epoch + 30 }), null, now)).toMatchObject({ ok: true });
    const { sessionId } = await signInWithPassword(user);
    expect(await verifySecondFactor({ userId: user.id, sessionId, typed: await codeAt(secret, -120), ip: IP })).toMatchObject({ ok: false, reason: "wrong" });
  });

  it("a recovery code works once; used again it is refused", async () => {
    const { user } = await person(A);
    const { recoveryCodes } = await enrol(user.id);
    const first = await signInWithPassword(user);
    expect(await verifySecondFactor({ userId: user.id, sessionId: first.sessionId, typed: recoveryCodes[3]!.toLowerCase(), ip: IP })).toEqual({ ok: true, method: "recovery", recoveryCodesLeft: 9 });
    expect((await eventsOf(user.id, "recovery_code_used"))[0]).toMatchObject({ detail: { recoveryCodesLeft: 9 } });
    const second = await signInWithPassword(user);
    expect(await verifySecondFactor({ userId: user.id, sessionId: second.sessionId, typed: recoveryCodes[3]!, ip: IP })).toMatchObject({ ok: false, reason: "recovery_used", message: expect.stringContaining("already used once") });
    expect(await verifySecondFactor({ userId: user.id, sessionId: second.sessionId, typed: "ABCDE-FGHJK", ip: IP })).toMatchObject({ ok: false, reason: "wrong" });
    expect((await sessionRow(second.sessionId)).completedAt).toBeNull();
  });

  it("locks out after repeated wrong codes: the sign-in ends, and the email's lock-out covers the password too", async () => {
    const { user } = await person(A);
    const { secret } = await enrol(user.id);
    const { sessionId } = await signInWithPassword(user);
    const wrong = String((Number(await codeAt(secret)) + 500_000) % 1_000_000).padStart(6, "0");
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await verifySecondFactor({ userId: user.id, sessionId, typed: wrong, ip: IP }));
    expect(results.slice(0, 4).every((r) => !r.ok && !r.sessionEnded)).toBe(true);
    expect(results[4]).toMatchObject({ ok: false, sessionEnded: true, message: expect.stringContaining("signed out") });
    expect(await sessionRow(sessionId)).toMatchObject({ failedCodes: 5, endedReason: "second_factor_failed" });
    expect((await getSessionState()).status).toBe("signed-out");
    // Five wrong codes are five failures of the email: the next password attempt is refused too.
    expect(RATE_LIMIT.perEmail).toBe(5);
    expect(await verifyCredentials({ email: user.email, password: PASSWORD }, IP)).toEqual({ ok: false, reason: "rate_limited" });
    const failed = await eventsOf(user.id, "two_factor_failed");
    expect(failed).toHaveLength(5);
    expect(failed.at(-1)).toMatchObject({ districtId: A, ip: IP, detail: { reason: "wrong", wrongCodesThisSignIn: 5, signedOut: true } });
  });
});

describe("required for administrators", () => {
  it("an administrator without a second factor gets the grace at first sign-in, then must enrol before anything opens", async () => {
    const { user } = await person(A, "ADMIN");
    const graceSignIn = await signInWithPassword(user);
    expect(graceSignIn.secondFactor).toBeUndefined();
    const due = (await userRow(user.id)).twoFactorGraceUntil!;
    expect(due.getTime()).toBeGreaterThan(Date.now() + 13 * 86_400_000);
    expect((await readyCtx()).twoFactorDueBy).toEqual(due);

    // The grace is over.
    await asOwner((tx) => tx.user.update({ where: { id: user.id }, data: { twoFactorGraceUntil: new Date(Date.now() - 60_000) } }));
    const { sessionId, secondFactor } = await signInWithPassword(user);
    expect(secondFactor).toBe("enrol");
    expect((await getSessionState()).status).toBe("enrol-two-factor");
    expect(await redirectOf(getContext())).toBe("/two-factor/setup");
    // Turning it off is not possible for them.
    await enrol(user.id, sessionId);
    expect((await readyCtx()).twoFactorDueBy).toBeUndefined();
    expect(await changeOwnTwoFactor({ userId: user.id, typed: "123456", ip: IP, change: "disable" })).toMatchObject({ ok: false, message: expect.stringContaining("cannot be turned off") });
  });

  it("everyone needs it where the district requires it; elsewhere nothing more is asked", async () => {
    const { user } = await person(B);
    expect((await signInWithPassword(user)).secondFactor).toBeUndefined();
    expect((await userRow(user.id)).twoFactorGraceUntil).toBeNull();
    await asOwner((tx) => tx.district.update({ where: { id: B }, data: { requireTwoFactor: true } }));
    try {
      await signInWithPassword(user);
      expect((await userRow(user.id)).twoFactorGraceUntil).not.toBeNull();
      await asOwner((tx) => tx.user.update({ where: { id: user.id }, data: { twoFactorGraceUntil: new Date(Date.now() - 1000) } }));
      expect((await signInWithPassword(user)).secondFactor).toBe("enrol");
    } finally {
      await asOwner((tx) => tx.district.update({ where: { id: B }, data: { requireTwoFactor: false } }));
    }
  });
});

describe("an administrator's reset", () => {
  it("removes the person's second factor and recovery codes, ends their sessions and is audited", async () => {
    const { user: admin } = await person(A, "ADMIN");
    const { user, membership } = await person(A, "COORDINATOR");
    await enrol(user.id);
    const theirs = await signInWithPassword(user);
    // The administrator is signed in (inside the grace).
    await signInWithPassword(admin);
    const result = await resetStaffTwoFactor(null, formOf({ unverifiedMembershipId: membership.id }));
    expect(result).toMatchObject({ ok: true, message: expect.stringContaining("was reset") });
    expect(await userRow(user.id)).toMatchObject({ totpSecret: null, totpEnabledAt: null, totpLastTimeStep: null });
    expect(await asOwner((tx) => tx.recoveryCode.count({ where: { userId: user.id } }))).toBe(0);
    expect((await sessionRow(theirs.sessionId)).endedReason).toBe("two_factor_reset");
    expect((await eventsOf(admin.id, "two_factor_reset"))[0]).toMatchObject({ districtId: A, entityType: "Membership", entityId: membership.id, detail: { wasEnabled: true, sessionsEnded: 1 } });
    // Their next sign-in asks no code; as a coordinator without the district's rule, nothing more.
    expect((await signInWithPassword(user)).secondFactor).toBeUndefined();
  });

  it("refuses another district's member (not found, denied audited) and oneself", async () => {
    const { user: admin, membership: own } = await person(A, "ADMIN");
    const { membership: elsewhere } = await person(B, "SPECIALIST");
    await signInWithPassword(admin);
    expect(await resetStaffTwoFactor(null, formOf({ unverifiedMembershipId: elsewhere.id }))).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect((await eventsOf(admin.id, "denied"))[0]).toMatchObject({ districtId: A, entityId: elsewhere.id });
    expect(await resetStaffTwoFactor(null, formOf({ unverifiedMembershipId: own.id }))).toMatchObject({ ok: false, error: { fieldErrors: { _form: [expect.stringContaining("your own")] } } });
  });

  it("a specialist may not reset anyone", async () => {
    const { user } = await person(A, "SPECIALIST");
    const { membership } = await person(A, "COORDINATOR");
    await signInWithPassword(user);
    expect(await resetStaffTwoFactor(null, formOf({ unverifiedMembershipId: membership.id }))).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });
});
