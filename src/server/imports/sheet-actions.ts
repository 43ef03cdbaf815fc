"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { ActionState } from "@/domain/action-state";
import { SHEET_FIELDS, mappingProblems, type AnyField, type TableMapping } from "@/domain/spreadsheet";
import type { Prisma } from "@/generated/prisma/client";
import { formToObject, NOT_A_FORM_REFUSAL, runAction } from "@/server/action";
import { recordAudit } from "@/server/audit/record";
import { authorizeAction } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import { withTenant, type Tx } from "@/server/db/tenant";
import { AppError, DeniedError, fieldError, fieldErrors } from "@/server/errors";
import { dispatchJob, enqueueJob } from "@/server/jobs/queue";
import { ZApplySheetImportInput, ZConfirmSheetMappingInput, ZStartSheetImportInput } from "./schemas";
import { APPLY_TIMEOUT_MS } from "./service";
import { analyseSheet, claimSheetRun, proposeSheet, SHEET_LIMITS, sheetFilesOf, type SheetReport } from "./sheet";
import type { UploadedFile } from "./upload";

const json = (v: unknown) => v as Prisma.InputJsonValue;

/** A spreadsheet run of this district by an id from the browser, or NOT_FOUND with a denied event. */
async function findSheetRun(tx: Tx, ctx: Ctx, unverifiedId: string) {
  const target = { entityType: "ImportRun", entityId: unverifiedId.slice(0, 64) };
  const id = z.uuid().safeParse(unverifiedId);
  if (!id.success) throw new DeniedError("roster.import", target);
  const run = await tx.importRun.findFirst({ where: { id: id.data, districtId: ctx.districtId, kind: "SPREADSHEET" } });
  if (!run) throw new DeniedError("roster.import", target);
  return run;
}

/**
 * Uploads spreadsheet files (CSV or XLSX) of students, staff or guardians: the
 * files are read, a column mapping is proposed from their headers and kept
 * with the files; nothing is planned until the administrator confirms it.
 */
export async function startSheetImport(_prev: ActionState, form: FormData): Promise<ActionState> {
  if (!(form instanceof FormData)) return NOT_A_FORM_REFUSAL;
  const uploads = form.getAll("files").filter((v): v is File => typeof v !== "string" && v.size > 0);
  const result = await runAction("startSheetImport", ZStartSheetImportInput, { files: uploads.map((f) => f.name) }, async (ctx) => {
    authorizeAction(ctx, "roster.import", { entityType: "ImportRun" });
    const big = uploads.find((f) => f.size > SHEET_LIMITS.fileBytes);
    if (big) throw fieldError("files", `${big.name.slice(0, 100)} is larger than ${SHEET_LIMITS.fileBytes / 1024 / 1024} MB. Split it, or save it as CSV (much smaller than .xlsx).`);
    const files: UploadedFile[] = await Promise.all(
      uploads.map(async (f) => ({ name: (f.name.split(/[\\/]/).at(-1) ?? "upload").replace(/[\u0000-\u001f]/g, "").slice(0, 200) || "upload", data: new Uint8Array(await f.arrayBuffer()) })),
    );
    if (new Set(files.map((f) => f.name)).size !== files.length) throw fieldError("files", "Two files have the same name; rename one.");
    // The order the files are read back in later (by name): the mapping is per table, in this order.
    files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const report = await proposeSheet(files);
    return withTenant(
      ctx.districtId,
      async (tx) => {
        // One open dry run at a time (as decision 018): an older one would be applied against a plan nobody is reading.
        const open = await tx.importRun.findMany({ where: { districtId: ctx.districtId, status: { in: ["READY", "BLOCKED", "MAPPING"] } }, select: { id: true } });
        if (open.length) {
          await tx.importRun.updateMany({ where: { districtId: ctx.districtId, id: { in: open.map((r) => r.id) } }, data: { status: "SUPERSEDED" } });
          await tx.importFile.deleteMany({ where: { districtId: ctx.districtId, importRunId: { in: open.map((r) => r.id) } } });
        }
        const run = await tx.importRun.create({
          data: {
            districtId: ctx.districtId,
            kind: "SPREADSHEET",
            // A file that cannot be read at all has nothing to map: blocked at once.
            status: report.errors > 0 || report.tables.length === 0 ? "BLOCKED" : "MAPPING",
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
          detail: json({ dryRun: false, kind: "SPREADSHEET", files: report.files, tables: report.tables.length, errors: report.errors }),
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

/** Confirms what each table and column holds, and runs the dry run with that mapping. */
export async function confirmSheetMapping(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("confirmSheetMapping", ZConfirmSheetMappingInput, formToObject(form, ["kind", "column"]), async (ctx, input) => {
    authorizeAction(ctx, "roster.import", { entityType: "ImportRun", entityId: input.unverifiedImportId.slice(0, 64) });
    return withTenant(
      ctx.districtId,
      async (tx) => {
        const run = await findSheetRun(tx, ctx, input.unverifiedImportId);
        if (!["MAPPING", "READY", "BLOCKED"].includes(run.status)) throw new AppError("CONFLICT", "This import is no longer a dry run; start a new one.");
        const previous = run.report as unknown as SheetReport;
        if (input.kind.length !== previous.tables.length) throw fieldErrors({ _form: ["Choose what each table holds."] });
        const mappings: TableMapping[] = previous.tables.map((t, ti) => {
          const kind = input.kind[ti] as TableMapping["kind"];
          const fields = SHEET_FIELDS[kind] as Record<string, unknown>;
          const columns = t.headers.map((_, ci) => {
            const f = input.column.find((c) => c.table === ti && c.index === ci)?.field ?? null;
            return f !== null && f in fields ? (f as AnyField) : null;
          });
          return { kind, columns };
        });
        // A mapping that cannot work is the form's error, not a dry run of errors.
        const problems = mappings.flatMap((m, ti) => mappingProblems(m, previous.tables[ti]?.headers ?? []).map((p) => `${previous.tables[ti]?.sheet ?? previous.tables[ti]?.file}: ${p.message}`));
        if (problems.length) throw fieldErrors({ _form: problems });
        const { report } = await analyseSheet(tx, ctx.districtId, await sheetFilesOf(tx, ctx.districtId, run.id), mappings);
        await tx.importRun.update({
          where: { id: run.id },
          data: { status: report.errors > 0 ? "BLOCKED" : "READY", errorCount: report.errors, warningCount: report.warnings, counts: json(report.counts), report: json(report) },
        });
        await recordAudit(tx, {
          districtId: ctx.districtId,
          actorUserId: ctx.userId,
          action: "update",
          entityType: "ImportRun",
          entityId: run.id,
          detail: json({ dryRun: true, kind: "SPREADSHEET", mapping: mappings, counts: report.counts, errors: report.errors, warnings: report.warnings }),
        });
        return run.id;
      },
      undefined,
      APPLY_TIMEOUT_MS,
    );
  });
  if (!result.ok) return result;
  revalidatePath(`/admin/imports/${result.data}`);
  return { ok: true, message: "The dry run was done with these columns. Read what it would do below, then apply." };
}

/**
 * Applies the dry run as read, in the background (decision 021): the run is
 * claimed (APPLYING) and its job recorded in one transaction, then handed to
 * the worker; the run's page shows the job's progress and the outcome.
 */
export async function applySheetImport(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("applySheetImport", ZApplySheetImportInput, formToObject(form), async (ctx, input) => {
    authorizeAction(ctx, "roster.import", { entityType: "ImportRun", entityId: input.unverifiedImportId.slice(0, 64) });
    const { runId, job } = await withTenant(ctx.districtId, async (tx) => {
      const run = await findSheetRun(tx, ctx, input.unverifiedImportId);
      await claimSheetRun(tx, ctx.districtId, run.id);
      const job = await enqueueJob(tx, ctx, "spreadsheet.apply", { entityType: "ImportRun", entityId: run.id });
      await recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "update", entityType: "ImportRun", entityId: run.id, detail: json({ apply: true, queued: true, jobId: job.id, kind: "SPREADSHEET" }) });
      return { runId: run.id, job };
    });
    await dispatchJob(job);
    return runId;
  });
  revalidatePath("/admin/imports");
  if (!result.ok) return result;
  revalidatePath(`/admin/imports/${result.data}`);
  return { ok: true, message: "The import is being applied in the background; you may leave this page. Its progress is shown above." };
}
