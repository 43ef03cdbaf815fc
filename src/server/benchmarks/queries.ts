import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import type { Season } from "@/domain/benchmarks";
import { recordAudit } from "@/server/audit/record";
import { authorizePage, pageNotFound } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import { withTenant, type Tx } from "@/server/db/tenant";
import { listMeasuresIn, measureOf } from "@/server/measures/queries";
import type { GradeLevel } from "@/server/students/schemas";
import { benchmarkCsv } from "./csv";
import type { BenchmarkRow } from "./schemas";

const ROW_SELECT = { measureId: true, grade: true, season: true, benchmark: true, riskCut: true } as const;

/**
 * The district's benchmark for one measure, grade and season, or null when none
 * is set (the gap analysis then says so). `season` usually comes from seasonOf(probe date).
 */
export async function benchmarkFor(
  tx: Tx,
  districtId: string,
  key: { measureId: string; grade: GradeLevel; season: Season },
): Promise<{ benchmark: number; riskCut: number | null } | null> {
  return tx.benchmark.findUnique({
    where: { districtId_measureId_grade_season: { districtId, ...key } },
    select: { benchmark: true, riskCut: true },
  });
}

/** Every benchmark of these measures in the district, in one query (by measure, grade, season). */
export function listBenchmarksIn(tx: Tx, districtId: string, measureIds: readonly string[]): Promise<BenchmarkRow[]> {
  return tx.benchmark.findMany({
    where: { districtId, measureId: { in: [...measureIds] } },
    select: ROW_SELECT,
    orderBy: [{ measureId: "asc" }, { grade: "asc" }, { season: "asc" }],
  });
}

/** A fingerprint of a measure's table, for the grid's stale-form check: any change to any cell changes it. */
export function tableVersion(rows: readonly BenchmarkRow[]): string {
  const text = rows
    .map((r) => `${r.grade}/${r.season}/${r.benchmark}/${r.riskCut ?? ""}`)
    .sort()
    .join("\n");
  return createHash("sha256").update(text).digest("hex").slice(0, 32);
}

const measureTarget = (unverifiedMeasureId: string) => ({ entityType: "Measure", entityId: unverifiedMeasureId.slice(0, 64) });

/** The district's measure in use with this id, or null (malformed, unknown, archived or another district's). */
async function measureIn(tx: Tx, districtId: string, unverifiedMeasureId: string) {
  const id = z.uuid().safeParse(unverifiedMeasureId);
  return id.success ? tx.measure.findFirst({ where: { id: id.data, districtId, archivedAt: null } }) : null;
}

/**
 * The benchmarks page: the district's measures to choose from and the chosen
 * one's table (ORF by default). Administrators only; an unknown measure is not found.
 */
export async function getBenchmarksPage(ctx: Ctx, unverifiedMeasureId: string | undefined) {
  await authorizePage(ctx, "benchmark.manage", { entityType: "Benchmark" });
  const page = await withTenant(ctx.districtId, async (tx) => {
    const measures = await listMeasuresIn(tx, ctx.districtId);
    const chosen = unverifiedMeasureId
      ? await measureIn(tx, ctx.districtId, unverifiedMeasureId)
      : (measures.find((m) => m.key === "orf_wcpm") ?? measures[0] ?? null);
    if (!chosen) return { measures, chosen: null };
    const rows = await listBenchmarksIn(tx, ctx.districtId, [chosen.id]);
    return { measures, chosen: { id: chosen.id, key: chosen.key, measure: measureOf(chosen), rows, version: tableVersion(rows) } };
  });
  if (unverifiedMeasureId && !page.chosen) return pageNotFound(ctx, "benchmark.manage", measureTarget(unverifiedMeasureId));
  return { measures: page.measures.map((m) => ({ id: m.id, name: m.name })), chosen: page.chosen };
}

/** One measure's table as a CSV file in the upload format; the download is audited. */
export async function exportBenchmarksCsv(ctx: Ctx, unverifiedMeasureId: string) {
  await authorizePage(ctx, "benchmark.manage", { entityType: "Benchmark" });
  const file = await withTenant(ctx.districtId, async (tx) => {
    const measure = await measureIn(tx, ctx.districtId, unverifiedMeasureId);
    if (!measure) return null;
    const rows = await listBenchmarksIn(tx, ctx.districtId, [measure.id]);
    await recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "export", entityType: "Benchmark", entityId: measure.id, detail: { measureKey: measure.key, rows: rows.length } });
    return { filename: `benchmarks-${measure.key.replace(/[^a-z0-9_-]/gi, "_")}.csv`, csv: benchmarkCsv(rows.map((r) => ({ ...r, measureKey: measure.key }))) };
  });
  return file ?? pageNotFound(ctx, "benchmark.manage", measureTarget(unverifiedMeasureId));
}
