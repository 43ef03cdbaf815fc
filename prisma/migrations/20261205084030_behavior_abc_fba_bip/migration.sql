-- CreateEnum
CREATE TYPE "BehaviorFunction" AS ENUM ('OBTAIN_ATTENTION', 'OBTAIN_TANGIBLE', 'OBTAIN_SENSORY', 'ESCAPE_ATTENTION', 'ESCAPE_TASK', 'ESCAPE_SENSORY');

-- CreateTable
CREATE TABLE "AbcRecord" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "districtId" UUID NOT NULL,
    "studentId" UUID NOT NULL,
    "observedOn" DATE NOT NULL,
    "observedMinute" INTEGER NOT NULL,
    "setting" VARCHAR(200) NOT NULL,
    "antecedentKind" VARCHAR(40) NOT NULL,
    "antecedent" VARCHAR(500),
    "behavior" VARCHAR(500) NOT NULL,
    "consequenceKind" VARCHAR(40) NOT NULL,
    "consequence" VARCHAR(500),
    "durationMinutes" INTEGER,
    "intensity" INTEGER,
    "recordedByUserId" UUID NOT NULL,
    "fbaId" UUID,
    "clientKey" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AbcRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Fba" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "districtId" UUID NOT NULL,
    "studentId" UUID NOT NULL,
    "targetBehavior" VARCHAR(1000) NOT NULL,
    "settings" VARCHAR(1000),
    "otherSources" VARCHAR(2000),
    "function" "BehaviorFunction",
    "hypothesis" VARCHAR(1000),
    "team" VARCHAR(500),
    "completedOn" DATE,
    "guardianParticipated" BOOLEAN NOT NULL DEFAULT false,
    "guardianConsentOn" DATE,
    "createdByUserId" UUID NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Fba_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FbaIncident" (
    "districtId" UUID NOT NULL,
    "fbaId" UUID NOT NULL,
    "incidentId" UUID NOT NULL,

    CONSTRAINT "FbaIncident_pkey" PRIMARY KEY ("districtId","fbaId","incidentId")
);

-- CreateTable
CREATE TABLE "Bip" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "districtId" UUID NOT NULL,
    "studentId" UUID NOT NULL,
    "fbaId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "targetBehavior" VARCHAR(1000) NOT NULL,
    "replacementBehavior" VARCHAR(1000) NOT NULL,
    "prevention" VARCHAR(2000) NOT NULL,
    "teaching" VARCHAR(2000) NOT NULL,
    "reinforcement" VARCHAR(2000) NOT NULL,
    "response" VARCHAR(2000) NOT NULL,
    "crisisSteps" TEXT[],
    "crisisContacts" VARCHAR(500),
    "goalId" UUID,
    "reviewOn" DATE NOT NULL,
    "implementers" VARCHAR(500) NOT NULL,
    "createdByUserId" UUID NOT NULL,
    "supersededAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Bip_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AbcRecord_districtId_studentId_observedOn_idx" ON "AbcRecord"("districtId", "studentId", "observedOn");

-- CreateIndex
CREATE UNIQUE INDEX "AbcRecord_districtId_id_key" ON "AbcRecord"("districtId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "AbcRecord_districtId_clientKey_key" ON "AbcRecord"("districtId", "clientKey");

-- CreateIndex
CREATE INDEX "Fba_districtId_studentId_idx" ON "Fba"("districtId", "studentId");

-- CreateIndex
CREATE UNIQUE INDEX "Fba_districtId_id_key" ON "Fba"("districtId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Bip_districtId_id_key" ON "Bip"("districtId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Bip_districtId_studentId_version_key" ON "Bip"("districtId", "studentId", "version");

-- AddForeignKey
ALTER TABLE "AbcRecord" ADD CONSTRAINT "AbcRecord_districtId_studentId_fkey" FOREIGN KEY ("districtId", "studentId") REFERENCES "Student"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AbcRecord" ADD CONSTRAINT "AbcRecord_districtId_fbaId_fkey" FOREIGN KEY ("districtId", "fbaId") REFERENCES "Fba"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Fba" ADD CONSTRAINT "Fba_districtId_studentId_fkey" FOREIGN KEY ("districtId", "studentId") REFERENCES "Student"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FbaIncident" ADD CONSTRAINT "FbaIncident_districtId_fbaId_fkey" FOREIGN KEY ("districtId", "fbaId") REFERENCES "Fba"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FbaIncident" ADD CONSTRAINT "FbaIncident_districtId_incidentId_fkey" FOREIGN KEY ("districtId", "incidentId") REFERENCES "Incident"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Bip" ADD CONSTRAINT "Bip_districtId_studentId_fkey" FOREIGN KEY ("districtId", "studentId") REFERENCES "Student"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Bip" ADD CONSTRAINT "Bip_districtId_fbaId_fkey" FOREIGN KEY ("districtId", "fbaId") REFERENCES "Fba"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------
-- Hand-written: grants and row-level security (docs/decisions/001-tenancy.md).
-- Nothing is deleted: ABC records are linked or not, FBAs updated with a
-- version check, BIP versions superseded and kept.
-- ---------------------------------------------------------------------------

GRANT SELECT, INSERT, UPDATE ON "AbcRecord" TO mtss_app;
GRANT SELECT, INSERT, UPDATE ON "Fba" TO mtss_app;
GRANT SELECT, INSERT ON "FbaIncident" TO mtss_app;
GRANT SELECT, INSERT, UPDATE ON "Bip" TO mtss_app;

ALTER TABLE "AbcRecord" ADD CONSTRAINT "AbcRecord_minute_of_day" CHECK ("observedMinute" BETWEEN 0 AND 1439);
ALTER TABLE "AbcRecord" ADD CONSTRAINT "AbcRecord_intensity" CHECK ("intensity" IS NULL OR "intensity" BETWEEN 1 AND 5);
ALTER TABLE "AbcRecord" ADD CONSTRAINT "AbcRecord_duration" CHECK ("durationMinutes" IS NULL OR "durationMinutes" BETWEEN 0 AND 600);
-- A BIP's crisis plan has steps (issue 15: a crisis plan without steps is refused).
ALTER TABLE "Bip" ADD CONSTRAINT "Bip_crisis_steps" CHECK (cardinality("crisisSteps") > 0);
-- Only one active BIP per student.
CREATE UNIQUE INDEX "Bip_one_active_per_student" ON "Bip"("districtId", "studentId") WHERE "supersededAt" IS NULL;

ALTER TABLE "AbcRecord" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "AbcRecord" FORCE ROW LEVEL SECURITY;
CREATE POLICY abc_record_tenant ON "AbcRecord"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());

ALTER TABLE "Fba" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Fba" FORCE ROW LEVEL SECURITY;
CREATE POLICY fba_tenant ON "Fba"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());

ALTER TABLE "FbaIncident" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "FbaIncident" FORCE ROW LEVEL SECURITY;
CREATE POLICY fba_incident_tenant ON "FbaIncident"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());

ALTER TABLE "Bip" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Bip" FORCE ROW LEVEL SECURITY;
CREATE POLICY bip_tenant ON "Bip"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());
