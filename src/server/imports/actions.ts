"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { ActionState } from "@/domain/action-state";
import type { StaffTarget } from "@/domain/oneroster/spec";
import type { Prisma } from "@/generated/prisma/client";
import { formToObject, runAction } from "@/server/action";
import { recordAudit } from "@/server/audit/record";
import { hashPassword } from "@/server/auth/password";
import { authorizeAction } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import { withTenant, type Tx } from "@/server/db/tenant";
import { AppError, DeniedError, fieldError, logUnexpected } from "@/server/errors";
import { PASSWORD_MIN_LENGTH } from "@/server/staff/schemas";
import { ZApplyImportInput, ZReviewImportInput, ZStartImportInput } from "./schemas";
import { analyse, APPLY_TIMEOUT_MS, executePlan, fingerprint, type ImportReport } from "./service";
import { UPLOAD_LIMITS, type UploadedFile } from "./upload";

const json = (v: unknown) => v as Prisma.InputJsonValue;

function statusOf(report: ImportReport) {
  return report.errors > 0 ? ("BLOCKED" as const) : ("READY" as const);
}

/** A run of this district by an id from the browser, or NOT_FOUND with a denied event. */
async function findRun(tx: Tx, ctx: Ctx, unverifiedId: string) {
  const target = { entityType: "ImportRun", entityId: unverifiedId.slice(0, 64) };
  const id = z.uuid().safeParse(unverifiedId);
  if (!id.success) throw new DeniedError("roster.import", target);
  const run = await tx.importRun.findFirst({ where: { id: id.data, districtId: ctx.districtId, kind: "ONEROSTER" } });
  if (!run) throw new DeniedError("roster.import", target);
  return run;
}

async function filesOf(tx: Tx, districtId: string, importRunId: string): Promise<UploadedFile[]> {
  const rows = await tx.importFile.findMany({ where: { districtId, importRunId }, orderBy: { name: "asc" }, select: { name: true, data: true } });
  return rows.map((r) => ({ name: r.name, data: new Uint8Array(r.data) }));
}

/**
 * Uploads a OneRoster export and runs its dry run: nothing of the roster is
 * written, only the ImportRun with its report and the files (kept for the apply).
 */
export async function startImport(_prev: ActionState, form: FormData): Promise<ActionState> {
  const uploads = form.getAll("files").filter((v): v is File => typeof v !== "string" && v.size > 0);
  const result = await runAction("startImport", ZStartImportInput, { files: uploads.map((f) => f.name) }, async (ctx) => {
    authorizeAction(ctx, "roster.import", { entityType: "ImportRun" });
    const size = uploads.reduce((n, f) => n + f.size, 0);
    if (size > UPLOAD_LIMITS.uploadBytes) throw fieldError("files", `The upload is larger than ${UPLOAD_LIMITS.uploadBytes / 1024 / 1024} MB. Send the zip rather than the CSV files.`);
    const files: UploadedFile[] = await Promise.all(uploads.map(async (f) => ({ name: f.name.slice(0, 200), data: new Uint8Array(await f.arrayBuffer()) })));
    return withTenant(
      ctx.districtId,
      async (tx) => {
        const { report } = await analyse(tx, ctx.districtId, files, {});
        // One open dry run at a time: an older one would be applied against a plan nobody is reading.
        const open = await tx.importRun.findMany({ where: { districtId: ctx.districtId, status: { in: ["READY", "BLOCKED", "MAPPING"] } }, select: { id: true } });
        if (open.length) {
          await tx.importRun.updateMany({ where: { districtId: ctx.districtId, id: { in: open.map((r) => r.id) } }, data: { status: "SUPERSEDED" } });
          await tx.importFile.deleteMany({ where: { districtId: ctx.districtId, importRunId: { in: open.map((r) => r.id) } } });
        }
        const run = await tx.importRun.create({
          data: {
            districtId: ctx.districtId,
            kind: "ONEROSTER",
            status: statusOf(report),
            mode: report.mode,
            version: report.version,
            createdByUserId: ctx.userId,
            fileNames: report.files,
            errorCount: report.errors,
            warningCount: report.warnings,
            counts: json(report.counts),
            report: json(report),
          },
          select: { id: true },
        });
        for (const f of files) await tx.importFile.create({ data: { districtId: ctx.districtId, importRunId: run.id, name: f.name, data: Buffer.from(f.data) } });
        await recordAudit(tx, {
          districtId: ctx.districtId,
          actorUserId: ctx.userId,
          action: "create",
          entityType: "ImportRun",
          entityId: run.id,
          detail: json({ dryRun: true, kind: "ONEROSTER", files: report.files, counts: report.counts, errors: report.errors, warnings: report.warnings }),
        });
        return run.id;
      },
      undefined,
      APPLY_TIMEOUT_MS,
    );
  });
  if (!result.ok) return result;
  revalidatePath("/admin/imports");
  redirect(`/admin/imports/${result.data}`);
}

/** Runs the dry run again with the administrator's role mapping (what each OneRoster staff role becomes). */
export async function reviewImport(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("reviewImport", ZReviewImportInput, formToObject(form, ["mapping"]), async (ctx, input) => {
    authorizeAction(ctx, "roster.import", { entityType: "ImportRun", entityId: input.unverifiedImportId.slice(0, 64) });
    return withTenant(
      ctx.districtId,
      async (tx) => {
        const run = await findRun(tx, ctx, input.unverifiedImportId);
        if (run.status !== "READY" && run.status !== "BLOCKED") throw new AppError("CONFLICT", "This import is no longer a dry run; start a new one.");
        const mapping = Object.fromEntries(input.mapping) as Record<string, StaffTarget>;
        const { report } = await analyse(tx, ctx.districtId, await filesOf(tx, ctx.districtId, run.id), mapping);
        await tx.importRun.update({
          where: { id: run.id },
          data: { status: statusOf(report), errorCount: report.errors, warningCount: report.warnings, counts: json(report.counts), report: json(report) },
        });
        await recordAudit(tx, {
          districtId: ctx.districtId,
          actorUserId: ctx.userId,
          action: "update",
          entityType: "ImportRun",
          entityId: run.id,
          detail: json({ dryRun: true, mapping: report.mapping, counts: report.counts }),
        });
        return run.id;
      },
      undefined,
      APPLY_TIMEOUT_MS,
    );
  });
  if (!result.ok) return result;
  revalidatePath(`/admin/imports/${result.data}`);
  return { ok: true, message: "The dry run was done again with this mapping. Read the counts below, then apply." };
}

/**
 * Applies a dry run: the same reading and planning, then the writes, in ONE
 * transaction (all or nothing). The plan must equal the one the administrator
 * read; students are archived only when the list was confirmed.
 */
export async function applyImport(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("applyImport", ZApplyImportInput, formToObject(form), async (ctx, input) => {
    authorizeAction(ctx, "roster.import", { entityType: "ImportRun", entityId: input.unverifiedImportId.slice(0, 64) });
    // Claim the run in its own transaction, so the history shows it being applied even if the page is closed.
    const run = await withTenant(ctx.districtId, async (tx) => {
      const run = await findRun(tx, ctx, input.unverifiedImportId);
      if (run.status === "BLOCKED") throw new AppError("CONFLICT", "The dry run found errors: fix the files and upload them again.");
      const report = run.report as unknown as ImportReport;
      if (report.counts.invitations.create > 0) {
        const pw = input.password ?? "";
        if (pw.length < PASSWORD_MIN_LENGTH) throw fieldError("password", `Set an initial password of at least ${PASSWORD_MIN_LENGTH} characters for the invited staff who have no account yet.`);
      }
      const claimed = await tx.importRun.updateMany({ where: { id: run.id, districtId: ctx.districtId, status: "READY" }, data: { status: "APPLYING" } });
      if (claimed.count === 0) throw new AppError("CONFLICT", "This import is being applied or was applied already; see the history.");
      return { id: run.id, report };
    });
    const passwordHash = run.report.counts.invitations.create > 0 ? await hashPassword(input.password ?? "") : null;
    try {
      return await withTenant(
        ctx.districtId,
        async (tx) => {
          const { plan, report } = await analyse(tx, ctx.districtId, await filesOf(tx, ctx.districtId, run.id), run.report.mapping);
          if (report.errors > 0 || fingerprint(report) !== fingerprint(run.report)) throw new PlanChanged(report);
          const applied = await executePlan(tx, plan, { districtId: ctx.districtId, archive: input.confirmArchive === "on", passwordHash });
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
            detail: json({ applied: true, kind: "ONEROSTER", version: report.version, mode: report.mode, counts: applied, archivedConfirmed: input.confirmArchive === "on" }),
          });
          return applied;
        },
        undefined,
        APPLY_TIMEOUT_MS,
      );
    } catch (error) {
      await withTenant(ctx.districtId, async (tx) => {
        if (error instanceof PlanChanged) {
          // Back to a dry run showing the plan as it is now, for the administrator to read again.
          await tx.importRun.update({
            where: { id: run.id },
            data: { status: statusOf(error.report), errorCount: error.report.errors, warningCount: error.report.warnings, counts: json(error.report.counts), report: json(error.report) },
          });
        } else {
          const ref = logUnexpected(error, "applyImport");
          await tx.importRun.update({ where: { id: run.id }, data: { status: "FAILED", report: json({ ...run.report, failure: `Applying failed (reference ${ref}); nothing was written.` }) } });
        }
      });
      if (error instanceof PlanChanged) {
        throw new AppError("CONFLICT", "The district's records changed since this dry run, so nothing was applied. The report now shows what the import would do; read it and apply again.");
      }
      throw new AppError("CONFLICT", "Applying failed and nothing was written. The history shows the import as failed; upload the files again to retry.");
    }
  });
  if (!result.ok) {
    revalidatePath("/admin/imports");
    return result;
  }
  revalidatePath("/admin/imports");
  revalidatePath("/students");
  const c = result.data;
  return {
    ok: true,
    message: `Applied: ${c.students.create} students created, ${c.students.update} updated, ${c.students.archive} archived; ${c.classes.create} classes and ${c.enrollments.create} enrollments created.`,
  };
}

class PlanChanged extends Error {
  constructor(readonly report: ImportReport) {
    super("plan changed since the dry run");
  }
}
