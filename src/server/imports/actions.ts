"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { ActionState } from "@/domain/action-state";
import type { StaffTarget } from "@/domain/oneroster/spec";
import type { Prisma } from "@/generated/prisma/client";
import { formToObject, NOT_A_FORM_REFUSAL, runAction } from "@/server/action";
import { recordAudit } from "@/server/audit/record";
import { hashPassword } from "@/server/auth/password";
import { authorizeAction } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";
import { withTenant, type Tx } from "@/server/db/tenant";
import { AppError, DeniedError, fieldError } from "@/server/errors";
import { PASSWORD_MIN_LENGTH } from "@/server/staff/schemas";
import { ZApplyImportInput, ZReviewImportInput, ZStartImportInput } from "./schemas";
import { dispatchJob, enqueueJob } from "@/server/jobs/queue";
import { queueUpload } from "./jobs";
import type { ImportReport } from "./service";
import { UPLOAD_LIMITS, type UploadedFile } from "./upload";

const json = (v: unknown) => v as Prisma.InputJsonValue;

/** A run of this district by an id from the browser, or NOT_FOUND with a denied event. */
async function findRun(tx: Tx, ctx: Ctx, unverifiedId: string) {
  const target = { entityType: "ImportRun", entityId: unverifiedId.slice(0, 64) };
  const id = z.uuid().safeParse(unverifiedId);
  if (!id.success) throw new DeniedError("roster.import", target);
  const run = await tx.importRun.findFirst({ where: { id: id.data, districtId: ctx.districtId, kind: "ONEROSTER" } });
  if (!run) throw new DeniedError("roster.import", target);
  return run;
}

/**
 * Uploads a OneRoster export and queues its dry run (a background job,
 * decision 021): the files are kept with a QUEUED run; nothing of the roster
 * is written. The run's page follows the job.
 */
export async function startImport(_prev: ActionState, form: FormData): Promise<ActionState> {
  if (!(form instanceof FormData)) return NOT_A_FORM_REFUSAL;
  const uploads = form.getAll("files").filter((v): v is File => typeof v !== "string" && v.size > 0);
  const result = await runAction("startImport", ZStartImportInput, { files: uploads.map((f) => f.name) }, async (ctx) => {
    authorizeAction(ctx, "roster.import", { entityType: "ImportRun" });
    const size = uploads.reduce((n, f) => n + f.size, 0);
    if (size > UPLOAD_LIMITS.uploadBytes) throw fieldError("files", `The upload is larger than ${UPLOAD_LIMITS.uploadBytes / 1024 / 1024} MB. Send the zip rather than the CSV files.`);
    const files: UploadedFile[] = await Promise.all(uploads.map(async (f) => ({ name: f.name.slice(0, 200), data: new Uint8Array(await f.arrayBuffer()) })));
    const { runId, job } = await withTenant(ctx.districtId, (tx) => queueUpload(tx, ctx, files));
    await dispatchJob(job);
    return runId;
  });
  if (!result.ok) return result;
  revalidatePath("/admin/imports");
  redirect(`/admin/imports/${result.data}`);
}

/** Queues the dry run again with the administrator's role mapping (what each OneRoster staff role becomes). */
export async function reviewImport(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("reviewImport", ZReviewImportInput, formToObject(form, ["mapping"]), async (ctx, input) => {
    authorizeAction(ctx, "roster.import", { entityType: "ImportRun", entityId: input.unverifiedImportId.slice(0, 64) });
    const job = await withTenant(ctx.districtId, async (tx) => {
      const run = await findRun(tx, ctx, input.unverifiedImportId);
      const claimed = await tx.importRun.updateMany({ where: { id: run.id, districtId: ctx.districtId, status: { in: ["READY", "BLOCKED"] } }, data: { status: "QUEUED" } });
      if (claimed.count === 0) throw new AppError("CONFLICT", "This import is no longer a dry run; start a new one.");
      const mapping = Object.fromEntries(input.mapping) as Record<string, StaffTarget>;
      const job = await enqueueJob(tx, ctx, "oneroster.analyse", { entityType: "ImportRun", entityId: run.id, params: json({ mapping }) });
      await recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "update", entityType: "ImportRun", entityId: run.id, detail: json({ dryRun: true, queued: true, jobId: job.id, mapping }) });
      return { job, runId: run.id };
    });
    await dispatchJob(job.job);
    return job.runId;
  });
  if (!result.ok) return result;
  revalidatePath(`/admin/imports/${result.data}`);
  return { ok: true, message: "The dry run is being done again with this mapping; the counts below follow when it ends." };
}

/**
 * Queues the apply of a dry run (a background job, decision 021): the job
 * reads and plans again and writes in ONE transaction (all or nothing); the
 * plan must equal the one the administrator read. Students are archived only
 * when the list was confirmed.
 */
export async function applyImport(_prev: ActionState, form: FormData): Promise<ActionState> {
  const result = await runAction("applyImport", ZApplyImportInput, formToObject(form), async (ctx, input) => {
    authorizeAction(ctx, "roster.import", { entityType: "ImportRun", entityId: input.unverifiedImportId.slice(0, 64) });
    const run = await withTenant(ctx.districtId, async (tx) => {
      const run = await findRun(tx, ctx, input.unverifiedImportId);
      if (run.status === "BLOCKED") throw new AppError("CONFLICT", "The dry run found errors: fix the files and upload them again.");
      const report = run.report as unknown as ImportReport;
      if (run.status === "READY" && report.counts.invitations.create > 0) {
        const pw = input.password ?? "";
        if (pw.length < PASSWORD_MIN_LENGTH) throw fieldError("password", `Set an initial password of at least ${PASSWORD_MIN_LENGTH} characters for the invited staff who have no account yet.`);
      }
      if (run.status !== "READY") throw new AppError("CONFLICT", "This import is being applied or was applied already; see the history.");
      return { id: run.id, report };
    });
    // Hashed before the job exists: the job keeps only the hash, and clears it when it ends.
    const passwordHash = run.report.counts.invitations.create > 0 ? await hashPassword(input.password ?? "") : null;
    const job = await withTenant(ctx.districtId, async (tx) => {
      const claimed = await tx.importRun.updateMany({ where: { id: run.id, districtId: ctx.districtId, status: "READY" }, data: { status: "APPLYING" } });
      if (claimed.count === 0) throw new AppError("CONFLICT", "This import is being applied or was applied already; see the history.");
      const job = await enqueueJob(tx, ctx, "oneroster.apply", { entityType: "ImportRun", entityId: run.id, params: { confirmArchive: input.confirmArchive === "on" }, secret: passwordHash });
      await recordAudit(tx, { districtId: ctx.districtId, actorUserId: ctx.userId, action: "update", entityType: "ImportRun", entityId: run.id, detail: json({ apply: true, queued: true, jobId: job.id }) });
      return job;
    });
    await dispatchJob(job);
    return run.id;
  });
  revalidatePath("/admin/imports");
  if (!result.ok) return result;
  revalidatePath(`/admin/imports/${result.data}`);
  return { ok: true, message: "The import is being applied in the background; you may leave this page. Its progress is shown below." };
}
