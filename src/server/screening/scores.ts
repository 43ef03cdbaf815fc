import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import type { AuditEntry } from "@/server/audit/record";
import type { Ctx } from "@/server/auth/session";
import type { Tx } from "@/server/db/tenant";

export interface ScoreWrite {
  studentId: string;
  measureId: string;
  windowId: string;
  grade: string;
  score: number;
}

/**
 * Inserts or updates scores (one per student, measure and window), in one
 * statement; an update raises the version. Returns nothing: callers audit.
 */
export async function upsertScores(tx: Tx, ctx: Ctx, rows: readonly ScoreWrite[], source: "GRID" | "FILE", importId: string | null): Promise<void> {
  if (rows.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO "ScreeningScore" ("districtId", "studentId", "measureId", "windowId", "grade", "score", "source", "importId", "enteredByUserId", "updatedAt")
    SELECT ${ctx.districtId}::uuid, r."studentId", r."measureId", r."windowId", r."grade"::"GradeLevel", r."score", ${source}::"ScreeningSource", ${importId}::uuid, ${ctx.userId}::uuid, now()
    FROM unnest(${rows.map((r) => r.studentId)}::uuid[], ${rows.map((r) => r.measureId)}::uuid[], ${rows.map((r) => r.windowId)}::uuid[],
                ${rows.map((r) => r.grade)}::text[], ${rows.map((r) => r.score)}::float8[]) AS r("studentId", "measureId", "windowId", "grade", "score")
    ON CONFLICT ("districtId", "studentId", "measureId", "windowId")
    DO UPDATE SET "score" = EXCLUDED."score", "grade" = EXCLUDED."grade", "source" = EXCLUDED."source", "importId" = EXCLUDED."importId",
                  "enteredByUserId" = EXCLUDED."enteredByUserId", "version" = "ScreeningScore"."version" + 1, "updatedAt" = EXCLUDED."updatedAt"`;
}

/** One audit event per student whose scores were written: what changed (scores, and those replaced). */
export function scoreAudits(ctx: Ctx, rows: readonly (ScoreWrite & { previous: number | null })[], detail: Record<string, unknown>): AuditEntry[] {
  const byStudent = new Map<string, (ScoreWrite & { previous: number | null })[]>();
  for (const r of rows) byStudent.set(r.studentId, [...(byStudent.get(r.studentId) ?? []), r]);
  return [...byStudent.entries()].map(([studentId, list]) => ({
    districtId: ctx.districtId,
    actorUserId: ctx.userId,
    action: list.some((r) => r.previous !== null) ? ("update" as const) : ("create" as const),
    entityType: "ScreeningScore",
    studentId,
    detail: { ...detail, scores: list.map((r) => ({ measureId: r.measureId, windowId: r.windowId, score: r.score, previous: r.previous })) } as Prisma.InputJsonValue,
  }));
}

/**
 * Writes a file's planned scores and their audit events in one statement
 * (decision 054): the rows go in as columns (unnest), the scores are inserted
 * or updated with one INSERT ... ON CONFLICT, and the events (one per student,
 * as scoreAudits makes them for the grid) are built from the same rows by
 * GROUP BY in the database, instead of 50,000 JSON documents made and sent
 * from here. Runs in the caller's tenant transaction as the app role, so RLS
 * checks every row and a failure leaves nothing written.
 */
export async function writeFileScores(tx: Tx, ctx: Ctx, rows: readonly (ScoreWrite & { previous: number | null })[], importId: string): Promise<void> {
  if (rows.length === 0) return;
  await tx.$executeRaw`
    WITH w AS (
      SELECT * FROM unnest(${rows.map((r) => r.studentId)}::uuid[], ${rows.map((r) => r.measureId)}::uuid[], ${rows.map((r) => r.windowId)}::uuid[],
                           ${rows.map((r) => r.grade)}::text[], ${rows.map((r) => r.score)}::float8[], ${rows.map((r) => r.previous)}::float8[])
        WITH ORDINALITY AS w("studentId", "measureId", "windowId", "grade", "score", "previous", n)
    ), saved AS (
      INSERT INTO "ScreeningScore" ("districtId", "studentId", "measureId", "windowId", "grade", "score", "source", "importId", "enteredByUserId", "updatedAt")
      SELECT ${ctx.districtId}::uuid, w."studentId", w."measureId", w."windowId", w."grade"::"GradeLevel", w."score", 'FILE'::"ScreeningSource", ${importId}::uuid, ${ctx.userId}::uuid, now()
      FROM w
      ON CONFLICT ("districtId", "studentId", "measureId", "windowId")
      DO UPDATE SET "score" = EXCLUDED."score", "grade" = EXCLUDED."grade", "source" = EXCLUDED."source", "importId" = EXCLUDED."importId",
                    "enteredByUserId" = EXCLUDED."enteredByUserId", "version" = "ScreeningScore"."version" + 1, "updatedAt" = EXCLUDED."updatedAt"
    )
    INSERT INTO "AuditEvent" ("districtId", "actorUserId", "action", "entityType", "studentId", "detail")
    SELECT ${ctx.districtId}::uuid, ${ctx.userId}::uuid, CASE WHEN bool_or(w."previous" IS NOT NULL) THEN 'update' ELSE 'create' END, 'ScreeningScore', w."studentId",
           jsonb_build_object('source', 'file', 'importId', ${importId}::text,
             'scores', jsonb_agg(jsonb_build_object('measureId', w."measureId", 'windowId', w."windowId", 'score', w."score", 'previous', w."previous") ORDER BY w.n))
    FROM w GROUP BY w."studentId"`;
}
