import "server-only";
import type { StaffTarget } from "@/domain/oneroster/spec";
import type { Prisma } from "@/generated/prisma/client";
import { recordAudit } from "@/server/audit/record";
import { withTenant, type Tx } from "@/server/db/tenant";
import { enqueueJob } from "@/server/jobs/queue";
import { JobFailure, type JobHandler } from "@/server/jobs/types";
import { analyse, APPLY_TIMEOUT_MS, executePlan, fingerprint, type ImportReport } from "./service";
import { failSheetRun, SheetPlanChanged, writeSheetRun } from "./sheet";
import type { UploadedFile } from "./upload";

const json = (v: unknown) => v as Prisma.InputJsonValue;

export function statusOf(report: ImportReport) {
  return report.errors > 0 ? ("BLOCKED" as const) : ("READY" as const);
}

export async function filesOf(tx: Tx, districtId: string, importRunId: string): Promise<UploadedFile[]> {
  const rows = await tx.importFile.findMany({ where: { districtId, importRunId }, orderBy: { name: "asc" }, select: { name: true, data: true } });
  return rows.map((r) => ({ name: r.name, data: new Uint8Array(r.data) }));
}

/** Puts a run whose job failed or died back where the administrator can see it failed (nothing was written). */
async function failRun(districtId: string, runId: string, from: "QUEUED" | "APPLYING", message: string) {
  await withTenant(districtId, async (tx) => {
    const run = await tx.importRun.findFirst({ where: { id: runId, districtId, status: from }, select: { report: true } });
    if (!run) return;
    await tx.importRun.update({ where: { id: runId }, data: { status: "FAILED", report: json({ ...(run.report as object), failure: message }) } });
  });
}

/**
 * The dry run of an uploaded OneRoster export (and again with the
 * administrator's role mapping): reads the files kept with the run, plans
 * against the district, and stores the report. Writes nothing of the roster.
 */
export const onerosterAnalyse: JobHandler = {
  permission: "roster.import",
  entityType: "ImportRun",
  ownOnly: false,
  async run(ctx, job, progress) {
    const mapping = (job.params.mapping ?? {}) as Record<string, StaffTarget>;
    return withTenant(
      ctx.districtId,
      async (tx) => {
        const run = await tx.importRun.findFirst({ where: { id: job.entityId, districtId: ctx.districtId } });
        if (!run || run.status !== "QUEUED") throw new JobFailure("This upload was replaced or applied before its dry run ran.");
        const { report } = await analyse(tx, ctx.districtId, await filesOf(tx, ctx.districtId, run.id), mapping, progress);
        progress.phase("finishing");
        await tx.importRun.update({
          where: { id: run.id },
          data: { status: statusOf(report), mode: report.mode, version: report.version, errorCount: report.errors, warningCount: report.warnings, counts: json(report.counts), report: json(report) },
        });
        await recordAudit(tx, {
          districtId: ctx.districtId,
          actorUserId: ctx.userId,
          action: "update",
          entityType: "ImportRun",
          entityId: run.id,
          detail: json({ dryRun: true, kind: "ONEROSTER", jobId: job.id, files: report.files, mapping: report.mapping, counts: report.counts, errors: report.errors, warnings: report.warnings }),
        });
        return json({ errors: report.errors, warnings: report.warnings, counts: report.counts });
      },
      undefined,
      APPLY_TIMEOUT_MS,
    );
  },
  onFailure: (ctx, job, message) => failRun(ctx.districtId, job.entityId, "QUEUED", `The dry run failed: ${message}`),
};

/** The district's records changed between the dry run and the apply. */
class PlanChanged extends Error {
  constructor(readonly report: ImportReport) {
    super("plan changed since the dry run");
  }
}

/**
 * Applies a dry run: the same reading and planning, then the writes, in ONE
 * transaction (all or nothing). The plan must equal the one the administrator
 * read; students are archived only when the list was confirmed.
 */
export const onerosterApply: JobHandler = {
  permission: "roster.import",
  entityType: "ImportRun",
  ownOnly: false,
  async run(ctx, job, progress) {
    const confirmArchive = job.params.confirmArchive === true;
    try {
      const applied = await withTenant(
        ctx.districtId,
        async (tx) => {
          const run = await tx.importRun.findFirst({ where: { id: job.entityId, districtId: ctx.districtId } });
          if (!run || run.status !== "APPLYING") throw new JobFailure("This import is no longer waiting to be applied.");
          const dryRun = run.report as unknown as ImportReport;
          const { plan, report } = await analyse(tx, ctx.districtId, await filesOf(tx, ctx.districtId, run.id), dryRun.mapping, progress);
          if (report.errors > 0 || fingerprint(report) !== fingerprint(dryRun)) throw new PlanChanged(report);
          const applied = await executePlan(tx, plan, { districtId: ctx.districtId, archive: confirmArchive, passwordHash: job.secret, progress });
          progress.phase("finishing");
          await tx.importRun.update({
            where: { id: run.id },
            data: { status: "APPLIED", appliedAt: new Date(), appliedByUserId: ctx.userId, counts: json(applied), report: json({ ...report, counts: applied }) },
          });
          await tx.importFile.deleteMany({ where: { districtId: ctx.districtId, importRunId: run.id } });
          await recordAudit(tx, {
            districtId: ctx.districtId,
            actorUserId: ctx.userId,
            action: "update",
            entityType: "ImportRun",
            entityId: run.id,
            detail: json({ applied: true, kind: "ONEROSTER", jobId: job.id, version: report.version, mode: report.mode, counts: applied, archivedConfirmed: confirmArchive }),
          });
          return applied;
        },
        undefined,
        APPLY_TIMEOUT_MS,
      );
      return json(applied);
    } catch (error) {
      if (!(error instanceof PlanChanged)) throw error;
      // Back to a dry run showing the plan as it is now, for the administrator to read again.
      await withTenant(ctx.districtId, (tx) =>
        tx.importRun.updateMany({
          where: { id: job.entityId, districtId: ctx.districtId, status: "APPLYING" },
          data: { status: statusOf(error.report), errorCount: error.report.errors, warningCount: error.report.warnings, counts: json(error.report.counts), report: json(error.report) },
        }),
      );
      throw new JobFailure("The district's records changed since this dry run, so nothing was applied. The report now shows what the import would do; read it and apply again.");
    }
  },
  onFailure: (ctx, job, message) => failRun(ctx.districtId, job.entityId, "APPLYING", `Applying failed and nothing was written: ${message}`),
};

/**
 * Applies a spreadsheet import's dry run (decision 019) in the background:
 * the action claimed the run (APPLYING); writeSheetRun reads, plans, compares
 * and writes in one transaction, or nothing.
 */
export const spreadsheetApply: JobHandler = {
  permission: "roster.import",
  entityType: "ImportRun",
  ownOnly: false,
  async run(ctx, job, progress) {
    try {
      return json(await writeSheetRun({ runId: job.entityId, districtId: ctx.districtId, userId: ctx.userId, jobId: job.id }, progress));
    } catch (error) {
      // The run is back to a dry run showing the new plan (writeSheetRun put it there).
      if (error instanceof SheetPlanChanged) throw new JobFailure(error.message);
      throw error;
    }
  },
  onFailure: (ctx, job, message) => failSheetRun(ctx.districtId, job.entityId, `Applying failed and nothing was written: ${message}`),
};

/** The report of a run whose dry run has not ended yet: nothing planned, nothing found. */
export function emptyReport(files: string[]): ImportReport {
  const zero = { create: 0, update: 0 };
  return {
    version: null,
    mode: null,
    files,
    counts: {
      schools: { ...zero },
      sessions: { ...zero, remove: 0 },
      students: { ...zero, archive: 0 },
      staff: { ...zero, archive: 0 },
      invitations: { create: 0 },
      classes: { ...zero, remove: 0 },
      enrollments: { ...zero, remove: 0 },
    },
    errors: 0,
    warnings: 0,
    omitted: 0,
    findings: [],
    staffRoles: [],
    mapping: {},
    archive: [],
  };
}

/**
 * Keeps an upload with a QUEUED run and queues its dry run, in the caller's
 * tenant transaction; dispatch the returned job once it has committed.
 */
export async function queueUpload(tx: Tx, ctx: { districtId: string; userId: string }, files: UploadedFile[], mapping: Record<string, StaffTarget> = {}) {
  // One open dry run at a time: an older one would be applied against a plan nobody is reading.
  const open = await tx.importRun.findMany({ where: { districtId: ctx.districtId, status: { in: ["READY", "BLOCKED", "MAPPING"] } }, select: { id: true } });
  if (open.length) {
    await tx.importRun.updateMany({ where: { districtId: ctx.districtId, id: { in: open.map((r) => r.id) } }, data: { status: "SUPERSEDED" } });
    await tx.importFile.deleteMany({ where: { districtId: ctx.districtId, importRunId: { in: open.map((r) => r.id) } } });
  }
  const report = emptyReport(files.map((f) => f.name));
  const run = await tx.importRun.create({
    data: { districtId: ctx.districtId, kind: "ONEROSTER", status: "QUEUED", createdByUserId: ctx.userId, fileNames: report.files, counts: json(report.counts), report: json(report) },
    select: { id: true },
  });
  for (const f of files) await tx.importFile.create({ data: { districtId: ctx.districtId, importRunId: run.id, name: f.name, data: Buffer.from(f.data) } });
  const job = await enqueueJob(tx, ctx, "oneroster.analyse", { entityType: "ImportRun", entityId: run.id, params: json({ mapping }) });
  await recordAudit(tx, {
    districtId: ctx.districtId,
    actorUserId: ctx.userId,
    action: "create",
    entityType: "ImportRun",
    entityId: run.id,
    detail: json({ dryRun: true, queued: true, jobId: job.id, kind: "ONEROSTER", files: report.files }),
  });
  return { runId: run.id, job };
}
