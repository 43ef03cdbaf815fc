import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import type { Role } from "@/domain/permissions";
import { zoneOrDefault } from "@/domain/time-zone";
import { getDb } from "@/server/db/client";
import { withUserScope } from "@/server/db/tenant";
import { auth } from "./config";

/** The one place that reads the session cookie (DESIGN.md §10). */
export const getSession = cache(async () => (await auth()) as { uid?: string; sv?: number } | null);

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
}

export type SessionState =
  | { status: "signed-out" }
  | { status: "choose-district"; userId: string; name: string; districts: { id: string; name: string }[] }
  | { status: "ready"; ctx: Ctx };

/**
 * Resolves the signed-in person against the database on every request: a
 * bumped sessionVersion (password reset, deactivation) or a deactivated
 * membership ends the session at once, and role or school changes apply at once.
 */
export const getSessionState = cache(async (): Promise<SessionState> => {
  const session = await getSession();
  if (!session?.uid || typeof session.sv !== "number") return { status: "signed-out" };
  const userId = session.uid;
  const db = await getDb();
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, name: true, email: true, sessionVersion: true } });
  if (!user || user.sessionVersion !== session.sv) return { status: "signed-out" };

  const memberships = await withUserScope(userId, (tx) =>
    tx.membership.findMany({
      where: { userId, deactivatedAt: null },
      select: { id: true, role: true, districtId: true, district: { select: { name: true, timeZone: true } }, schools: { select: { schoolId: true } } },
      orderBy: { district: { name: "asc" } },
    }),
  );
  if (memberships.length === 0) return { status: "signed-out" };
  const districts = memberships.map((m) => ({ id: m.districtId, name: m.district.name }));

  const chosen = (await cookies()).get(DISTRICT_COOKIE)?.value;
  const membership = memberships.length === 1 ? memberships[0] : memberships.find((m) => m.districtId === chosen);
  if (!membership) return { status: "choose-district", userId, name: user.name, districts };

  return {
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
    },
  };
});

/** The context of a page or action; sends anyone without one to sign in. */
export async function getContext(): Promise<Ctx> {
  const state = await getSessionState();
  if (state.status === "signed-out") redirect("/sign-in");
  if (state.status === "choose-district") redirect("/choose-district");
  return state.ctx;
}
