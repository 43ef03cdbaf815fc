// Background jobs (decision 021): a OneRoster import runs as jobs to its end,
// counting rows read and written per file; a job runs as the person who asked
// (audited as them, refused once they lost access); a failing job writes
// nothing and records its failure with a reference id; a job whose worker died
// is failed by the stale-job recovery, and its import with it; on PostgreSQL
// the same job goes through pg-boss.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Ctx } from "@/server/auth/session";
import { withTenant } from "@/server/db/tenant";
import { queueUpload } from "@/server/imports/jobs";
import { dispatchJob, drainInlineJobs, enqueueJob, startJobWorker, stopJobWorker } from "@/server/jobs/queue";
import { recoverStaleJobs, runJob, STALE_AFTER_MS } from "@/server/jobs/runner";
import { latestJobOf } from "@/server/jobs/status";
import type { JobProgress } from "@/server/jobs/types";
import { makeDistrict } from "../factories";
import { asOwner, engine, ownerSql } from "../support/db";
import { fixtureFiles, HAVE_ONEROSTER_FIXTURES, zipOf } from "../support/oneroster";
import { makePerson } from "../support/session";

vi.mock("@/server/auth/session", () => import("../support/session").then((m) => m.sessionModuleMock()));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

let districtId: string;
let otherDistrictId: string;
let admin: Ctx;
let formerAdmin: Ctx;

beforeAll(async () => {
  await asOwner(async (tx) => {
    districtId = (await makeDistrict(tx, { name: "Jobsville" })).id;
    otherDistrictId = (await makeDistrict(tx, { name: "Elsewhere" })).id;
    admin = (await makePerson(tx, { districtId, role: "ADMIN", email: "admin@jobsville.test" })).ctx;
    formerAdmin = (await makePerson(tx, { districtId, role: "ADMIN", email: "former@jobsville.test" })).ctx;
  });
});

const upload = async (who: Ctx, files: Record<string, Buffer>) => {
  const data = await zipOf(files);
  return withTenant(districtId, (tx) => queueUpload(tx, who, [{ name: "roster.zip", data: new Uint8Array(data) }], { teacher: "ROSTER", siteAdministrator: "ROSTER" }));
};
const jobRow = (id: string) => asOwner((tx) => tx.backgroundJob.findUniqueOrThrow({ where: { id } }));
const runRow = (id: string) => asOwner((tx) => tx.importRun.findUniqueOrThrow({ where: { id } }));

describe.skipIf(!HAVE_ONEROSTER_FIXTURES).sequential("a OneRoster import as background jobs", () => {
  it("the dry run and the apply run to done, as the administrator, with rows read and written per file", async () => {
    const { runId, job } = await upload(admin, fixtureFiles("catalyst_v1p2_full_dataset"));
    expect((await jobRow(job.id)).status).toBe("QUEUED");
    expect((await runRow(runId)).status).toBe("QUEUED");
    await runJob(job.id, districtId);
    const dry = await jobRow(job.id);
    expect(dry).toMatchObject({ status: "DONE", requestedByUserId: admin.userId, errorRef: null });
    const read = (dry.progress as unknown as JobProgress).files;
    expect(read.find((f) => f.name === "users.csv")).toMatchObject({ read: expect.any(Number), written: 0 });
    expect(read.find((f) => f.name === "users.csv")!.read).toBeGreaterThan(3);
    expect((await runRow(runId)).status).toBe("READY");

    const apply = await withTenant(districtId, async (tx) => {
      await tx.importRun.update({ where: { id: runId }, data: { status: "APPLYING" } });
      return enqueueJob(tx, admin, "oneroster.apply", { entityType: "ImportRun", entityId: runId, params: { confirmArchive: false } });
    });
    await runJob(apply.id, districtId);
    const done = await jobRow(apply.id);
    expect(done.status).toBe("DONE");
    const files = (done.progress as unknown as JobProgress).files;
    // users.csv: three students and the staff written; enrollments.csv: every enrollment.
    expect(files.find((f) => f.name === "users.csv")).toMatchObject({ written: expect.any(Number) });
    expect(files.find((f) => f.name === "users.csv")!.written).toBeGreaterThanOrEqual(3);
    const enrollments = await asOwner((tx) => tx.classEnrollment.count({ where: { districtId } }));
    expect(files.find((f) => f.name === "enrollments.csv")).toMatchObject({ written: enrollments, toWrite: enrollments });
    expect((await runRow(runId)).status).toBe("APPLIED");
    // Audited as the administrator who asked, naming the job.
    const audit = await asOwner((tx) => tx.auditEvent.findFirstOrThrow({ where: { entityId: runId, detail: { path: ["applied"], equals: true } } }));
    expect(audit).toMatchObject({ actorUserId: admin.userId, detail: { jobId: apply.id } });
    // A second delivery of a finished job does nothing.
    await runJob(apply.id, districtId);
    expect((await jobRow(apply.id)).finishedAt).toEqual(done.finishedAt);
  }, 90_000);

  it("the status a page polls shows the job, and another district sees none of it (RLS)", async () => {
    const run = await asOwner((tx) => tx.importRun.findFirstOrThrow({ where: { districtId, status: "APPLIED" } }));
    const status = await withTenant(districtId, (tx) => latestJobOf(tx, districtId, "ImportRun", run.id));
    expect(status).toMatchObject({ status: "DONE", progress: { phase: "done" } });
    expect(await withTenant(otherDistrictId, (tx) => tx.backgroundJob.count())).toBe(0);
    await expect(withTenant(otherDistrictId, (tx) => tx.backgroundJob.create({ data: { districtId, kind: "x", requestedByUserId: admin.userId, entityType: "ImportRun", entityId: run.id } }))).rejects.toThrow();
  });

  it("a job whose requester lost access fails, writes nothing, and its run says so", async () => {
    const { runId, job } = await upload(formerAdmin, fixtureFiles("catalyst_v1p2_full_dataset"));
    await asOwner((tx) => tx.membership.updateMany({ where: { districtId, userId: formerAdmin.userId }, data: { deactivatedAt: new Date() } }));
    await runJob(job.id, districtId);
    expect(await jobRow(job.id)).toMatchObject({ status: "FAILED", errorMessage: expect.stringMatching(/no longer has access/) });
    expect(await runRow(runId)).toMatchObject({ status: "FAILED", report: expect.objectContaining({ failure: expect.stringMatching(/no longer has access/) }) });
  });

  it("a job left running by a dead worker is failed with a reference id, and its import with it", async () => {
    const { runId, job } = await upload(admin, fixtureFiles("catalyst_v1p2_full_dataset"));
    // As a worker killed half-way: the job claimed, its heartbeat long silent.
    const old = new Date(Date.now() - STALE_AFTER_MS - 60_000);
    await asOwner((tx) => tx.backgroundJob.update({ where: { id: job.id }, data: { status: "RUNNING", startedAt: old, heartbeatAt: old } }));
    // A job still beating is left alone.
    const fresh = await upload(admin, fixtureFiles("catalyst_v1p2_full_dataset"));
    await asOwner((tx) => tx.backgroundJob.update({ where: { id: fresh.job.id }, data: { status: "RUNNING", startedAt: new Date(), heartbeatAt: new Date() } }));
    expect(await recoverStaleJobs({ queuedToo: false })).toBe(1);
    const failed = await jobRow(job.id);
    expect(failed).toMatchObject({ status: "FAILED", errorRef: expect.stringMatching(/^[0-9a-f]{8}$/) });
    expect(failed.errorMessage).toMatch(/interrupted/);
    expect((await runRow(runId)).status).toBe("FAILED");
    expect((await jobRow(fresh.job.id)).status).toBe("RUNNING");
    // The embedded engine's restart: its in-process queue is gone, so queued jobs fail too.
    await asOwner((tx) => tx.backgroundJob.update({ where: { id: fresh.job.id }, data: { status: "QUEUED" } }));
    expect(await recoverStaleJobs({ queuedToo: true, now: new Date(Date.now() + 1000) })).toBeGreaterThanOrEqual(1);
    expect((await jobRow(fresh.job.id)).status).toBe("FAILED");
  });

  it("without a pg-boss worker in the process, a dispatched job runs in-process (the embedded engine's path)", async () => {
    const { job } = await upload(admin, fixtureFiles("catalyst_v1p2_full_dataset"));
    await dispatchJob(job);
    await drainInlineJobs();
    expect((await jobRow(job.id)).status).toBe("DONE");
  }, 60_000);
});

describe.skipIf(!HAVE_ONEROSTER_FIXTURES || engine() !== "server").sequential("pg-boss on PostgreSQL", () => {
  afterAll(async () => {
    await stopJobWorker();
  });

  it("the worker installs pg-boss in its schema as the app role, and runs a dispatched job to done", async () => {
    // This file's own database (a clone of the migrated template), as the app role.
    await startJobWorker({ appUrl: (globalThis as unknown as { __mtssTestDb: { appUrl: string } }).__mtssTestDb.appUrl });
    const owner = await ownerSql<{ owner: string }>(`SELECT tableowner AS owner FROM pg_tables WHERE schemaname = 'pgboss' LIMIT 1`);
    expect(owner[0]?.owner).toBe("mtss_app");
    const { job } = await upload(admin, fixtureFiles("catalyst_v1p2_full_dataset"));
    await dispatchJob(job);
    const sent = await ownerSql<{ n: string }>(`SELECT count(*)::text AS n FROM pgboss.job WHERE data->>'jobId' = $1`, [job.id]);
    expect(Number(sent[0]?.n)).toBe(1);
    let status = "QUEUED";
    for (let i = 0; i < 120 && (status === "QUEUED" || status === "RUNNING"); i++) {
      await new Promise((r) => setTimeout(r, 500));
      status = (await jobRow(job.id)).status;
    }
    expect(status).toBe("DONE");
  }, 90_000);
});
