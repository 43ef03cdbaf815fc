import "server-only";
import { Prisma } from "@/generated/prisma/client";
import type { Tx } from "@/server/db/tenant";
import { todayIso } from "@/server/students/schemas";
import { INTERVENTION_AREAS, type InterventionArea, type TierLevel } from "./schemas";

export interface TierDecision {
  id: string;
  area: InterventionArea;
  tier: TierLevel;
  /** YYYY-MM-DD. */
  effectiveDate: string;
  reason: string;
  decidedByName: string;
  createdAt: Date;
}

/**
 * A student's tier history, newest first (by effective date, then by when it
 * was recorded), and the current tier per area: the newest decision in effect
 * today, in area order. Areas without a decision are not in `current` (Tier 1 by default).
 * One query; the caller authorizes tier.view.
 */
export async function tiersOf(tx: Tx, districtId: string, studentId: string) {
  const rows = await tx.$queryRaw<(Omit<TierDecision, "effectiveDate"> & { effectiveDate: string })[]>`
    SELECT st."id", st."area"::text AS "area", st."tier"::text AS "tier",
           to_char(st."effectiveDate", 'YYYY-MM-DD') AS "effectiveDate",
           st."reason", u."name" AS "decidedByName", st."createdAt"
    FROM "StudentTier" st
    JOIN "User" u ON u."id" = st."decidedByUserId"
    WHERE st."districtId" = ${districtId}::uuid AND st."studentId" = ${studentId}::uuid
    ORDER BY st."effectiveDate" DESC, st."createdAt" DESC, st."id" DESC`;
  const today = todayIso();
  const current: TierDecision[] = [];
  const seen = new Set<InterventionArea>();
  for (const row of rows) {
    if (row.effectiveDate > today || seen.has(row.area)) continue;
    seen.add(row.area);
    current.push(row);
  }
  current.sort((a, b) => INTERVENTION_AREAS.indexOf(a.area) - INTERVENTION_AREAS.indexOf(b.area));
  return { current, history: rows as TierDecision[] };
}
export type StudentTiers = Awaited<ReturnType<typeof tiersOf>>;

/**
 * The district's students whose current tier in an area (the newest decision
 * in effect today) is one of `tiers`, in one query that reads only that
 * area's decisions.
 */
export async function studentIdsWithCurrentTier(tx: Tx, districtId: string, area: InterventionArea, tiers: TierLevel[]): Promise<string[]> {
  const rows = await tx.$queryRaw<{ studentId: string }[]>`
    SELECT cur."studentId" FROM (
      SELECT DISTINCT ON (st."studentId") st."studentId", st."tier"
      FROM "StudentTier" st
      WHERE st."districtId" = ${districtId}::uuid AND st."area" = ${area}::"InterventionArea" AND st."effectiveDate" <= ${todayIso()}::date
      ORDER BY st."studentId", st."effectiveDate" DESC, st."createdAt" DESC, st."id" DESC
    ) cur
    WHERE cur."tier"::text = ANY(${tiers}::text[])`;
  return rows.map((r) => r.studentId);
}

/**
 * A condition on a student row aliased `s`: their current tier in the area is
 * `tier`. One probe of the (districtId, studentId, area, effectiveDate) index
 * per student; no decision in the area counts as Tier 1.
 */
export function currentTierIsSql(area: InterventionArea, tier: TierLevel): Prisma.Sql {
  const current = Prisma.sql`
    SELECT st."tier" FROM "StudentTier" st
    WHERE st."districtId" = s."districtId" AND st."studentId" = s."id" AND st."area" = ${area}::"InterventionArea"
      AND st."effectiveDate" <= ${todayIso()}::date
    ORDER BY st."effectiveDate" DESC, st."createdAt" DESC, st."id" DESC
    LIMIT 1`;
  return tier === "TIER_1"
    ? Prisma.sql`NOT EXISTS (SELECT 1 FROM (${current}) cur WHERE cur."tier" <> 'TIER_1')`
    : Prisma.sql`EXISTS (SELECT 1 FROM (${current}) cur WHERE cur."tier" = ${tier}::"TierLevel")`;
}

/**
 * The district's students whose current tier in at least one area is one of
 * `tiers` ("Tier 3 in any area"), in one pass over the district's decisions.
 */
export async function studentIdsWithCurrentTierInAnyArea(tx: Tx, districtId: string, tiers: TierLevel[]): Promise<string[]> {
  const rows = await tx.$queryRaw<{ studentId: string }[]>`
    SELECT DISTINCT cur."studentId"::text AS "studentId" FROM (
      SELECT DISTINCT ON (st."studentId", st."area") st."studentId", st."tier"
      FROM "StudentTier" st
      WHERE st."districtId" = ${districtId}::uuid AND st."effectiveDate" <= ${todayIso()}::date
      ORDER BY st."studentId", st."area", st."effectiveDate" DESC, st."createdAt" DESC, st."id" DESC
    ) cur
    WHERE cur."tier"::text = ANY(${tiers}::text[])`;
  return rows.map((r) => r.studentId);
}

/**
 * The current tier per area of some students (a page of a list), in one
 * query: per student, the areas with a decision in effect, in area order.
 * Areas without one are left out (Tier 1 by default).
 */
export async function currentTiersOf(tx: Tx, districtId: string, studentIds: readonly string[]): Promise<Map<string, { area: InterventionArea; tier: TierLevel }[]>> {
  const out = new Map<string, { area: InterventionArea; tier: TierLevel }[]>();
  if (studentIds.length === 0) return out;
  const rows = await tx.$queryRaw<{ studentId: string; area: InterventionArea; tier: TierLevel }[]>`
    SELECT DISTINCT ON (st."studentId", st."area") st."studentId"::text AS "studentId", st."area"::text AS "area", st."tier"::text AS "tier"
    FROM "StudentTier" st
    WHERE st."districtId" = ${districtId}::uuid AND st."studentId" = ANY(${[...studentIds]}::uuid[]) AND st."effectiveDate" <= ${todayIso()}::date
    ORDER BY st."studentId", st."area", st."effectiveDate" DESC, st."createdAt" DESC, st."id" DESC`;
  for (const r of rows) out.set(r.studentId, [...(out.get(r.studentId) ?? []), { area: r.area, tier: r.tier }]);
  for (const list of out.values()) list.sort((a, b) => INTERVENTION_AREAS.indexOf(a.area) - INTERVENTION_AREAS.indexOf(b.area));
  return out;
}
