// Sign-in checks (issue 2): argon2id passwords, rate limits per email and per
// IP, LoginAttempt rows and the sign-in audit trail. verifyCredentials takes
// the caller's IP as a parameter, so no Next.js request is needed.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/server/auth/password";
import { RATE_LIMIT, verifyCredentials, ZSignInInput } from "@/server/auth/credentials";
import { withTenant } from "@/server/db/tenant";
import { makeDistrict, makeMembership, makeUser } from "../factories";
import { asOwner } from "../support/db";

const PASSWORD = "correct horse battery staple";
const WRONG = "correct horse battery stapler";

let hash: string;
let A: string;
let B: string;

/** A fresh IP per test, so the per-IP limit of one test does not reach another. */
const newIp = () => `10.${[0, 0, 0].map(() => randomBytes(1)[0]).join(".")}`;
const newEmail = (label: string) => `${label}.${randomBytes(4).toString("hex")}@example.test`;

/** A user with this password and memberships given as [districtId, deactivated?]. */
async function userIn(label: string, memberships: [string, boolean?][]) {
  return asOwner(async (tx) => {
    const user = await makeUser(tx, { email: newEmail(label), passwordHash: hash });
    for (const [districtId, deactivated] of memberships) {
      await makeMembership(tx, { districtId, userId: user.id, role: "SPECIALIST", deactivatedAt: deactivated ? new Date() : null });
    }
    return user;
  });
}

const auditFor = (where: { ip: string }) =>
  asOwner((tx) => tx.auditEvent.findMany({ where, orderBy: [{ createdAt: "asc" }, { districtId: "asc" }] }));
const attemptsFor = (where: { ip?: string; email?: string }) => asOwner((tx) => tx.loginAttempt.findMany({ where, orderBy: { createdAt: "asc" } }));
const signIn = (email: string, password: string, ip: string) => verifyCredentials({ email, password }, ip);

beforeAll(async () => {
  hash = await hashPassword(PASSWORD);
  await asOwner(async (tx) => {
    A = (await makeDistrict(tx, { name: "Aspen" })).id;
    B = (await makeDistrict(tx, { name: "Beech" })).id;
  });
});

describe("passwords", () => {
  it("are argon2id hashes that verify only the right password", async () => {
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, PASSWORD)).toBe(true);
    expect(await verifyPassword(hash, WRONG)).toBe(false);
    expect(await verifyPassword(hash, "")).toBe(false);
    // A hash that is not a hash (an imported or damaged row) is a wrong password, not a crash.
    expect(await verifyPassword("not-a-hash", PASSWORD)).toBe(false);
    expect(await hashPassword(PASSWORD)).not.toBe(hash);
  });
});

describe("verifyCredentials", () => {
  it("accepts the right password: ok, a successful attempt, and sign_in audited in each of the user's districts", async () => {
    const ip = newIp();
    const user = await userIn("two", [[A], [B]]);
    expect(await signIn(user.email, PASSWORD, ip)).toMatchObject({ ok: true, user: { id: user.id, sessionVersion: user.sessionVersion } });

    expect(await attemptsFor({ ip })).toMatchObject([{ email: user.email, ip, outcome: "SUCCEEDED" }]);
    const audit = await auditFor({ ip });
    expect(audit).toHaveLength(2);
    expect(audit.map((e) => e.districtId).sort()).toEqual([A, B].sort());
    for (const event of audit) {
      expect(event).toMatchObject({ actorUserId: user.id, action: "sign_in", entityType: "User", entityId: user.id, ip, detail: null });
    }
    // Each district's administrators see their own copy through the app role.
    for (const districtId of [A, B]) {
      const visible = await withTenant(districtId, (tx) => tx.auditEvent.findMany({ where: { ip } }));
      expect(visible.map((e) => e.districtId)).toEqual([districtId]);
    }
  });

  it("normalises the email the way the sign-in form does", async () => {
    const user = await userIn("Mixed.Case", [[A]]);
    const input = ZSignInInput.parse({ email: `  ${user.email.toUpperCase()} `, password: PASSWORD });
    expect(await verifyCredentials(input, newIp())).toMatchObject({ ok: true, user: { id: user.id } });
  });

  it("refuses a wrong password: invalid, a failed attempt, and sign_in_failed audited in the user's district", async () => {
    const ip = newIp();
    const user = await userIn("wrong", [[A]]);
    expect(await signIn(user.email, WRONG, ip)).toEqual({ ok: false, reason: "invalid" });
    expect(await attemptsFor({ ip })).toMatchObject([{ email: user.email, outcome: "FAILED" }]);
    expect(await auditFor({ ip })).toMatchObject([{ districtId: A, actorUserId: user.id, action: "sign_in_failed", entityType: "User", entityId: user.id }]);
  });

  it("refuses an unknown email with the same answer as a wrong password, audited without a district", async () => {
    const ip = newIp();
    const email = newEmail("nobody");
    const unknown = await signIn(email, PASSWORD, ip);
    const user = await userIn("known", [[A]]);
    const wrong = await signIn(user.email, WRONG, newIp());
    expect(unknown).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);

    expect(await attemptsFor({ ip })).toMatchObject([{ email, outcome: "FAILED" }]);
    expect(await auditFor({ ip })).toMatchObject([
      { districtId: null, actorUserId: null, action: "sign_in_failed", entityType: "User", entityId: null, detail: { email } },
    ]);
    // No district sees it.
    for (const districtId of [A, B]) {
      expect(await withTenant(districtId, (tx) => tx.auditEvent.count({ where: { ip } }))).toBe(0);
    }
  });

  it(`refuses even the right password once an email has ${RATE_LIMIT.perEmail} failures, from any IPs, and audits it as sign_in_blocked`, async () => {
    const user = await userIn("locked", [[A], [B]]);
    for (let i = 0; i < RATE_LIMIT.perEmail - 1; i++) expect(await signIn(user.email, WRONG, newIp())).toEqual({ ok: false, reason: "invalid" });
    // One failure short of the limit, the right password still works.
    expect((await signIn(user.email, PASSWORD, newIp())).ok).toBe(true);
    expect(await signIn(user.email, WRONG, newIp())).toEqual({ ok: false, reason: "invalid" });

    const ip = newIp();
    expect(await signIn(user.email, PASSWORD, ip)).toEqual({ ok: false, reason: "rate_limited" });
    const blocked = await auditFor({ ip });
    expect(blocked).toHaveLength(2);
    for (const event of blocked) expect(event).toMatchObject({ action: "sign_in_blocked", actorUserId: user.id, entityId: user.id });
    expect(blocked.map((e) => e.districtId).sort()).toEqual([A, B].sort());
    expect(await attemptsFor({ ip })).toMatchObject([{ email: user.email, outcome: "BLOCKED" }]);

    // Another account from the same IP is not affected by this email's limit.
    const other = await userIn("neighbour", [[A]]);
    expect((await signIn(other.email, PASSWORD, ip)).ok).toBe(true);
  });

  it("cannot be raced: concurrent wrong passwords beyond the limit are refused as rate limited", async () => {
    const user = await userIn("raced", [[A]]);
    const results = await Promise.all(Array.from({ length: RATE_LIMIT.perEmail * 3 }, () => signIn(user.email, WRONG, newIp())));
    const guesses = results.filter((r) => !r.ok && r.reason === "invalid").length;
    expect(guesses).toBeLessThanOrEqual(RATE_LIMIT.perEmail);
    expect(results.filter((r) => !r.ok && r.reason === "rate_limited").length).toBe(results.length - guesses);
  });

  it("does not let blocked attempts extend the lock-out", async () => {
    const user = await userIn("besieged", [[A]]);
    for (let i = 0; i < RATE_LIMIT.perEmail; i++) await signIn(user.email, WRONG, newIp());
    for (let i = 0; i < 3; i++) expect(await signIn(user.email, PASSWORD, newIp())).toEqual({ ok: false, reason: "rate_limited" });
    // Once the failures leave the window, the blocked attempts made since do not keep the door shut.
    const outside = new Date(Date.now() - (RATE_LIMIT.windowMinutes * 60 + 5) * 1000);
    await asOwner((tx) => tx.loginAttempt.updateMany({ where: { email: user.email, outcome: "FAILED" }, data: { createdAt: outside } }));
    expect((await signIn(user.email, PASSWORD, newIp())).ok).toBe(true);
  });

  it("rate-limits an unknown email exactly like a known one", async () => {
    const email = newEmail("ghost");
    for (let i = 0; i < RATE_LIMIT.perEmail; i++) expect(await signIn(email, WRONG, newIp())).toEqual({ ok: false, reason: "invalid" });
    const ip = newIp();
    expect(await signIn(email, PASSWORD, ip)).toEqual({ ok: false, reason: "rate_limited" });
    expect(await auditFor({ ip })).toMatchObject([{ districtId: null, actorUserId: null, action: "sign_in_blocked", detail: { email } }]);
  });

  it("forgets failures older than the window", async () => {
    const user = await userIn("patient", [[A]]);
    for (let i = 0; i < RATE_LIMIT.perEmail; i++) await signIn(user.email, WRONG, newIp());
    expect(await signIn(user.email, PASSWORD, newIp())).toEqual({ ok: false, reason: "rate_limited" });
    // Move every attempt for this email to just outside the window.
    const outside = new Date(Date.now() - (RATE_LIMIT.windowMinutes * 60 + 5) * 1000);
    await asOwner((tx) => tx.loginAttempt.updateMany({ where: { email: user.email }, data: { createdAt: outside } }));
    expect((await signIn(user.email, PASSWORD, newIp())).ok).toBe(true);
  });

  it(`refuses everyone from an IP with ${RATE_LIMIT.perIp} failures across different emails; other IPs still sign in`, async () => {
    const ip = newIp();
    const user = await userIn("victim", [[A]]);
    for (let i = 0; i < RATE_LIMIT.perIp; i++) {
      // Different emails, each far below its own limit.
      expect(await signIn(newEmail(`spray${i}`), WRONG, ip)).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await signIn(user.email, PASSWORD, ip)).toEqual({ ok: false, reason: "rate_limited" });
    expect((await auditFor({ ip })).at(-1)).toMatchObject({ districtId: A, action: "sign_in_blocked", actorUserId: user.id });
    expect(await signIn(user.email, PASSWORD, newIp())).toMatchObject({ ok: true, user: { id: user.id } });
  });

  it("does not count an IP's successful sign-ins toward its limit", async () => {
    const ip = newIp();
    const user = await userIn("busy", [[A]]);
    for (let i = 0; i < RATE_LIMIT.perEmail + 1; i++) expect((await signIn(user.email, PASSWORD, ip)).ok).toBe(true);
  });

  it("refuses the right password of someone whose only membership is deactivated", async () => {
    const ip = newIp();
    const user = await userIn("gone", [[A, true]]);
    expect(await signIn(user.email, PASSWORD, ip)).toEqual({ ok: false, reason: "invalid" });
    expect(await attemptsFor({ ip })).toMatchObject([{ outcome: "FAILED" }]);
    // Filed in the district that deactivated them, so its administrators see it.
    expect(await auditFor({ ip })).toMatchObject([{ districtId: A, actorUserId: user.id, action: "sign_in_failed" }]);
  });

  it("accepts someone deactivated in one district but active in another, audited only where active", async () => {
    const ip = newIp();
    const user = await userIn("half", [[A, true], [B]]);
    expect(await signIn(user.email, PASSWORD, ip)).toMatchObject({ ok: true, user: { id: user.id, sessionVersion: user.sessionVersion } });
    expect(await auditFor({ ip })).toMatchObject([{ districtId: B, action: "sign_in", actorUserId: user.id }]);
  });

  it("refuses a user with no membership at all", async () => {
    const user = await userIn("orphan", []);
    expect(await signIn(user.email, PASSWORD, newIp())).toEqual({ ok: false, reason: "invalid" });
  });

  it("hands back the current session versions (the account's and each membership's), which a sign-in carries into its token", async () => {
    const user = await userIn("versioned", [[A], [B, true]]);
    await asOwner(async (tx) => {
      await tx.user.update({ where: { id: user.id }, data: { sessionVersion: 7 } });
      await tx.membership.updateMany({ where: { userId: user.id, districtId: B }, data: { sessionVersion: 3 } });
    });
    const [inA, inB] = await Promise.all([A, B].map((districtId) => asOwner((tx) => tx.membership.findFirstOrThrow({ where: { userId: user.id, districtId } }))));
    expect(await signIn(user.email, PASSWORD, newIp())).toEqual({ ok: true, user: { id: user.id, sessionVersion: 7, membershipVersions: { [inA!.id]: 1, [inB!.id]: 3 }, sessionId: expect.any(String) } });
  });
});

describe("ZSignInInput", () => {
  it("needs an email and a password, and accepts nothing else", () => {
    expect(ZSignInInput.safeParse({ email: "a@b.org", password: "x" }).success).toBe(true);
    expect(ZSignInInput.safeParse({ email: "not an email", password: "x" }).success).toBe(false);
    expect(ZSignInInput.safeParse({ email: "a@b.org", password: "" }).success).toBe(false);
    expect(ZSignInInput.safeParse({ email: "a@b.org", password: "x".repeat(1025) }).success).toBe(false);
    expect(ZSignInInput.safeParse({ email: "a@b.org", password: "x", districtId: "d" }).success).toBe(false);
  });
});
