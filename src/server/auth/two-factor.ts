import "server-only";
import { randomBytes } from "node:crypto";
import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";
import { formatRecoveryCode, parseSecondFactorCode, RECOVERY_CODE_COUNT, SECOND_FACTOR_ATTEMPTS } from "@/domain/identity";
import { groupSecret, recoveryCodesFrom, secondFactorStep, TOTP_PERIOD, TOTP_WINDOW_STEPS, twoFactorRequired, type SecondFactorStep } from "@/domain/two-factor";
import { recordAudit, type AuditEntry } from "@/server/audit/record";
import { getDb } from "@/server/db/client";
import { withTenant, withUserScope } from "@/server/db/tenant";
import { RATE_LIMIT } from "./credentials";
import { hashPassword, verifyPassword } from "./password";
import { seal, SecretUnreadableError, unseal } from "./secret-box";
import { endSessions } from "./user-sessions";

// Two-factor authentication with TOTP (decision 033): enrolment, the code
// step of a sign-in, recovery codes, turning it off and an administrator's
// reset. Secrets are sealed with the secret box (a key from the
// environment); recovery codes are stored as argon2id hashes.

/** The secret box's purpose for TOTP secrets: a sealed value of another use does not open as one. */
const SECRET_PURPOSE = "totp-secret";
/** The name authenticator apps show next to the account. */
export const TOTP_ISSUER = "MTSS Case Management";

// ---------------------------------------------------------------- TOTP

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: "wrong" | "replayed" };

/**
 * Checks a 6-digit code against a secret: one step either side of `now`
 * (TOTP_WINDOW_STEPS), and not of the last accepted step or an earlier one
 * (replay). otplib's afterTimeStep would refuse a replay too, but as a wrong
 * code: comparing the step here lets the person be told why.
 */
export async function checkTotp(secret: string, code: string, lastStep: number | null, now = new Date()): Promise<TotpCheck> {
  const result = await verify({ secret, token: code, epoch: Math.floor(now.getTime() / 1000), epochTolerance: TOTP_PERIOD * TOTP_WINDOW_STEPS });
  // The TOTP strategy's result carries the step the code belongs to (otplib's union type also covers HOTP).
  if (!result.valid || !("timeStep" in result) || typeof result.timeStep !== "number") return { ok: false, reason: "wrong" };
  if (lastStep !== null && result.timeStep <= lastStep) return { ok: false, reason: "replayed" };
  return { ok: true, step: result.timeStep };
}

/**
 * Records `step` as the last one used, only if it is later than the stored
 * one: of two requests with the same code at the same moment, one wins.
 */
async function claimStep(userId: string, step: number): Promise<boolean> {
  const db = await getDb();
  const { count } = await db.user.updateMany({ where: { id: userId, OR: [{ totpLastTimeStep: null }, { totpLastTimeStep: { lt: step } }] }, data: { totpLastTimeStep: step } });
  return count === 1;
}

// ---------------------------------------------------------------- audit

/** Audits an event of a person's account in every district they work in (as sign-ins are), or without a district. */
async function auditAccount(userId: string, event: Omit<AuditEntry, "districtId">): Promise<void> {
  const districtIds = (
    await withUserScope(userId, (tx) => tx.membership.findMany({ where: { userId, deactivatedAt: null }, select: { districtId: true } }))
  ).map((m) => m.districtId);
  if (districtIds.length === 0) {
    const db = await getDb();
    // createMany: no RETURNING, which no tenant's read policy would allow for a district-less row.
    await db.auditEvent.createMany({ data: [{ ...event, districtId: null, entityId: event.entityId ?? null, studentId: null, ip: event.ip ?? null }] });
  }
  for (const districtId of districtIds) await withTenant(districtId, (tx) => recordAudit(tx, { ...event, districtId }));
}

// ---------------------------------------------------------------- the sign-in step

/** Whether the person must have a second factor: an administrator anywhere, or in a district that requires it of everyone. */
export async function isTwoFactorRequired(userId: string): Promise<boolean> {
  const memberships = await withUserScope(userId, (tx) =>
    tx.membership.findMany({ where: { userId, deactivatedAt: null }, select: { role: true, district: { select: { requireTwoFactor: true } } } }),
  );
  return twoFactorRequired(memberships.map((m) => ({ role: m.role, districtRequires: m.district.requireTwoFactor })));
}

/**
 * What a password sign-in that succeeded leads to (called by verifyCredentials
 * before the session row is made): the session is complete at once only for
 * "none" and "grace". The grace starts at the first sign-in under the
 * requirement; a person no longer required loses a grace they had.
 */
export async function secondFactorAtSignIn(
  user: { id: string; totpEnabledAt: Date | null; twoFactorGraceUntil: Date | null },
  memberships: readonly { role: string; deactivatedAt: Date | null; district: { requireTwoFactor: boolean } }[],
  now = new Date(),
): Promise<SecondFactorStep> {
  const required = twoFactorRequired(memberships.filter((m) => !m.deactivatedAt).map((m) => ({ role: m.role, districtRequires: m.district.requireTwoFactor })));
  const step = secondFactorStep({ enrolled: !!user.totpEnabledAt, required, graceUntil: user.twoFactorGraceUntil, now });
  const db = await getDb();
  if (step.step === "grace" && step.started) {
    await db.user.updateMany({ where: { id: user.id, twoFactorGraceUntil: null }, data: { twoFactorGraceUntil: step.graceUntil } });
  } else if (step.step === "none" && user.twoFactorGraceUntil) {
    await db.user.updateMany({ where: { id: user.id }, data: { twoFactorGraceUntil: null } });
  }
  return step;
}

export type SecondFactorResult =
  | { ok: true; method: "totp" | "recovery"; recoveryCodesLeft?: number }
  /** input: nothing was checked (letters, wrong length); the others count as wrong codes. */
  | { ok: false; reason: "input" | "wrong" | "replayed" | "recovery_used" | "locked" | "expired"; message: string; sessionEnded: boolean };

const MESSAGES = {
  wrong: "That code is not right. Check the code in your authenticator app (it changes every 30 seconds) and try again.",
  replayed: "That code was already used. Wait for your authenticator app to show the next code and enter that one.",
  recovery_used: "That recovery code was already used once. Each recovery code works only once: use another one.",
  recovery_wrong: "That recovery code is not one of yours. Check what you typed, or use the code from your authenticator app.",
  locked: "Too many wrong codes. You were signed out: wait 15 minutes and sign in again, or ask your administrator to reset your two-factor authentication.",
  ended: "Too many wrong codes. You were signed out: sign in again to try once more.",
  expired: "This sign-in waited too long for a code. Sign in again.",
  unreadable: "Your authenticator's key cannot be read by the server (its encryption key changed). Use a recovery code, or ask your administrator to reset your two-factor authentication.",
};

/** The stored secret, or null when it does not decrypt with the current key (the person is told; nothing else breaks). */
function readSecret(sealed: string): string | null {
  try {
    return unseal(sealed, SECRET_PURPOSE);
  } catch (error) {
    if (error instanceof SecretUnreadableError) return null;
    throw error;
  }
}

/** Wrong passwords and wrong codes of this email since the window (or the last password reset) began: the sign-in lock-out's count. */
async function failuresOfEmail(email: string, passwordChangedAt: Date | null): Promise<number> {
  const db = await getDb();
  const windowStart = new Date(Date.now() - RATE_LIMIT.windowMinutes * 60_000);
  const since = passwordChangedAt && passwordChangedAt > windowStart ? passwordChangedAt : windowStart;
  return db.loginAttempt.count({ where: { email, outcome: { in: ["PENDING", "FAILED"] }, createdAt: { gte: since } } });
}

/**
 * Finds which of the person's recovery codes `code` is: an unused one is
 * spent (a conditional update, so two simultaneous uses make one success).
 */
async function spendRecoveryCode(userId: string, code: string): Promise<"used" | "spent_before" | "unknown"> {
  const db = await getDb();
  const codes = await db.recoveryCode.findMany({ where: { userId }, select: { id: true, codeHash: true, usedAt: true }, orderBy: { usedAt: { sort: "asc", nulls: "first" } } });
  for (const row of codes) {
    if (!(await verifyPassword(row.codeHash, code))) continue;
    if (row.usedAt) return "spent_before";
    const { count } = await db.recoveryCode.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: new Date() } });
    return count === 1 ? "used" : "spent_before";
  }
  return "unknown";
}

/**
 * The code step of a sign-in: `typed` is what the person entered on the code
 * page for the session their token names (still uncompleted). A right code
 * completes the session. Every wrong code is a failed LoginAttempt of the
 * email, so the password lock-out (RATE_LIMIT, decision 003) covers codes too,
 * and counts on the session: SECOND_FACTOR_ATTEMPTS wrong codes end it.
 */
export async function verifySecondFactor(input: { userId: string; sessionId: string; typed: string; ip: string }): Promise<SecondFactorResult> {
  const parsed = parseSecondFactorCode(input.typed);
  if (parsed.kind === "invalid") return { ok: false, reason: "input", message: parsed.message, sessionEnded: false };
  const db = await getDb();
  const user = await db.user.findUniqueOrThrow({ where: { id: input.userId }, select: { email: true, totpSecret: true, totpLastTimeStep: true, passwordChangedAt: true } });
  const session = await db.userSession.findFirst({ where: { id: input.sessionId, userId: input.userId, endedAt: null, completedAt: null }, select: { id: true } });
  if (!session || !user.totpSecret) return { ok: false, reason: "expired", message: MESSAGES.expired, sessionEnded: true };

  // Stored before anything is checked, as a password attempt is, so concurrent guesses see one another.
  const attempt = await db.loginAttempt.create({ data: { email: user.email, ip: input.ip }, select: { id: true } });
  const event = { actorUserId: input.userId, entityType: "User", entityId: input.userId, ip: input.ip };
  if ((await failuresOfEmail(user.email, user.passwordChangedAt)) > RATE_LIMIT.perEmail) {
    await db.loginAttempt.updateMany({ where: { id: attempt.id }, data: { outcome: "BLOCKED" } });
    await endSessions({ id: session.id, userId: input.userId }, "second_factor_failed");
    await auditAccount(input.userId, { ...event, action: "two_factor_failed", detail: { blocked: true } });
    return { ok: false, reason: "locked", message: MESSAGES.locked, sessionEnded: true };
  }

  let failure: "wrong" | "replayed" | "recovery_used" | "recovery_wrong" | null = null;
  let method: "totp" | "recovery" = "totp";
  if (parsed.kind === "totp") {
    const secret = readSecret(user.totpSecret);
    if (secret === null) {
      await db.loginAttempt.updateMany({ where: { id: attempt.id }, data: { outcome: "FAILED" } });
      await auditAccount(input.userId, { ...event, action: "two_factor_failed", detail: { reason: "secret does not decrypt with the current key" } });
      return { ok: false, reason: "wrong", message: MESSAGES.unreadable, sessionEnded: false };
    }
    const check = await checkTotp(secret, parsed.code, user.totpLastTimeStep);
    if (!check.ok) failure = check.reason;
    else if (!(await claimStep(input.userId, check.step))) failure = "replayed";
  } else {
    method = "recovery";
    const used = await spendRecoveryCode(input.userId, parsed.code);
    if (used === "spent_before") failure = "recovery_used";
    else if (used === "unknown") failure = "recovery_wrong";
  }

  if (failure === null) {
    await db.loginAttempt.updateMany({ where: { id: attempt.id }, data: { outcome: "SUCCEEDED" } });
    await db.userSession.updateMany({ where: { id: session.id, endedAt: null, completedAt: null }, data: { completedAt: new Date() } });
    if (method === "recovery") {
      const left = await db.recoveryCode.count({ where: { userId: input.userId, usedAt: null } });
      await auditAccount(input.userId, { ...event, action: "recovery_code_used", detail: { recoveryCodesLeft: left } });
      return { ok: true, method, recoveryCodesLeft: left };
    }
    await auditAccount(input.userId, { ...event, action: "two_factor_verified", detail: { method } });
    return { ok: true, method };
  }

  await db.loginAttempt.updateMany({ where: { id: attempt.id }, data: { outcome: "FAILED" } });
  const { failedCodes } = await db.userSession.update({ where: { id: session.id }, data: { failedCodes: { increment: 1 } }, select: { failedCodes: true } });
  const sessionEnded = failedCodes >= SECOND_FACTOR_ATTEMPTS;
  if (sessionEnded) await endSessions({ id: session.id, userId: input.userId }, "second_factor_failed");
  await auditAccount(input.userId, { ...event, action: "two_factor_failed", detail: { reason: failure, method, wrongCodesThisSignIn: failedCodes, signedOut: sessionEnded } });
  const reason = failure === "recovery_wrong" ? "wrong" : failure;
  return { ok: false, reason, message: sessionEnded ? MESSAGES.ended : MESSAGES[failure], sessionEnded };
}

// ---------------------------------------------------------------- enrolment

export interface PendingEnrolment {
  /** The QR code as inline SVG markup (generated here: no secret leaves for an image service, no data: URL to allow). */
  qrSvg: string;
  /** The secret in groups of four, for apps that cannot scan. */
  secretText: string;
}

export interface TwoFactorStatus {
  enabledAt: Date | null;
  required: boolean;
  recoveryCodesLeft: number;
  pending: PendingEnrolment | null;
}

/** What the security page and the enrolment page show about the person's second factor. */
export async function twoFactorStatus(userId: string): Promise<TwoFactorStatus> {
  const db = await getDb();
  const [user, left, required] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, totpEnabledAt: true, totpPendingSecret: true } }),
    db.recoveryCode.count({ where: { userId, usedAt: null } }),
    isTwoFactorRequired(userId),
  ]);
  let pending: PendingEnrolment | null = null;
  if (!user.totpEnabledAt && user.totpPendingSecret) {
    try {
      const secret = unseal(user.totpPendingSecret, SECRET_PURPOSE);
      const uri = generateURI({ issuer: TOTP_ISSUER, label: user.email, secret });
      const qrSvg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
      pending = { qrSvg, secretText: groupSecret(secret) };
    } catch (error) {
      // A pending secret sealed with an earlier key: the person starts again.
      if (!(error instanceof SecretUnreadableError)) throw error;
    }
  }
  return { enabledAt: user.totpEnabledAt, required, recoveryCodesLeft: left, pending };
}

/** Offers a new secret (sealed, not yet in force): the page then shows its QR code. */
export async function startEnrolment(userId: string): Promise<"started" | "already_enrolled"> {
  const db = await getDb();
  const secret = generateSecret();
  const { count } = await db.user.updateMany({ where: { id: userId, totpEnabledAt: null }, data: { totpPendingSecret: seal(secret, SECRET_PURPOSE) } });
  return count === 1 ? "started" : "already_enrolled";
}

export type EnrolResult = { ok: true; recoveryCodes: string[]; otherSessionsEnded: number } | { ok: false; message: string };

/** Ten new recovery codes: the old ones are deleted, the new ones stored hashed and returned once. */
async function replaceRecoveryCodes(userId: string): Promise<string[]> {
  const codes = recoveryCodesFrom(randomBytes(RECOVERY_CODE_COUNT * 10));
  const hashes = await Promise.all(codes.map((code) => hashPassword(code)));
  const db = await getDb();
  await db.$transaction([db.recoveryCode.deleteMany({ where: { userId } }), db.recoveryCode.createMany({ data: hashes.map((codeHash) => ({ userId, codeHash })) })]);
  return codes.map(formatRecoveryCode);
}

/**
 * Confirms the offered secret with a code from the app: the secret comes into
 * force, ten recovery codes are made, every other session ends (they were
 * opened without it) and, for a sign-in that was waiting for enrolment, this
 * session is completed.
 */
export async function confirmEnrolment(input: { userId: string; sessionId?: string; typed: string; ip: string }): Promise<EnrolResult> {
  const parsed = parseSecondFactorCode(input.typed);
  if (parsed.kind === "invalid") return { ok: false, message: parsed.message };
  if (parsed.kind !== "totp") return { ok: false, message: "Enter the 6-digit code your authenticator app shows for this account." };
  const db = await getDb();
  const user = await db.user.findUniqueOrThrow({ where: { id: input.userId }, select: { totpEnabledAt: true, totpPendingSecret: true } });
  if (user.totpEnabledAt) return { ok: false, message: "Two-factor authentication is already on for your account." };
  if (!user.totpPendingSecret) return { ok: false, message: "Start the setup again: choose Set up two-factor authentication." };
  let secret: string;
  try {
    secret = unseal(user.totpPendingSecret, SECRET_PURPOSE);
  } catch (error) {
    if (!(error instanceof SecretUnreadableError)) throw error;
    await db.user.updateMany({ where: { id: input.userId }, data: { totpPendingSecret: null } });
    return { ok: false, message: "The setup could not be read back (the server's key changed). Start it again." };
  }
  const check = await checkTotp(secret, parsed.code, null);
  if (!check.ok) return { ok: false, message: "That code does not match. Check that the app added this account (scan the QR code again if unsure) and enter the code it shows now." };
  const now = new Date();
  const { count } = await db.user.updateMany({
    where: { id: input.userId, totpEnabledAt: null, totpPendingSecret: user.totpPendingSecret },
    data: { totpSecret: user.totpPendingSecret, totpPendingSecret: null, totpEnabledAt: now, totpLastTimeStep: check.step, twoFactorGraceUntil: null },
  });
  if (count === 0) return { ok: false, message: "Two-factor authentication was set up in another window. Reload this page." };
  const recoveryCodes = await replaceRecoveryCodes(input.userId);
  const otherSessionsEnded = await endSessions(input.sessionId ? { userId: input.userId, NOT: { id: input.sessionId } } : { userId: input.userId }, "two_factor_changed");
  if (input.sessionId) await db.userSession.updateMany({ where: { id: input.sessionId, userId: input.userId, endedAt: null, completedAt: null }, data: { completedAt: now } });
  await auditAccount(input.userId, { actorUserId: input.userId, action: "two_factor_enrol", entityType: "User", entityId: input.userId, ip: input.ip, detail: { recoveryCodes: RECOVERY_CODE_COUNT, otherSessionsEnded } });
  return { ok: true, recoveryCodes, otherSessionsEnded };
}

/**
 * Turns the person's own second factor off, or replaces their recovery codes
 * ("new-codes"): both need a current code (or a recovery code) so that an
 * unattended browser cannot do it. Turning off is refused while it is required.
 */
export async function changeOwnTwoFactor(input: { userId: string; sessionId?: string; typed: string; ip: string; change: "disable" | "new-codes" }): Promise<{ ok: true; recoveryCodes?: string[] } | { ok: false; message: string }> {
  if (input.change === "disable" && (await isTwoFactorRequired(input.userId))) {
    return { ok: false, message: "Your role or your district requires two-factor authentication, so it cannot be turned off. To move to a new phone, ask your administrator to reset it, then set it up again." };
  }
  const parsed = parseSecondFactorCode(input.typed);
  if (parsed.kind === "invalid") return { ok: false, message: parsed.message };
  const db = await getDb();
  const user = await db.user.findUniqueOrThrow({ where: { id: input.userId }, select: { totpSecret: true, totpLastTimeStep: true } });
  if (!user.totpSecret) return { ok: false, message: "Two-factor authentication is not on for your account." };
  let ok = false;
  let failure = "wrong";
  if (parsed.kind === "totp") {
    const secret = readSecret(user.totpSecret);
    if (secret === null) return { ok: false, message: MESSAGES.unreadable };
    const check = await checkTotp(secret, parsed.code, user.totpLastTimeStep);
    ok = check.ok && (await claimStep(input.userId, check.step));
    if (!check.ok) failure = check.reason;
  } else {
    const used = await spendRecoveryCode(input.userId, parsed.code);
    ok = used === "used";
    if (used === "spent_before") failure = "recovery_used";
  }
  const event = { actorUserId: input.userId, entityType: "User", entityId: input.userId, ip: input.ip };
  if (!ok) {
    await auditAccount(input.userId, { ...event, action: "two_factor_failed", detail: { reason: failure, during: input.change } });
    return { ok: false, message: failure === "replayed" ? MESSAGES.replayed : failure === "recovery_used" ? MESSAGES.recovery_used : MESSAGES.wrong };
  }
  if (input.change === "new-codes") {
    const recoveryCodes = await replaceRecoveryCodes(input.userId);
    await auditAccount(input.userId, { ...event, action: "two_factor_enrol", detail: { newRecoveryCodes: RECOVERY_CODE_COUNT } });
    return { ok: true, recoveryCodes };
  }
  await db.$transaction([
    db.user.update({ where: { id: input.userId }, data: { totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastTimeStep: null }, select: { id: true } }),
    db.recoveryCode.deleteMany({ where: { userId: input.userId } }),
  ]);
  const otherSessionsEnded = await endSessions(input.sessionId ? { userId: input.userId, NOT: { id: input.sessionId } } : { userId: input.userId }, "two_factor_changed");
  await auditAccount(input.userId, { ...event, action: "two_factor_disable", detail: { otherSessionsEnded } });
  return { ok: true };
}

/**
 * An administrator's reset of another person's second factor (a lost phone):
 * the secret and recovery codes go, every session ends, and a person who must
 * have one enrols at their next sign-in (no new grace). The caller has
 * checked staff.manage and that the membership is in their district.
 */
export async function resetTwoFactorOf(userId: string): Promise<{ sessionsEnded: number; wasEnabled: boolean }> {
  const db = await getDb();
  const before = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { totpEnabledAt: true } });
  await db.$transaction([
    db.user.update({
      where: { id: userId },
      data: { totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastTimeStep: null, twoFactorGraceUntil: new Date(), sessionVersion: { increment: 1 } },
      select: { id: true },
    }),
    db.recoveryCode.deleteMany({ where: { userId } }),
  ]);
  const sessionsEnded = await endSessions({ userId }, "two_factor_reset");
  return { sessionsEnded, wasEnabled: !!before.totpEnabledAt };
}

/** Whether a staff member of the district has a second factor, for their page (the caller has loaded and authorized the membership). */
export async function memberTwoFactor(districtId: string, membershipId: string): Promise<{ enabledAt: Date | null; required: boolean } | null> {
  const member = await withTenant(districtId, (tx) =>
    tx.membership.findFirst({ where: { id: membershipId, districtId }, select: { role: true, district: { select: { requireTwoFactor: true } }, user: { select: { totpEnabledAt: true } } } }),
  );
  if (!member) return null;
  return { enabledAt: member.user.totpEnabledAt, required: twoFactorRequired([{ role: member.role, districtRequires: member.district.requireTwoFactor }]) };
}
