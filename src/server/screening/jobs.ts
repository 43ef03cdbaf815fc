import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { recordAudit } from "@/server/audit/record";
import { withTenant } from "@/server/db/tenant";
import { JobFailure, type JobHandler } from "@/server/jobs/types";
import { planImport } from "./queries";
import { writeFileScores } from "./scores";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * Applies an uploaded screening file: the dry run is made again inside one
 * transaction and, if it finds no error, exactly its scores are written, or
 * nothing at all.
 */
export const screeningApply: JobHandler = {
  permission: "screening.enter",
  entityType: "ScreeningImport",
  ownOnly: true,
  async run(ctx, job, progress) {
    return withTenant(
      ctx.districtId,
      async (tx) => {
        // One apply at a time per file: a second one waits here, then finds it applied.
        await tx.$queryRaw`SELECT "id" FROM "ScreeningImport" WHERE "districtId" = ${ctx.districtId}::uuid AND "id" = ${job.entityId}::uuid FOR UPDATE`;
        const fresh = await tx.screeningImport.findFirst({ where: { id: job.entityId, districtId: ctx.districtId, uploadedByUserId: ctx.userId } });
        if (!fresh) throw new JobFailure("The file is no longer there; upload it again.");
        if (fresh.status === "APPLIED") throw new JobFailure("This file has been applied already.");
        const file = fresh.filename;
        progress.phase("reading");
        const { plan, fileProblems } = await planImport(tx, ctx, fresh);
        if (!plan) throw new JobFailure(fileProblems[0]?.message ?? "Confirm the column mapping first.");
        progress.read(file, fresh.dataRows);
        if (plan.errors) throw new JobFailure(`Nothing was saved: the dry run finds ${plural(plan.errors, "error")}. Correct the file and upload it again.`);
        progress.phase("writing");
        progress.toWrite(file, plan.writes.length);
        // One statement: scores and their audit events (one per student, so not split in chunks).
        await writeFileScores(tx, ctx, plan.writes, fresh.id);
        progress.written(file, plan.writes.length);
        const created = plan.writes.filter((w) => w.previous === null).length;
        const summary = { created, updated: plan.writes.length - created, unchanged: plan.unchanged, warnings: plan.warnings };
        progress.phase("finishing");
        await tx.screeningImport.update({ where: { id: fresh.id }, data: { status: "APPLIED", appliedAt: new Date(), summary, content: null } });
        await recordAudit(tx, {
          districtId: ctx.districtId,
          actorUserId: ctx.userId,
          action: "update",
          entityType: "ScreeningImport",
          entityId: fresh.id,
          detail: { applied: true, jobId: job.id, ...summary },
        });
        return summary as Prisma.InputJsonValue;
      },
      undefined,
      15 * 60_000,
    );
  },
};
