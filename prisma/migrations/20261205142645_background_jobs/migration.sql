-- CreateEnum
CREATE TYPE "BackgroundJobStatus" AS ENUM ('QUEUED', 'RUNNING', 'DONE', 'FAILED');

-- AlterEnum
ALTER TYPE "ImportStatus" ADD VALUE 'QUEUED';

-- CreateTable
CREATE TABLE "BackgroundJob" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "districtId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "status" "BackgroundJobStatus" NOT NULL DEFAULT 'QUEUED',
    "requestedByUserId" UUID NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" UUID NOT NULL,
    "params" JSONB NOT NULL DEFAULT '{}',
    "secret" TEXT,
    "progress" JSONB NOT NULL DEFAULT '{}',
    "result" JSONB,
    "errorRef" TEXT,
    "errorMessage" TEXT,
    "heartbeatAt" TIMESTAMPTZ(3),
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "BackgroundJob_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BackgroundJob_districtId_entityType_entityId_createdAt_idx" ON "BackgroundJob"("districtId", "entityType", "entityId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "BackgroundJob_status_heartbeatAt_idx" ON "BackgroundJob"("status", "heartbeatAt");

-- CreateIndex
CREATE UNIQUE INDEX "BackgroundJob_districtId_id_key" ON "BackgroundJob"("districtId", "id");

-- AddForeignKey
ALTER TABLE "BackgroundJob" ADD CONSTRAINT "BackgroundJob_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "District"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------
-- Hand-written: grants and row-level security (docs/decisions/001-tenancy.md,
-- 021-background-jobs.md). Jobs are history: never deleted.
-- ---------------------------------------------------------------------------

GRANT SELECT, INSERT, UPDATE ON "BackgroundJob" TO mtss_app;

ALTER TABLE "BackgroundJob" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "BackgroundJob" FORCE ROW LEVEL SECURITY;
CREATE POLICY background_job_tenant ON "BackgroundJob"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());

-- Stale-run recovery needs to find, across districts, the jobs nobody is
-- running any more (a killed worker); it gets only their ids and districts,
-- then marks each failed in that district's tenant transaction.
-- A queued job is stale only when its queue is gone (the in-process runner
-- of the embedded engine, restarted): pg-boss keeps its queue.
CREATE FUNCTION stale_background_jobs(running_before timestamptz, queued_before timestamptz)
RETURNS TABLE ("id" uuid, "districtId" uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT "id", "districtId" FROM "BackgroundJob"
  WHERE ("status" = 'RUNNING' AND coalesce("heartbeatAt", "startedAt", "createdAt") < running_before)
     OR ("status" = 'QUEUED' AND "createdAt" < queued_before)
$$;
REVOKE ALL ON FUNCTION stale_background_jobs(timestamptz, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION stale_background_jobs(timestamptz, timestamptz) TO mtss_app;

-- pg-boss keeps its queue in a schema of its own, owned by the application
-- role so that it can install and maintain its tables there (it owns nothing
-- in public, where the district's data is: the start-up role check).
CREATE SCHEMA IF NOT EXISTS pgboss AUTHORIZATION mtss_app;
