-- CreateEnum
CREATE TYPE "EvaluationDayCount" AS ENUM ('CALENDAR', 'SCHOOL');

-- CreateEnum
CREATE TYPE "ReferralStatus" AS ENUM ('REFERRED', 'CONSENT_REQUESTED', 'CONSENT_RECEIVED', 'EVALUATION', 'ELIGIBILITY_MEETING', 'OUTCOME');

-- CreateEnum
CREATE TYPE "ReferralOutcome" AS ENUM ('ELIGIBLE_IEP', 'ELIGIBLE_504', 'NOT_ELIGIBLE', 'WITHDRAWN');

-- AlterTable
ALTER TABLE "DistrictSettings" ADD COLUMN     "evaluationDayCount" "EvaluationDayCount" NOT NULL DEFAULT 'CALENDAR',
ADD COLUMN     "evaluationDays" INTEGER NOT NULL DEFAULT 60;

-- CreateTable
CREATE TABLE "DistrictNonSchoolDay" (
    "districtId" UUID NOT NULL,
    "date" DATE NOT NULL,
    "label" VARCHAR(100) NOT NULL,

    CONSTRAINT "DistrictNonSchoolDay_pkey" PRIMARY KEY ("districtId","date")
);

-- CreateTable
CREATE TABLE "Referral" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "districtId" UUID NOT NULL,
    "studentId" UUID NOT NULL,
    "reason" VARCHAR(2000) NOT NULL,
    "concerns" VARCHAR(2000),
    "status" "ReferralStatus" NOT NULL DEFAULT 'REFERRED',
    "referredOn" DATE NOT NULL,
    "consentRequestedOn" DATE,
    "consentDate" DATE,
    "eligibilityMeetingOn" DATE,
    "outcome" "ReferralOutcome",
    "createdByUserId" UUID NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "archivedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Referral_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Referral_districtId_studentId_idx" ON "Referral"("districtId", "studentId");

-- CreateIndex
CREATE INDEX "Referral_districtId_status_consentDate_idx" ON "Referral"("districtId", "status", "consentDate");

-- CreateIndex
CREATE UNIQUE INDEX "Referral_districtId_id_key" ON "Referral"("districtId", "id");

-- AddForeignKey
ALTER TABLE "DistrictNonSchoolDay" ADD CONSTRAINT "DistrictNonSchoolDay_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "District"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_districtId_studentId_fkey" FOREIGN KEY ("districtId", "studentId") REFERENCES "Student"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------
-- Hand-written: checks, grants and row-level security (docs/decisions/001-tenancy.md).
-- Referrals are never deleted (archivedAt); a non-school day entered by
-- mistake is deleted (it is a setting, not student history).
-- ---------------------------------------------------------------------------

ALTER TABLE "DistrictSettings" ADD CONSTRAINT "DistrictSettings_evaluation_days"
  CHECK ("evaluationDays" BETWEEN 1 AND 365);
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_consent_after_referral"
  CHECK ("consentDate" IS NULL OR "consentDate" >= "referredOn");
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_reason"
  CHECK (length(btrim("reason")) > 0);
ALTER TABLE "DistrictNonSchoolDay" ADD CONSTRAINT "DistrictNonSchoolDay_label"
  CHECK (length(btrim("label")) > 0);

GRANT SELECT, INSERT, UPDATE ON "Referral" TO mtss_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON "DistrictNonSchoolDay" TO mtss_app;

ALTER TABLE "Referral" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Referral" FORCE ROW LEVEL SECURITY;
CREATE POLICY referral_tenant ON "Referral"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());

ALTER TABLE "DistrictNonSchoolDay" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "DistrictNonSchoolDay" FORCE ROW LEVEL SECURITY;
CREATE POLICY district_non_school_day_tenant ON "DistrictNonSchoolDay"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());
