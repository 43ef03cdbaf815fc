import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import type { Role } from "@/domain/permissions";
import { sessionExpiry, strictestLimits } from "@/domain/identity";
import { ENROL_PENDING_MINUTES, SECOND_FACTOR_PENDING_MINUTES } from "@/domain/two-factor";
import { zoneOrDefault } from "@/domain/time-zone";
import { getDb } from "@/server/db/client";
import { withUserScope } from "@/server/db/tenant";
import { auth } from "./config";

/**
 * What the signed JWT carries: the user id, the account's session version and
 * the version of each membership at sign-in (decision 009).
 */
export interface SessionToken {
  uid?: string;
  sv?: number;
  mv?: Record<string, number>;
  /** The UserSession row of this browser (decision 025). */
  sid?: string;
}

/** The one place that reads the session cookie (DESIGN.md §10). */
export const getSession = cache(async () => (await auth()) as SessionToken | null);

/** httpOnly cookie naming the district chosen by someone who belongs to several. */
export const DISTRICT_COOKIE = "mtss-district";

export interface Ctx {
  userId: string;
  name: string;
  email: string;
  districtId: string;
  districtName: string;
  /** The district's IANA time zone: every moment shown to this person is in it (src/domain/time-zone.ts). */
  timeZone: string;
  membershipId: string;
  role: Role;
  /** Empty means every school of the district. */
  schoolIds: string[];
  /** Active memberships of this person, for the district switcher. */
  districts: { id: string; name: string }[];
  /** This browser's UserSession (decision 025); absent only in tests that build a Ctx by hand. */
  sessionId?: string;
  /** Set while a second factor is required of this person but they have not set it up: the end of their grace (decision 033). */
  twoFactorDueBy?: Date;
}

export type SessionState =
  | { status: "signed-out" }
  | { status: "choose-district"; userId: string; name: string; districts: { id: string; name: string }[] }
  /** Signed in with no district open to them, but invited to one: they answer at /invitations. */
  | { status: "invited"; userId: string; name: string }
  /** Signed in with a temporary password from an administrator: nothing opens until it is changed (decision 025). */
  | { status: "change-password"; userId: string; name: string; email: string; sessionId: string }
  /** The password was right; the session waits for a code from the authenticator app or a recovery code (decision 033). */
  | { status: "second-factor"; userId: string; name: string; sessionId: string }
  /** The password was right; a second factor is required and the grace is over: nothing opens until it is set up (decision 033). */
  | { status: "enrol-two-factor"; userId: string; name: string; email: string; sessionId: string }
  | { status: "ready"; ctx: Ctx };

/**
 * Whether a session may work in this membership's district: the membership's
 * version must be the one the session signed in with. A membership the token
 * does not name (accepted after sign-in, or a token from before decision 009)
 * counts as its first version, so any bump (deactivation, role or school
 * change) ends it until the next sign-in.
 */
function sessionOpensMembership(token: SessionToken, membership: { id: string; sessionVersion: number }): boolean {
  return (token.mv?.[membership.id] ?? 1) === membership.sessionVersion;
}

/**
 * Resolves the signed-in person against the database on every request: a
 * bumped User.sessionVersion (sign out everywhere, later password resets) ends
 * every session; a deactivated membership or a bumped Membership.sessionVersion
 * ends the session's work in that district only (decision 009). Role, schools
 * and names are read fresh.
 */
export const getSessionState = cache(async (): Promise<SessionState> => {
  const session = await getSession();
  if (!session?.uid || typeof session.sv !== "number" || !session.sid) return { status: "signed-out" };
  const userId = session.uid;
  const sessionId = session.sid;
  const db = await getDb();
  const [user, row] = await Promise.all([
    db.user.findUnique({ where: { id: userId }, select: { id: true, name: true, email: true, sessionVersion: true, passwordTemporaryUntil: true, totpEnabledAt: true, twoFactorGraceUntil: true } }),
    db.userSession.findUnique({ where: { id: sessionId }, select: { userId: true, createdAt: true, lastSeenAt: true, completedAt: true, endedAt: true } }),
  ]);
  if (!user || user.sessionVersion !== session.sv) return { status: "signed-out" };
  // The browser's session row: ended (signed out there, from elsewhere, by a
  // password change or reset) means signed out.
  if (!row || row.userId !== userId || row.endedAt) return { status: "signed-out" };
  if (!row.completedAt) {
    // Between the password and the second factor (decision 033): only the code
    // or enrolment page opens, and only for a short while after the password.
    const enrolled = !!user.totpEnabledAt;
    const pendingMinutes = enrolled ? SECOND_FACTOR_PENDING_MINUTES : ENROL_PENDING_MINUTES;
    if (Date.now() - row.createdAt.getTime() > pendingMinutes * 60_000) return { status: "signed-out" };
    return enrolled ? { status: "second-factor", userId, name: user.name, sessionId } : { status: "enrol-two-factor", userId, name: user.name, email: user.email, sessionId };
  }

  const all = await withUserScope(userId, (tx) =>
    tx.membership.findMany({
      where: { userId },
      select: {
        id: true,
        role: true,
        deactivatedAt: true,
        sessionVersion: true,
        districtId: true,
        district: { select: { name: true, timeZone: true, sessionIdleMinutes: true, sessionAbsoluteHours: true } },
        schools: { select: { schoolId: true } },
      },
      orderBy: { district: { name: "asc" } },
    }),
  );
  const memberships = all.filter((m) => !m.deactivatedAt && sessionOpensMembership(session, m));
  // Idle and absolute limits: the strictest of the person's districts (decision 025).
  const now = new Date();
  const limits = strictestLimits(memberships.map((m) => ({ idleMinutes: m.district.sessionIdleMinutes, absoluteHours: m.district.sessionAbsoluteHours })));
  const expired = sessionExpiry(row, limits, now);
  if (expired) {
    await db.userSession.updateMany({ where: { id: sessionId, endedAt: null }, data: { endedAt: now, endedReason: expired === "idle" ? "idle_timeout" : "absolute_lifetime" } });
    return { status: "signed-out" };
  }
  // Last active, written at most once a minute so that a page's requests cost no writes.
  if (now.getTime() - row.lastSeenAt.getTime() > 60_000) {
    await db.userSession.updateMany({ where: { id: sessionId, endedAt: null }, data: { lastSeenAt: now } });
  }
  if (user.passwordTemporaryUntil) return { status: "change-password", userId, name: user.name, email: user.email, sessionId };

  if (memberships.length === 0) {
    // Only then: the common request pays no extra query for invitations.
    const invited = await withUserScope(userId, (tx) => tx.invitation.count({ where: { userId, declinedAt: null } }));
    return invited > 0 ? { status: "invited", userId, name: user.name } : { status: "signed-out" };
  }
  const districts = memberships.map((m) => ({ id: m.districtId, name: m.district.name }));

  const readyIn = (membership: (typeof memberships)[number]): SessionState => ({
    status: "ready",
    ctx: {
      userId,
      name: user.name,
      email: user.email,
      districtId: membership.districtId,
      districtName: membership.district.name,
      timeZone: zoneOrDefault(membership.district.timeZone),
      membershipId: membership.id,
      role: membership.role,
      schoolIds: membership.schools.map((s) => s.schoolId),
      districts,
      sessionId,
      ...(!user.totpEnabledAt && user.twoFactorGraceUntil && user.twoFactorGraceUntil > now ? { twoFactorDueBy: user.twoFactorGraceUntil } : {}),
    },
  });

  const chosen = (await cookies()).get(DISTRICT_COOKIE)?.value;
  const membership = memberships.find((m) => m.districtId === chosen);
  if (membership) return readyIn(membership);
  // A district whose session ended under this person is not swapped silently
  // for their other one: they see where they still may work and pick it.
  const endedHere = all.some((m) => m.districtId === chosen && !sessionOpensMembership(session, m));
  if (memberships.length === 1 && !endedHere) return readyIn(memberships[0]!);
  return { status: "choose-district", userId, name: user.name, districts };
});

/** The context of a page or action; sends anyone without one to sign in. */
export async function getContext(): Promise<Ctx> {
  const state = await getSessionState();
  if (state.status === "signed-out") redirect("/sign-in");
  if (state.status === "choose-district") redirect("/choose-district");
  if (state.status === "invited") redirect("/invitations");
  if (state.status === "change-password") redirect("/change-password");
  if (state.status === "second-factor") redirect("/two-factor");
  if (state.status === "enrol-two-factor") redirect("/two-factor/setup");
  return state.ctx;
}

/** Where a signed-in person who is not ready must go first, for the pages outside the app (sign-in, district choice, invitations). */
export function pendingStepPath(state: SessionState): string | null {
  if (state.status === "second-factor") return "/two-factor";
  if (state.status === "enrol-two-factor") return "/two-factor/setup";
  if (state.status === "change-password") return "/change-password";
  return null;
}
