import "server-only";
import { z } from "zod";
import { STAFF_TARGETS } from "@/domain/oneroster/spec";
import { recordAudit } from "@/server/audit/record";
import { authorizePage, pageNotFound } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import { withTenant, type Tx } from "@/server/db/tenant";
import type { SheetCounts } from "@/domain/spreadsheet";
import { latestJobOf, latestJobsOf } from "@/server/jobs/status";
import { APPLY_TIMEOUT_MS, type ImportReport } from "./service";

export type ImportStatusShown = "MAPPING" | "QUEUED" | "READY" | "BLOCKED" | "APPLYING" | "APPLIED" | "FAILED" | "SUPERSEDED" | "INTERRUPTED";

/**
 * A run's status as stored. A OneRoster job whose worker died is failed by the
 * stale-job recovery (decision 021), which fails its run too (spreadsheet
 * applies are jobs as well); a run still "applying" long after its
 * transaction's timeout (a spreadsheet apply started in the request before
 * the jobs) did not finish: its transaction rolled back.
 */
const shownStatus = (status: string, updatedAt: Date, now: Date): ImportStatusShown =>
  status === "APPLYING" && now.getTime() - updatedAt.getTime() > APPLY_TIMEOUT_MS + 60_000 ? "INTERRUPTED" : (status as ImportStatusShown);

/** Names of the district's own staff only (decision 009: no account names from elsewhere). */
async function staffNames(tx: Tx, districtId: string, userIds: string[]): Promise<Map<string, string>> {
  const rows = await tx.membership.findMany({ where: { districtId, userId: { in: [...new Set(userIds)] } }, select: { userId: true, user: { select: { name: true } } } });
  return new Map(rows.map((r) => [r.userId, r.user.name]));
}

/** The import history: who, when, what, with the counts (no student data). */
export async function listImports(ctx: Ctx) {
  await authorizePage(ctx, "roster.import", { entityType: "ImportRun" });
  return withTenant(ctx.districtId, async (tx) => {
    const runs = await tx.importRun.findMany({
      where: { districtId: ctx.districtId },
      orderBy: { createdAt: "desc" },
      take: 100,
      select: { id: true, kind: true, status: true, mode: true, version: true, createdByUserId: true, appliedByUserId: true, fileNames: true, errorCount: true, warningCount: true, counts: true, createdAt: true, appliedAt: true, updatedAt: true },
    });
    const names = await staffNames(tx, ctx.districtId, runs.flatMap((r) => [r.createdByUserId, r.appliedByUserId ?? r.createdByUserId]));
    const jobs = await latestJobsOf(tx, ctx.districtId, "ImportRun", runs.map((r) => r.id));
    const now = new Date();
    return runs.map((r) => ({
      ...r,
      job: jobs.get(r.id) ?? null,
      // A spreadsheet run's counts have students, staff and guardians (decision 019); OneRoster's have classes too.
      counts: r.counts as unknown as Partial<ImportReport["counts"]> & Partial<SheetCounts>,
      status: shownStatus(r.status, r.updatedAt, now),
      createdBy: names.get(r.createdByUserId) ?? "A former staff member",
      appliedBy: r.appliedByUserId ? (names.get(r.appliedByUserId) ?? "A former staff member") : null,
    }));
  });
}

/** One import with its report (findings may quote names from the files): a view, audited. */
export async function getImport(ctx: Ctx, unverifiedId: string) {
  const target = { entityType: "ImportRun", entityId: unverifiedId.slice(0, 64) };
  await authorizePage(ctx, "roster.import", target);
  const id = z.uuid().safeParse(unverifiedId);
  if (!id.success) return pageNotFound(ctx, "roster.import", target);
  const found = await withTenant(ctx.districtId, async (tx) => {
    const run = await tx.importRun.findFirst({ where: { id: id.data, districtId: ctx.districtId } });
    if (!run) return null;
    await recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "view", entityType: "ImportRun", entityId: run.id });
    const names = await staffNames(tx, ctx.districtId, [run.createdByUserId]);
    return { run, createdBy: names.get(run.createdByUserId) ?? "A former staff member", job: await latestJobOf(tx, ctx.districtId, "ImportRun", run.id) };
  });
  if (!found) return pageNotFound(ctx, "roster.import", target);
  const { run } = found;
  return {
    id: run.id,
    kind: run.kind,
    status: shownStatus(run.status, run.updatedAt, new Date()),
    createdAt: run.createdAt,
    appliedAt: run.appliedAt,
    createdBy: found.createdBy,
    report: run.report as unknown as ImportReport,
    targets: STAFF_TARGETS,
    job: found.job,
  };
}

/**
 * The progress of a run's latest job, polled by its page while it runs:
 * counts only (no names), so not audited as a view; refused as any other
 * record of the district (404 and a denied event).
 */
export async function importJobStatus(ctx: Ctx, unverifiedId: string) {
  const target = { entityType: "ImportRun", entityId: unverifiedId.slice(0, 64) };
  await authorizePage(ctx, "roster.import", target);
  const id = z.uuid().safeParse(unverifiedId);
  if (!id.success) return pageNotFound(ctx, "roster.import", target);
  const found = await withTenant(ctx.districtId, async (tx) => {
    const run = await tx.importRun.findFirst({ where: { id: id.data, districtId: ctx.districtId }, select: { id: true, status: true } });
    return run ? { status: run.status, job: await latestJobOf(tx, ctx.districtId, "ImportRun", run.id) } : null;
  });
  if (!found) return pageNotFound(ctx, "roster.import", target);
  return found;
}

/** The report as a JSON file: an export, audited. */
export async function exportImportReport(ctx: Ctx, unverifiedId: string) {
  const target = { entityType: "ImportRun", entityId: unverifiedId.slice(0, 64) };
  await authorizePage(ctx, "roster.import", target);
  const id = z.uuid().safeParse(unverifiedId);
  if (!id.success) return pageNotFound(ctx, "roster.import", target);
  const run = await withTenant(ctx.districtId, async (tx) => {
    const run = await tx.importRun.findFirst({ where: { id: id.data, districtId: ctx.districtId }, select: { id: true, createdAt: true, status: true, report: true } });
    if (!run) return null;
    await recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "export", entityType: "ImportRun", entityId: run.id, detail: { format: "json" } });
    return run;
  });
  if (!run) return pageNotFound(ctx, "roster.import", target);
  return {
    filename: `import-${run.createdAt.toISOString().slice(0, 10)}-${run.id.slice(0, 8)}.json`,
    body: JSON.stringify({ importId: run.id, createdAt: run.createdAt, status: run.status, ...(run.report as object) }, null, 2),
  };
}
