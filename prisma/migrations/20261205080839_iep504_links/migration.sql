-- CreateEnum
CREATE TYPE "SpecialEdPlanType" AS ENUM ('IEP', 'SECTION_504');

-- CreateEnum
CREATE TYPE "SpecialEdPlanStatus" AS ENUM ('REFERRED', 'BEING_EVALUATED', 'ELIGIBLE', 'ACTIVE', 'EXITED', 'NOT_ELIGIBLE');

-- CreateEnum
CREATE TYPE "ServiceFrequency" AS ENUM ('WEEKLY', 'MONTHLY');

-- AlterTable
ALTER TABLE "DistrictSettings" ADD COLUMN     "section504ReevaluationYears" INTEGER NOT NULL DEFAULT 3;

-- CreateTable
CREATE TABLE "SpecialEdPlan" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "districtId" UUID NOT NULL,
    "studentId" UUID NOT NULL,
    "type" "SpecialEdPlanType" NOT NULL,
    "status" "SpecialEdPlanStatus" NOT NULL,
    "startDate" DATE,
    "lastMeetingDate" DATE,
    "annualReviewDue" DATE,
    "lastEvaluationDate" DATE,
    "reevaluationDue" DATE,
    "caseManagerMembershipId" UUID,
    "disabilityCategory" TEXT,
    "documentUrl" TEXT,
    "migratedFromFlag" BOOLEAN NOT NULL DEFAULT false,
    "createdByUserId" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "archivedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SpecialEdPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SpecialEdService" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "districtId" UUID NOT NULL,
    "planId" UUID NOT NULL,
    "area" VARCHAR(100) NOT NULL,
    "minutes" INTEGER NOT NULL,
    "frequency" "ServiceFrequency" NOT NULL,
    "providerRole" VARCHAR(100) NOT NULL,
    "providerMembershipId" UUID,
    "setting" VARCHAR(100) NOT NULL,
    "startDate" DATE NOT NULL,
    "endDate" DATE,
    "createdByUserId" UUID NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "archivedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SpecialEdService_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ServiceMinutes" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "districtId" UUID NOT NULL,
    "serviceId" UUID NOT NULL,
    "studentId" UUID NOT NULL,
    "date" DATE NOT NULL,
    "minutes" INTEGER NOT NULL,
    "note" VARCHAR(500),
    "clientKey" TEXT NOT NULL,
    "loggedByUserId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ServiceMinutes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SpecialEdPlan_districtId_studentId_idx" ON "SpecialEdPlan"("districtId", "studentId");

-- CreateIndex
CREATE INDEX "SpecialEdPlan_districtId_caseManagerMembershipId_idx" ON "SpecialEdPlan"("districtId", "caseManagerMembershipId");

-- CreateIndex
CREATE INDEX "SpecialEdPlan_districtId_status_annualReviewDue_idx" ON "SpecialEdPlan"("districtId", "status", "annualReviewDue");

-- CreateIndex
CREATE INDEX "SpecialEdPlan_districtId_status_reevaluationDue_idx" ON "SpecialEdPlan"("districtId", "status", "reevaluationDue");

-- CreateIndex
CREATE UNIQUE INDEX "SpecialEdPlan_districtId_id_key" ON "SpecialEdPlan"("districtId", "id");

-- CreateIndex
CREATE INDEX "SpecialEdService_districtId_planId_idx" ON "SpecialEdService"("districtId", "planId");

-- CreateIndex
CREATE INDEX "SpecialEdService_districtId_providerMembershipId_idx" ON "SpecialEdService"("districtId", "providerMembershipId");

-- CreateIndex
CREATE UNIQUE INDEX "SpecialEdService_districtId_id_key" ON "SpecialEdService"("districtId", "id");

-- CreateIndex
CREATE INDEX "ServiceMinutes_districtId_serviceId_date_idx" ON "ServiceMinutes"("districtId", "serviceId", "date");

-- CreateIndex
CREATE INDEX "ServiceMinutes_districtId_studentId_date_idx" ON "ServiceMinutes"("districtId", "studentId", "date");

-- CreateIndex
CREATE UNIQUE INDEX "ServiceMinutes_districtId_id_key" ON "ServiceMinutes"("districtId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "ServiceMinutes_districtId_clientKey_key" ON "ServiceMinutes"("districtId", "clientKey");

-- AddForeignKey
ALTER TABLE "SpecialEdPlan" ADD CONSTRAINT "SpecialEdPlan_districtId_studentId_fkey" FOREIGN KEY ("districtId", "studentId") REFERENCES "Student"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SpecialEdPlan" ADD CONSTRAINT "SpecialEdPlan_districtId_caseManagerMembershipId_fkey" FOREIGN KEY ("districtId", "caseManagerMembershipId") REFERENCES "Membership"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SpecialEdService" ADD CONSTRAINT "SpecialEdService_districtId_planId_fkey" FOREIGN KEY ("districtId", "planId") REFERENCES "SpecialEdPlan"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SpecialEdService" ADD CONSTRAINT "SpecialEdService_districtId_providerMembershipId_fkey" FOREIGN KEY ("districtId", "providerMembershipId") REFERENCES "Membership"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceMinutes" ADD CONSTRAINT "ServiceMinutes_districtId_serviceId_fkey" FOREIGN KEY ("districtId", "serviceId") REFERENCES "SpecialEdService"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ServiceMinutes" ADD CONSTRAINT "ServiceMinutes_districtId_studentId_fkey" FOREIGN KEY ("districtId", "studentId") REFERENCES "Student"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------
-- Hand-written: checks, the flag trigger, the flag data migration, grants and
-- row-level security (docs/decisions/001-tenancy.md, 015-iep-504-links.md).
-- Nothing here is deleted: records are archived, services end or are archived.
-- ---------------------------------------------------------------------------

-- Last line of defence behind the zod schemas.
ALTER TABLE "DistrictSettings" ADD CONSTRAINT "DistrictSettings_504_reevaluation_years"
  CHECK ("section504ReevaluationYears" BETWEEN 1 AND 6);
ALTER TABLE "SpecialEdPlan" ADD CONSTRAINT "SpecialEdPlan_review_after_start"
  CHECK ("annualReviewDue" IS NULL OR "startDate" IS NULL OR "annualReviewDue" >= "startDate");
ALTER TABLE "SpecialEdPlan" ADD CONSTRAINT "SpecialEdPlan_dated_unless_migrated"
  CHECK ("migratedFromFlag" OR "startDate" IS NOT NULL);
ALTER TABLE "SpecialEdPlan" ADD CONSTRAINT "SpecialEdPlan_category_only_for_iep"
  CHECK ("disabilityCategory" IS NULL OR "type" = 'IEP');
ALTER TABLE "SpecialEdService" ADD CONSTRAINT "SpecialEdService_minutes_positive"
  CHECK ("minutes" BETWEEN 1 AND 10000);
ALTER TABLE "SpecialEdService" ADD CONSTRAINT "SpecialEdService_ends_after_start"
  CHECK ("endDate" IS NULL OR "endDate" >= "startDate");
ALTER TABLE "ServiceMinutes" ADD CONSTRAINT "ServiceMinutes_minutes_positive"
  CHECK ("minutes" BETWEEN 1 AND 600);

-- One active IEP per student (the action says so in words first; this holds under races).
CREATE UNIQUE INDEX "SpecialEdPlan_one_active_iep" ON "SpecialEdPlan"("districtId", "studentId")
  WHERE "type" = 'IEP' AND "status" = 'ACTIVE' AND "archivedAt" IS NULL;

-- Data migration: every student flagged before this migration gets an active
-- record of that type, marked migratedFromFlag (its dates are to be entered).
-- Student forces row-level security even for its owner, so the owner lifts
-- the force for these two statements (no tenant is set in a migration).
ALTER TABLE "Student" NO FORCE ROW LEVEL SECURITY;
INSERT INTO "SpecialEdPlan" ("districtId", "studentId", "type", "status", "migratedFromFlag", "updatedAt")
  SELECT "districtId", "id", 'IEP', 'ACTIVE', true, CURRENT_TIMESTAMP FROM "Student" WHERE "hasIep";
INSERT INTO "SpecialEdPlan" ("districtId", "studentId", "type", "status", "migratedFromFlag", "updatedAt")
  SELECT "districtId", "id", 'SECTION_504', 'ACTIVE', true, CURRENT_TIMESTAMP FROM "Student" WHERE "has504";
ALTER TABLE "Student" FORCE ROW LEVEL SECURITY;

-- The student list's flags are the records (created after the data migration,
-- whose IEP inserts would otherwise clear a 504 flag not yet migrated): every change of a student's
-- records recomputes them in the same transaction, whoever writes (app, seed, import).
CREATE FUNCTION special_ed_plan_flags() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Student" s SET
    "hasIep" = EXISTS (SELECT 1 FROM "SpecialEdPlan" p WHERE p."districtId" = s."districtId" AND p."studentId" = s."id"
                       AND p."type" = 'IEP' AND p."status" = 'ACTIVE' AND p."archivedAt" IS NULL),
    "has504" = EXISTS (SELECT 1 FROM "SpecialEdPlan" p WHERE p."districtId" = s."districtId" AND p."studentId" = s."id"
                       AND p."type" = 'SECTION_504' AND p."status" = 'ACTIVE' AND p."archivedAt" IS NULL)
  WHERE s."districtId" = NEW."districtId" AND s."id" = NEW."studentId";
  RETURN NULL;
END
$$;
CREATE TRIGGER special_ed_plan_flags AFTER INSERT OR UPDATE ON "SpecialEdPlan"
  FOR EACH ROW EXECUTE FUNCTION special_ed_plan_flags();


GRANT SELECT, INSERT, UPDATE ON "SpecialEdPlan", "SpecialEdService" TO mtss_app;
-- Logged minutes are insert-only for the app (a correction is a new entry with a note).
GRANT SELECT, INSERT ON "ServiceMinutes" TO mtss_app;

ALTER TABLE "SpecialEdPlan" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "SpecialEdPlan" FORCE ROW LEVEL SECURITY;
CREATE POLICY special_ed_plan_tenant ON "SpecialEdPlan"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());

ALTER TABLE "SpecialEdService" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "SpecialEdService" FORCE ROW LEVEL SECURITY;
CREATE POLICY special_ed_service_tenant ON "SpecialEdService"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());

ALTER TABLE "ServiceMinutes" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ServiceMinutes" FORCE ROW LEVEL SECURITY;
CREATE POLICY service_minutes_tenant ON "ServiceMinutes"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());
