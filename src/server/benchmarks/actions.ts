"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionState } from "@/domain/action-state";
import { readBenchmarkCell } from "@/domain/benchmarks";
import { formToObject, NOT_A_FORM_REFUSAL, runAction, withSubmitted } from "@/server/action";
import { recordAudit } from "@/server/audit/record";
import { authorizeAction } from "@/server/auth/policy";
import { withTenant, type Tx } from "@/server/db/tenant";
import { AppError, DeniedError } from "@/server/errors";
import { listMeasuresIn, measureOf } from "@/server/measures/queries";
import { parseBenchmarkCsv } from "./csv";
import { listBenchmarksIn, tableVersion } from "./queries";
import { cellField, cellName, GRID_CELLS, ZSaveBenchmarksInput, ZUploadBenchmarksInput, type BenchmarkRow } from "./schemas";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * Locks the measures whose benchmarks are about to change, so that a grid
 * save's stale check and its write are one step against file uploads and
 * other saves. In id order, so two writers never wait on each other in a circle.
 */
async function lockMeasures(tx: Tx, districtId: string, measureIds: readonly string[]): Promise<void> {
  await tx.$queryRaw`SELECT "id" FROM "Measure" WHERE "districtId" = ${districtId}::uuid AND "id" = ANY(${[...measureIds]}::uuid[]) ORDER BY "id" FOR UPDATE`;
}

/** Sets these cells (insert or replace), in one statement. */
async function upsertBenchmarks(tx: Tx, districtId: string, rows: readonly BenchmarkRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO "Benchmark" ("districtId", "measureId", "grade", "season", "benchmark", "riskCut", "updatedAt")
    SELECT ${districtId}::uuid, r."measureId", r."grade"::"GradeLevel", r."season"::"Season", r."benchmark", r."riskCut", now()
    FROM unnest(${rows.map((r) => r.measureId)}::uuid[], ${rows.map((r) => r.grade)}::text[], ${rows.map((r) => r.season)}::text[],
                ${rows.map((r) => r.benchmark)}::float8[], ${rows.map((r) => r.riskCut)}::float8[])
      AS r("measureId", "grade", "season", "benchmark", "riskCut")
    ON CONFLICT ("districtId", "measureId", "grade", "season")
    DO UPDATE SET "benchmark" = EXCLUDED."benchmark", "riskCut" = EXCLUDED."riskCut", "updatedAt" = EXCLUDED."updatedAt"`;
}

/** Saves one measure's whole grade x season table as the grid shows it: blank cells are cleared. */
export async function saveBenchmarks(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("saveBenchmarks", ZSaveBenchmarksInput, formToObject(form), async (ctx, input) => {
    const target = { entityType: "Measure", entityId: input.unverifiedMeasureId.slice(0, 64) };
    authorizeAction(ctx, "benchmark.manage", target);
    const id = z.uuid().safeParse(input.unverifiedMeasureId);
    if (!id.success) throw new DeniedError("benchmark.manage", target);
    return withTenant(ctx.districtId, async (tx) => {
      const row = await tx.measure.findFirst({ where: { id: id.data, districtId: ctx.districtId, archivedAt: null } });
      if (!row) throw new DeniedError("benchmark.manage", target);
      await lockMeasures(tx, ctx.districtId, [row.id]);
      const before = await listBenchmarksIn(tx, ctx.districtId, [row.id]);
      if (tableVersion(before) !== input.version) {
        throw new AppError("CONFLICT", `The ${row.name} benchmarks changed after you opened this page. Reload it to see the current values, then make your changes again.`);
      }

      const measure = measureOf(row);
      const text = input as Record<string, string | undefined>;
      const set: BenchmarkRow[] = [];
      const cleared: Pick<BenchmarkRow, "grade" | "season">[] = [];
      const fieldErrors: Record<string, string[]> = {};
      for (const { grade, season } of GRID_CELLS) {
        const fields = { benchmark: cellField("benchmark", grade, season), riskCut: cellField("riskCut", grade, season) };
        const { cell, problems } = readBenchmarkCell(measure, { benchmark: text[fields.benchmark], riskCut: text[fields.riskCut] });
        if (!cell) {
          // A problem with the risk cut alone marks that input; anything else marks the benchmark.
          const field = problems.every((p) => p.startsWith("the risk cut")) ? fields.riskCut : fields.benchmark;
          fieldErrors[field] = [`${cellName(grade, season)}: ${problems.join("; ")}.`];
        } else if (cell.benchmark === null) cleared.push({ grade, season });
        else set.push({ measureId: row.id, grade, season, benchmark: cell.benchmark, riskCut: cell.riskCut });
      }
      const bad = Object.keys(fieldErrors).length;
      if (bad) throw new AppError("INVALID_INPUT", `Nothing was saved: ${plural(bad, "cell has a problem", "cells have problems")}.`, fieldErrors);

      const removed = cleared.length
        ? (await tx.benchmark.deleteMany({ where: { districtId: ctx.districtId, measureId: row.id, OR: cleared } })).count
        : 0;
      await upsertBenchmarks(tx, ctx.districtId, set);
      await recordAudit(tx, {
        districtId: ctx.districtId,
        actorUserId: ctx.userId,
        action: "update",
        entityType: "Benchmark",
        entityId: row.id,
        detail: { measureKey: row.key, source: "table", cells: set.length, cleared: removed },
      });
      return `${row.name}: ${plural(set.length, "cell")} saved${removed ? `, ${removed} cleared` : ""}.`;
    });
  });
  if (!result.ok) return withSubmitted(result, form);
  revalidatePath("/admin/benchmarks");
  return { ok: true, message: result.data };
}

/** Shown of a bad file's problems; the rest are counted. */
const MAX_PROBLEMS_SHOWN = 20;

/**
 * Loads benchmarks from a CSV file: every row is checked first and nothing is
 * saved if any row is bad; then each row sets its cell (rows the file does not
 * mention stay as they are), all in one transaction.
 */
export async function uploadBenchmarks(_prev: ActionState, form: FormData): Promise<ActionState> {
  if (!(form instanceof FormData)) return NOT_A_FORM_REFUSAL;
  const result = await runAction("uploadBenchmarks", ZUploadBenchmarksInput, { file: form.get("file") }, async (ctx, input) => {
    authorizeAction(ctx, "benchmark.manage", { entityType: "Benchmark" });
    const text = await input.file.text();
    return withTenant(ctx.districtId, async (tx) => {
      const measureRows = await listMeasuresIn(tx, ctx.districtId);
      const parsed = parseBenchmarkCsv(text, new Map(measureRows.map((m) => [m.key, { id: m.id, measure: measureOf(m) }])));
      if (!parsed.ok) {
        const more = parsed.problems.length - MAX_PROBLEMS_SHOWN;
        throw new AppError("INVALID_INPUT", "Nothing was saved: the file has problems. Correct them and upload it again.", {
          file: [...parsed.problems.slice(0, MAX_PROBLEMS_SHOWN), ...(more > 0 ? [`… and ${plural(more, "more problem")}.`] : [])],
        });
      }
      const measureIds = [...new Set(parsed.rows.map((r) => r.measureId))];
      await lockMeasures(tx, ctx.districtId, measureIds);
      await upsertBenchmarks(tx, ctx.districtId, parsed.rows);
      const keys = measureRows.filter((m) => measureIds.includes(m.id)).map((m) => m.key);
      await recordAudit(tx, {
        districtId: ctx.districtId,
        actorUserId: ctx.userId,
        action: "update",
        entityType: "Benchmark",
        detail: { source: "csv", rows: parsed.rows.length, measureKeys: keys },
      });
      return `${plural(parsed.rows.length, "benchmark")} loaded from ${input.file.name || "the file"}.`;
    });
  });
  if (!result.ok) return result;
  revalidatePath("/admin/benchmarks");
  return { ok: true, message: result.data };
}
