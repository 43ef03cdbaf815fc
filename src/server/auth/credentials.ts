import "server-only";
import { z } from "zod";
import { getDb } from "@/server/db/client";
import { withTenant, withUserScope } from "@/server/db/tenant";
import { recordAudit, type AuditAction } from "@/server/audit/record";
import { decoyHash, verifyPassword } from "./password";
import { secondFactorAtSignIn } from "./two-factor";

export const ZSignInInput = z
  .object({
    email: z.string().trim().toLowerCase().email("Enter an email address like name@school.org."),
    password: z.string().min(1, "Enter your password.").max(1024),
  })
  .strict();
export type TSignInInput = z.infer<typeof ZSignInInput>;

/** Failed attempts allowed per window before sign-in is refused. */
export const RATE_LIMIT = { windowMinutes: 15, perEmail: 5, perIp: 30 };

export type SignInResult =
  /**
   * membershipVersions: each membership's session version now, carried in the
   * token (decision 009); sessionId: the UserSession row this sign-in opened (decision 025).
   */
  | { ok: true; user: { id: string; sessionVersion: number; membershipVersions: Record<string, number>; sessionId: string; secondFactor?: "code" | "enrol" } }
  /** temporary_used / temporary_expired: the right temporary password, but its one use is spent or it ran out (decision 025). */
  /** password_off: the right password, but every district of the person signs in with single sign-on only (decision 034). */
  | { ok: false; reason: "invalid" | "rate_limited" | "temporary_used" | "temporary_expired" | "password_off" };

/** What the browser told about itself, stored with the session for "Where you are signed in". */
export interface SignInClient {
  ip: string;
  userAgent?: string;
}

/**
 * Checks an email and password. Every attempt is stored for rate limiting
 * and audited in each district where the account has an accepted membership
 * (or with no district when there is none: unknown emails, people who are
 * only invited). An invitation gives the inviting district nothing about the
 * person until it is accepted (decision 009). The caller never learns whether
 * the email exists.
 */
export async function verifyCredentials(input: TSignInInput, client: string | SignInClient): Promise<SignInResult> {
  const { ip, userAgent = "" } = typeof client === "string" ? { ip: client } : client;
  const db = await getDb();
  // The attempt is stored before anything is checked, so that concurrent
  // attempts see one another in the counts below and cannot race the limit.
  const attempt = await db.loginAttempt.create({ data: { email: input.email, ip }, select: { id: true } });
  const user = await db.user.findUnique({ where: { email: input.email } });
  const passwordChangedAt = user?.passwordChangedAt;
  // A password set by an administrator's reset starts a new count for the
  // email, so "ask your administrator to reset your password" ends a lock-out.
  const windowStart = new Date(Date.now() - RATE_LIMIT.windowMinutes * 60_000);
  const since = passwordChangedAt && passwordChangedAt > windowStart ? passwordChangedAt : windowStart;
  // Blocked attempts do not count: otherwise one request every few minutes
  // would keep an account locked for ever.
  const counted = { in: ["PENDING", "FAILED"] as ("PENDING" | "FAILED")[] };
  const [emailAttempts, ipAttempts] = await Promise.all([
    db.loginAttempt.count({ where: { email: input.email, outcome: counted, createdAt: { gte: since } } }),
    db.loginAttempt.count({ where: { ip, outcome: counted, createdAt: { gte: windowStart } } }),
  ]);
  const [memberships, invitations] = user
    ? await withUserScope(user.id, (tx) =>
        Promise.all([
          tx.membership.findMany({ where: { userId: user.id }, select: { id: true, districtId: true, deactivatedAt: true, sessionVersion: true, role: true, district: { select: { passwordSignIn: true, requireTwoFactor: true } } } }),
          tx.invitation.count({ where: { userId: user.id, declinedAt: null } }),
        ]),
      )
    : [[], 0];
  const activeDistrictIds = memberships.filter((m) => !m.deactivatedAt).map((m) => m.districtId);
  // A district that allows single sign-on only (decision 034) opens to no password:
  // its membership is named at version 0 in the token, which never matches.
  const passwordOpens = (m: (typeof memberships)[number]) => m.district.passwordSignIn;
  const passwordDistrictIds = memberships.filter((m) => !m.deactivatedAt && passwordOpens(m)).map((m) => m.districtId);

  let result: SignInResult;
  // Each count includes this attempt.
  if (emailAttempts > RATE_LIMIT.perEmail || ipAttempts > RATE_LIMIT.perIp) {
    result = { ok: false, reason: "rate_limited" };
  } else {
    const passwordOk = await verifyPassword(user?.passwordHash ?? (await decoyHash()), input.password);
    // Someone only invited (a new account, or one whose districts all ended)
    // signs in to answer the invitation; nothing else opens to them.
    if (user && passwordOk && activeDistrictIds.length > 0 && passwordDistrictIds.length === 0 && invitations === 0) {
      result = { ok: false, reason: "password_off" };
    } else if (user && passwordOk && (activeDistrictIds.length > 0 || invitations > 0)) {
      result = { ok: true, user: { id: user.id, sessionVersion: user.sessionVersion, membershipVersions: Object.fromEntries(memberships.map((m) => [m.id, passwordOpens(m) ? m.sessionVersion : 0])), sessionId: "" } };
      if (user.passwordTemporaryUntil) {
        // A temporary password opens one session, which can only change it.
        // The conditional update makes two simultaneous uses one success.
        const now = new Date();
        if (user.passwordTemporaryUntil <= now) result = { ok: false, reason: "temporary_expired" };
        else {
          const { count } = await db.user.updateMany({ where: { id: user.id, passwordTemporaryUsedAt: null }, data: { passwordTemporaryUsedAt: now } });
          if (count === 0) result = { ok: false, reason: "temporary_used" };
        }
      }
      if (result.ok) {
        // A second factor still to give (a code, or enrolment once the grace is over) leaves the session uncompleted (decision 033).
        const second = await secondFactorAtSignIn(user, memberships);
        const complete = second.step === "none" || second.step === "grace";
        const session = await db.userSession.create({
          data: { userId: user.id, ip, userAgent: userAgent.slice(0, 512), completedAt: complete ? new Date() : null },
          select: { id: true },
        });
        result.user.sessionId = session.id;
        if (!complete) result.user.secondFactor = second.step === "code" ? "code" : "enrol";
      }
    } else {
      result = { ok: false, reason: "invalid" };
    }
  }
  const outcome = result.ok ? "SUCCEEDED" : result.reason === "rate_limited" ? "BLOCKED" : "FAILED";
  await db.loginAttempt.updateMany({ where: { id: attempt.id }, data: { outcome } });

  // A success is filed where the person works; a failure also where they were
  // deactivated, so that district's administrators see attempts on old accounts.
  const action: AuditAction = result.ok ? "sign_in" : result.reason === "rate_limited" ? "sign_in_blocked" : "sign_in_failed";
  const districtIds = result.ok ? activeDistrictIds : memberships.map((m) => m.districtId);
  const detail = !user
    ? { email: input.email }
    : result.ok && result.user.secondFactor
      ? { secondFactor: result.user.secondFactor === "code" ? "code asked" : "enrolment required" }
      : !result.ok && result.reason === "password_off"
        ? { passwordSignIn: "not allowed" }
        : !result.ok && result.reason !== "invalid" && result.reason !== "rate_limited"
          ? { temporaryPassword: result.reason === "temporary_used" ? "used before" : "expired" }
          : undefined;
  const event = { actorUserId: user?.id ?? null, action, entityType: "User", entityId: user?.id ?? null, ip, detail };
  if (districtIds.length === 0) {
    // createMany: no RETURNING, which no tenant's read policy would allow for a district-less row.
    await db.auditEvent.createMany({ data: [{ ...event, districtId: null }] });
  }
  for (const districtId of districtIds) {
    await withTenant(districtId, (tx) => recordAudit(tx, { ...event, districtId }));
  }
  return result;
}
