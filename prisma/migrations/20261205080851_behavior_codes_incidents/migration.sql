-- CreateEnum
CREATE TYPE "BehaviorCodeKind" AS ENUM ('BEHAVIOR', 'LOCATION', 'MOTIVATION', 'ACTION');

-- CreateEnum
CREATE TYPE "BehaviorSeverity" AS ENUM ('MINOR', 'MAJOR');

-- CreateEnum
CREATE TYPE "IncidentStatus" AS ENUM ('HANDLED', 'AWAITING_REVIEW', 'REVIEWED');

-- CreateTable
CREATE TABLE "BehaviorCode" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "districtId" UUID NOT NULL,
    "kind" "BehaviorCodeKind" NOT NULL,
    "code" VARCHAR(40) NOT NULL,
    "label" VARCHAR(80) NOT NULL,
    "severity" "BehaviorSeverity",
    "edfiDescriptor" VARCHAR(80),
    "edfiCodeValue" VARCHAR(120),
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,
    "retiredAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "BehaviorCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Incident" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "districtId" UUID NOT NULL,
    "schoolId" UUID NOT NULL,
    "studentId" UUID NOT NULL,
    "reportId" UUID NOT NULL,
    "occurredOn" DATE NOT NULL,
    "occurredMinute" INTEGER NOT NULL,
    "behaviorCodeId" UUID NOT NULL,
    "severity" "BehaviorSeverity" NOT NULL,
    "locationCodeId" UUID NOT NULL,
    "motivationCodeId" UUID,
    "actionCodeId" UUID,
    "othersInvolved" TEXT[],
    "notes" VARCHAR(2000),
    "status" "IncidentStatus" NOT NULL,
    "reportedByUserId" UUID NOT NULL,
    "reviewedByUserId" UUID,
    "reviewedAt" TIMESTAMPTZ(3),
    "reviewNote" VARCHAR(1000),
    "version" INTEGER NOT NULL DEFAULT 1,
    "archivedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentRevision" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "districtId" UUID NOT NULL,
    "incidentId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "previous" JSONB NOT NULL,
    "reason" VARCHAR(500) NOT NULL,
    "changedByUserId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IncidentRevision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BehaviorCode_districtId_id_key" ON "BehaviorCode"("districtId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "BehaviorCode_districtId_kind_code_key" ON "BehaviorCode"("districtId", "kind", "code");

-- CreateIndex
CREATE INDEX "Incident_districtId_studentId_occurredOn_idx" ON "Incident"("districtId", "studentId", "occurredOn");

-- CreateIndex
CREATE INDEX "Incident_districtId_schoolId_occurredOn_idx" ON "Incident"("districtId", "schoolId", "occurredOn");

-- CreateIndex
CREATE INDEX "Incident_districtId_schoolId_status_idx" ON "Incident"("districtId", "schoolId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Incident_districtId_id_key" ON "Incident"("districtId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Incident_districtId_reportId_studentId_key" ON "Incident"("districtId", "reportId", "studentId");

-- CreateIndex
CREATE UNIQUE INDEX "IncidentRevision_districtId_incidentId_version_key" ON "IncidentRevision"("districtId", "incidentId", "version");

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_districtId_studentId_fkey" FOREIGN KEY ("districtId", "studentId") REFERENCES "Student"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_districtId_schoolId_fkey" FOREIGN KEY ("districtId", "schoolId") REFERENCES "School"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_districtId_behaviorCodeId_fkey" FOREIGN KEY ("districtId", "behaviorCodeId") REFERENCES "BehaviorCode"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_districtId_locationCodeId_fkey" FOREIGN KEY ("districtId", "locationCodeId") REFERENCES "BehaviorCode"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_districtId_motivationCodeId_fkey" FOREIGN KEY ("districtId", "motivationCodeId") REFERENCES "BehaviorCode"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_districtId_actionCodeId_fkey" FOREIGN KEY ("districtId", "actionCodeId") REFERENCES "BehaviorCode"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentRevision" ADD CONSTRAINT "IncidentRevision_districtId_incidentId_fkey" FOREIGN KEY ("districtId", "incidentId") REFERENCES "Incident"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------
-- Hand-written: grants and row-level security (docs/decisions/001-tenancy.md).
-- Never deleted: codes are retired, incidents corrected (with their
-- revisions) or archived, revisions only appended.
-- ---------------------------------------------------------------------------

GRANT SELECT, INSERT, UPDATE ON "BehaviorCode" TO mtss_app;
GRANT SELECT, INSERT, UPDATE ON "Incident" TO mtss_app;
GRANT SELECT, INSERT ON "IncidentRevision" TO mtss_app;

-- Last line of defence behind the zod schemas.
ALTER TABLE "BehaviorCode" ADD CONSTRAINT "BehaviorCode_labelled" CHECK (length(btrim("label")) > 0 AND length(btrim("code")) > 0);
ALTER TABLE "BehaviorCode" ADD CONSTRAINT "BehaviorCode_severity_for_behaviours"
  CHECK (("kind" = 'BEHAVIOR') = ("severity" IS NOT NULL));
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_minute_of_day" CHECK ("occurredMinute" BETWEEN 0 AND 1439);
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_review_matches_severity"
  CHECK (("severity" = 'MINOR') = ("status" = 'HANDLED'));

ALTER TABLE "BehaviorCode" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "BehaviorCode" FORCE ROW LEVEL SECURITY;
CREATE POLICY behavior_code_tenant ON "BehaviorCode"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());

ALTER TABLE "Incident" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Incident" FORCE ROW LEVEL SECURITY;
CREATE POLICY incident_tenant ON "Incident"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());

ALTER TABLE "IncidentRevision" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "IncidentRevision" FORCE ROW LEVEL SECURITY;
CREATE POLICY incident_revision_tenant ON "IncidentRevision"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());
