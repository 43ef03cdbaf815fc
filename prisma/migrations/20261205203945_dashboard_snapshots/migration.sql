-- CreateTable
CREATE TABLE "DashboardSnapshot" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "districtId" UUID NOT NULL,
    "dashboard" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "filters" JSONB NOT NULL,
    "scopeSchoolIds" UUID[],
    "data" JSONB NOT NULL,
    "refreshedAt" TIMESTAMPTZ(3) NOT NULL,
    "computeMs" INTEGER NOT NULL,
    "refreshQueuedAt" TIMESTAMPTZ(3),
    "lastReadAt" TIMESTAMPTZ(3) NOT NULL,
    "lastReadByUserId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DashboardSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DashboardSnapshot_districtId_refreshedAt_idx" ON "DashboardSnapshot"("districtId", "refreshedAt");

-- CreateIndex
CREATE UNIQUE INDEX "DashboardSnapshot_districtId_dashboard_key_key" ON "DashboardSnapshot"("districtId", "dashboard", "key");

-- AddForeignKey
ALTER TABLE "DashboardSnapshot" ADD CONSTRAINT "DashboardSnapshot_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "District"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------
-- Hand-written: grants and row-level security (docs/decisions/001-tenancy.md,
-- 037-dashboard-summary-tables.md).
-- ---------------------------------------------------------------------------

GRANT SELECT, INSERT, UPDATE, DELETE ON "DashboardSnapshot" TO mtss_app;

ALTER TABLE "DashboardSnapshot" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "DashboardSnapshot" FORCE ROW LEVEL SECURITY;
CREATE POLICY dashboard_snapshot_tenant ON "DashboardSnapshot"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());
