import "server-only";
import { dayPercent, dayProbeKey } from "@/domain/cico";
import { dateOfDay } from "@/domain/goals";
import { recordAudit, type AuditEntry } from "@/server/audit/record";
import type { Ctx } from "@/server/auth/session";
import type { Tx } from "@/server/db/tenant";
import type { VisibleCard } from "./access";

// Writing a card's ratings, with the day's points and the goal's probe in the
// same transaction (decision 014). Not a "use server" file: the actions
// (./actions.ts) check the input and the card first.

export interface PeriodRating {
  expectation: string;
  value: number;
}

export interface SavedRatings {
  created: number;
  corrected: number;
  unchanged: number;
  percent: number | null;
}

/**
 * Records the ratings of one period of one day. A rating the day has already
 * with the same value changes nothing (a double tap, a resubmitted form); a
 * different value replaces it, keeps the old one in CicoRatingRevision and
 * raises its version. Then the day's points are summed again from its
 * ratings and the goal's probe for the day is written or updated (one per
 * goal per day, by its client key). Statements: the current ratings, the
 * upsert, the revisions when any, the day, the probe, the audit events.
 */
export async function saveRatingsIn(tx: Tx, ctx: Ctx, card: VisibleCard, date: string, period: string, ratings: readonly PeriodRating[]): Promise<SavedRatings> {
  const day = dateOfDay(date);
  const before = await tx.cicoRating.findMany({
    where: { districtId: ctx.districtId, cardId: card.id, date: day, period, expectation: { in: ratings.map((r) => r.expectation) } },
    select: { expectation: true, value: true, ratedByUserId: true },
  });
  const was = new Map(before.map((b) => [b.expectation, b]));
  const created = ratings.filter((r) => !was.has(r.expectation));
  const corrected = ratings.filter((r) => was.has(r.expectation) && was.get(r.expectation)!.value !== r.value);
  const changed = [...created, ...corrected];
  if (changed.length > 0) {
    // One statement; ON CONFLICT keeps it idempotent under two taps racing each other too.
    await tx.$executeRaw`
      INSERT INTO "CicoRating" ("districtId", "cardId", "date", "period", "expectation", "value", "scaleMax", "ratedByUserId", "updatedAt")
      SELECT ${ctx.districtId}::uuid, ${card.id}::uuid, ${day}::date, ${period}, e, v, ${card.scaleMax}, ${ctx.userId}::uuid, now()
      FROM unnest(${changed.map((r) => r.expectation)}::text[], ${changed.map((r) => r.value)}::int[]) AS t(e, v)
      ON CONFLICT ("districtId", "cardId", "date", "period", "expectation") DO UPDATE
        SET "value" = EXCLUDED."value", "scaleMax" = EXCLUDED."scaleMax", "ratedByUserId" = EXCLUDED."ratedByUserId",
            "version" = "CicoRating"."version" + 1, "updatedAt" = now()
        WHERE "CicoRating"."value" IS DISTINCT FROM EXCLUDED."value"`;
  }
  if (corrected.length > 0) {
    await tx.cicoRatingRevision.createMany({
      data: corrected.map((r) => ({
        districtId: ctx.districtId,
        cardId: card.id,
        date: day,
        period,
        expectation: r.expectation,
        previousValue: was.get(r.expectation)!.value,
        value: r.value,
        previousRatedByUserId: was.get(r.expectation)!.ratedByUserId,
        changedByUserId: ctx.userId,
      })),
    });
  }
  const unchanged = ratings.length - changed.length;
  if (changed.length === 0) {
    const row = await tx.cicoDay.findUnique({ where: { districtId_cardId_date: { districtId: ctx.districtId, cardId: card.id, date: day } }, select: { points: true, possible: true } });
    return { created: 0, corrected: 0, unchanged, percent: row ? dayPercent(row) : null };
  }
  // The day's points from its ratings, written in one statement with the day row.
  const [sums] = await tx.$queryRaw<{ points: number; possible: number }[]>`
    INSERT INTO "CicoDay" ("districtId", "cardId", "date", "points", "possible", "updatedByUserId", "updatedAt")
    SELECT ${ctx.districtId}::uuid, ${card.id}::uuid, ${day}::date, coalesce(sum("value"), 0)::int, coalesce(sum("scaleMax"), 0)::int, ${ctx.userId}::uuid, now()
    FROM "CicoRating" WHERE "districtId" = ${ctx.districtId}::uuid AND "cardId" = ${card.id}::uuid AND "date" = ${day}::date
    ON CONFLICT ("districtId", "cardId", "date") DO UPDATE
      SET "points" = EXCLUDED."points", "possible" = EXCLUDED."possible", "updatedByUserId" = EXCLUDED."updatedByUserId", "updatedAt" = now()
    RETURNING "points", "possible"`;
  const percent = dayPercent(sums!);
  const probe = percent === null ? null : await writeDayProbe(tx, ctx, card, date, percent, sums!);
  const entry = (action: "create" | "update", r: PeriodRating): AuditEntry => ({
    districtId: ctx.districtId,
    actorUserId: ctx.userId,
    action,
    entityType: "CicoRating",
    entityId: card.id,
    studentId: card.studentId,
    detail: { date, period, expectation: r.expectation, value: r.value, ...(action === "update" ? { previousValue: was.get(r.expectation)!.value } : {}) },
  });
  const events = [...created.map((r) => entry("create", r)), ...corrected.map((r) => entry("update", r))];
  if (probe) events.push({ districtId: ctx.districtId, actorUserId: ctx.userId, action: probe.inserted ? "create" : "update", entityType: "Probe", entityId: probe.id, studentId: card.studentId, detail: { goalId: card.goalId, planId: card.planId, date, source: "daily report card" } });
  await recordAudit(tx, ...events);
  return { created: created.length, corrected: corrected.length, unchanged, percent };
}

/**
 * The goal's probe for a card's day: written the first time the day has a
 * percentage and updated when it changes, found by its client key (the
 * unique key (districtId, clientKey, goalId) makes it one per goal per day).
 * An invalidated probe stays invalid. Null when nothing changed.
 */
export async function writeDayProbe(tx: Tx, ctx: Ctx, card: Pick<VisibleCard, "id" | "studentId" | "goalId" | "goal">, date: string, percent: number, sums: { points: number; possible: number }) {
  const note = `Daily report card: ${sums.points} of ${sums.possible} points.`;
  const rows = await tx.$queryRaw<{ id: string; inserted: boolean }[]>`
    INSERT INTO "Probe" ("districtId", "studentId", "measureId", "goalId", "date", "score", "givenByUserId", "note", "clientKey", "updatedAt")
    VALUES (${ctx.districtId}::uuid, ${card.studentId}::uuid, ${card.goal.measureId}::uuid, ${card.goalId}::uuid, ${dateOfDay(date)}::date, ${percent}, ${ctx.userId}::uuid, ${note}, ${dayProbeKey(card.id, date)}, now())
    ON CONFLICT ("districtId", "clientKey", "goalId") DO UPDATE
      SET "score" = EXCLUDED."score", "note" = EXCLUDED."note", "version" = "Probe"."version" + 1, "updatedAt" = now()
      WHERE "Probe"."score" IS DISTINCT FROM EXCLUDED."score" OR "Probe"."note" IS DISTINCT FROM EXCLUDED."note"
    RETURNING "id"::text AS "id", (xmax = 0) AS "inserted"`;
  return rows[0] ?? null;
}

