import "server-only";
import { strictestLimits } from "@/domain/identity";
import type { Ctx } from "@/server/auth/session";
import { deviceOf } from "@/server/auth/user-sessions";
import { getDb } from "@/server/db/client";
import { withTenant, withUserScope } from "@/server/db/tenant";
import { recordAudit } from "@/server/audit/record";

export interface SessionRow {
  id: string;
  device: string;
  ip: string;
  startedAt: Date;
  lastActiveAt: Date;
  current: boolean;
}

/**
 * "Where you are signed in": the person's own open sessions, newest activity
 * first, this browser marked. Rows past the district's limits are left out
 * (they end at their next request). Viewing is audited like any page of
 * sign-in data (the list holds IP addresses).
 */
export async function listMySessions(ctx: Ctx): Promise<{ sessions: SessionRow[]; limits: { idleMinutes: number; absoluteHours: number } }> {
  const db = await getDb();
  const districts = await withUserScope(ctx.userId, (tx) =>
    tx.membership.findMany({ where: { userId: ctx.userId, deactivatedAt: null }, select: { district: { select: { sessionIdleMinutes: true, sessionAbsoluteHours: true } } } }),
  );
  const limits = strictestLimits(districts.map((m) => ({ idleMinutes: m.district.sessionIdleMinutes, absoluteHours: m.district.sessionAbsoluteHours })));
  const now = Date.now();
  const rows = await db.userSession.findMany({
    where: {
      userId: ctx.userId,
      endedAt: null,
      completedAt: { not: null },
      createdAt: { gt: new Date(now - limits.absoluteHours * 3_600_000) },
      lastSeenAt: { gt: new Date(now - limits.idleMinutes * 60_000) },
    },
    orderBy: { lastSeenAt: "desc" },
    take: 50,
  });
  await withTenant(ctx.districtId, (tx) =>
    recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "view", entityType: "UserSession", entityId: ctx.userId, detail: { list: "own sessions", count: rows.length } }),
  );
  return {
    limits,
    sessions: rows.map((r) => ({ id: r.id, device: deviceOf(r.userAgent), ip: r.ip, startedAt: r.createdAt, lastActiveAt: r.lastSeenAt, current: r.id === ctx.sessionId })),
  };
}
