-- CreateEnum
CREATE TYPE "EvidenceLevel" AS ENUM ('STRONG', 'MODERATE', 'PROMISING', 'RATIONALE', 'NOT_RATED');

-- CreateEnum
CREATE TYPE "MeasureDirection" AS ENUM ('HIGHER', 'LOWER');

-- CreateEnum
CREATE TYPE "PlanStatus" AS ENUM ('DRAFT', 'ACTIVE', 'COMPLETED', 'DISCONTINUED');

-- CreateEnum
CREATE TYPE "PlanEventKind" AS ENUM ('CREATED', 'SUBMITTED', 'RETURNED', 'APPROVED', 'CHANGED', 'COMPLETED', 'DISCONTINUED');

-- CreateEnum
CREATE TYPE "SessionStatus" AS ENUM ('HELD', 'STUDENT_ABSENT', 'INTERVENTIONIST_ABSENT', 'CANCELLED', 'SCHOOL_CLOSED');

-- CreateEnum
CREATE TYPE "AttendanceStatus" AS ENUM ('PRESENT', 'ABSENT', 'PARTIAL');

-- CreateEnum
CREATE TYPE "Season" AS ENUM ('FALL', 'WINTER', 'SPRING');

-- CreateEnum
CREATE TYPE "TrendMethod" AS ENUM ('OLS', 'TUKEY');

-- CreateTable
CREATE TABLE "Measure" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "districtId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "direction" "MeasureDirection" NOT NULL,
    "minValue" DOUBLE PRECISION,
    "maxValue" DOUBLE PRECISION,
    "decimals" INTEGER NOT NULL DEFAULT 0,
    "rateDecimals" INTEGER,
    "phrase" TEXT NOT NULL,
    "lessWord" TEXT,
    "moreWord" TEXT,
    "archivedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Measure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Intervention" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "districtId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "area" "InterventionArea" NOT NULL,
    "tiers" "TierLevel"[],
    "description" TEXT NOT NULL DEFAULT '',
    "evidenceLevel" "EvidenceLevel" NOT NULL DEFAULT 'NOT_RATED',
    "sourceUrl" TEXT,
    "minutesPerSession" INTEGER,
    "sessionsPerWeek" INTEGER,
    "weeks" INTEGER,
    "groupSizeMin" INTEGER,
    "groupSizeMax" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 1,
    "retiredAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Intervention_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InterventionComponent" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "districtId" UUID NOT NULL,
    "interventionId" UUID NOT NULL,
    "label" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "retiredAt" TIMESTAMPTZ(3),

    CONSTRAINT "InterventionComponent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InterventionMeasure" (
    "districtId" UUID NOT NULL,
    "interventionId" UUID NOT NULL,
    "measureId" UUID NOT NULL,

    CONSTRAINT "InterventionMeasure_pkey" PRIMARY KEY ("districtId","interventionId","measureId")
);

-- CreateTable
CREATE TABLE "InterventionPlan" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "districtId" UUID NOT NULL,
    "schoolId" UUID NOT NULL,
    "area" "InterventionArea" NOT NULL,
    "interventionId" UUID,
    "customIntervention" TEXT,
    "minutesPerSession" INTEGER NOT NULL,
    "sessionsPerWeek" INTEGER NOT NULL,
    "groupSize" INTEGER NOT NULL,
    "scheduleDays" INTEGER[],
    "scheduleTime" TEXT,
    "startDate" DATE NOT NULL,
    "reviewDate" DATE NOT NULL,
    "endDate" DATE,
    "status" "PlanStatus" NOT NULL DEFAULT 'DRAFT',
    "submittedAt" TIMESTAMPTZ(3),
    "returnComment" TEXT,
    "statusReason" TEXT,
    "notes" TEXT,
    "createdByUserId" UUID NOT NULL,
    "approvedByUserId" UUID,
    "approvedAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "InterventionPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanStudent" (
    "districtId" UUID NOT NULL,
    "planId" UUID NOT NULL,
    "studentId" UUID NOT NULL,
    "addedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlanStudent_pkey" PRIMARY KEY ("districtId","planId","studentId")
);

-- CreateTable
CREATE TABLE "PlanInterventionist" (
    "districtId" UUID NOT NULL,
    "planId" UUID NOT NULL,
    "membershipId" UUID NOT NULL,

    CONSTRAINT "PlanInterventionist_pkey" PRIMARY KEY ("districtId","planId","membershipId")
);

-- CreateTable
CREATE TABLE "PlanPhase" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "districtId" UUID NOT NULL,
    "planId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "startDate" DATE NOT NULL,
    "interventionId" UUID,
    "customIntervention" TEXT,
    "minutesPerSession" INTEGER NOT NULL,
    "sessionsPerWeek" INTEGER NOT NULL,
    "groupSize" INTEGER NOT NULL,
    "interventionistNames" TEXT[],
    "change" TEXT,
    "createdByUserId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlanPhase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanEvent" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "districtId" UUID NOT NULL,
    "planId" UUID NOT NULL,
    "kind" "PlanEventKind" NOT NULL,
    "comment" TEXT,
    "actorUserId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlanEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Goal" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "districtId" UUID NOT NULL,
    "planId" UUID NOT NULL,
    "studentId" UUID NOT NULL,
    "measureId" UUID NOT NULL,
    "baselineValue" DOUBLE PRECISION NOT NULL,
    "baselineDate" DATE NOT NULL,
    "baselineScores" DOUBLE PRECISION[],
    "baselineDates" DATE[],
    "targetValue" DOUBLE PRECISION NOT NULL,
    "targetDate" DATE NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "archivedAt" TIMESTAMPTZ(3),
    "createdByUserId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Goal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InterventionSession" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "districtId" UUID NOT NULL,
    "planId" UUID NOT NULL,
    "date" DATE NOT NULL,
    "startTime" TEXT,
    "minutes" INTEGER,
    "status" "SessionStatus" NOT NULL,
    "note" TEXT,
    "clientKey" TEXT NOT NULL,
    "loggedByUserId" UUID NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "InterventionSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SessionAttendance" (
    "districtId" UUID NOT NULL,
    "sessionId" UUID NOT NULL,
    "planId" UUID NOT NULL,
    "studentId" UUID NOT NULL,
    "date" DATE NOT NULL,
    "status" "AttendanceStatus" NOT NULL,
    "minutes" INTEGER,

    CONSTRAINT "SessionAttendance_pkey" PRIMARY KEY ("districtId","sessionId","studentId")
);

-- CreateTable
CREATE TABLE "SessionComponent" (
    "districtId" UUID NOT NULL,
    "sessionId" UUID NOT NULL,
    "componentId" UUID NOT NULL,

    CONSTRAINT "SessionComponent_pkey" PRIMARY KEY ("districtId","sessionId","componentId")
);

-- CreateTable
CREATE TABLE "DistrictSettings" (
    "districtId" UUID NOT NULL,
    "dosageThreshold" INTEGER NOT NULL DEFAULT 80,
    "fidelityThreshold" INTEGER NOT NULL DEFAULT 80,
    "fourPointRulePoints" INTEGER NOT NULL DEFAULT 4,
    "trendMinPoints" INTEGER NOT NULL DEFAULT 6,
    "trendMethod" "TrendMethod" NOT NULL DEFAULT 'OLS',
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DistrictSettings_pkey" PRIMARY KEY ("districtId")
);

-- CreateTable
CREATE TABLE "Probe" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "districtId" UUID NOT NULL,
    "studentId" UUID NOT NULL,
    "measureId" UUID NOT NULL,
    "goalId" UUID,
    "date" DATE NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "givenByUserId" UUID NOT NULL,
    "note" TEXT,
    "invalidatedAt" TIMESTAMPTZ(3),
    "invalidReason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Probe_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Benchmark" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "districtId" UUID NOT NULL,
    "measureId" UUID NOT NULL,
    "grade" "GradeLevel" NOT NULL,
    "season" "Season" NOT NULL,
    "benchmark" DOUBLE PRECISION NOT NULL,
    "riskCut" DOUBLE PRECISION,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Benchmark_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Measure_districtId_id_key" ON "Measure"("districtId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Measure_districtId_key_key" ON "Measure"("districtId", "key");

-- CreateIndex
CREATE INDEX "Intervention_districtId_area_idx" ON "Intervention"("districtId", "area");

-- CreateIndex
CREATE UNIQUE INDEX "Intervention_districtId_id_key" ON "Intervention"("districtId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Intervention_districtId_name_key" ON "Intervention"("districtId", "name");

-- CreateIndex
CREATE INDEX "InterventionComponent_districtId_interventionId_position_idx" ON "InterventionComponent"("districtId", "interventionId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "InterventionComponent_districtId_id_key" ON "InterventionComponent"("districtId", "id");

-- CreateIndex
CREATE INDEX "InterventionPlan_districtId_schoolId_status_idx" ON "InterventionPlan"("districtId", "schoolId", "status");

-- CreateIndex
CREATE INDEX "InterventionPlan_districtId_status_reviewDate_idx" ON "InterventionPlan"("districtId", "status", "reviewDate");

-- CreateIndex
CREATE UNIQUE INDEX "InterventionPlan_districtId_id_key" ON "InterventionPlan"("districtId", "id");

-- CreateIndex
CREATE INDEX "PlanStudent_districtId_studentId_idx" ON "PlanStudent"("districtId", "studentId");

-- CreateIndex
CREATE INDEX "PlanInterventionist_districtId_membershipId_idx" ON "PlanInterventionist"("districtId", "membershipId");

-- CreateIndex
CREATE UNIQUE INDEX "PlanPhase_districtId_planId_number_key" ON "PlanPhase"("districtId", "planId", "number");

-- CreateIndex
CREATE INDEX "PlanEvent_districtId_planId_createdAt_idx" ON "PlanEvent"("districtId", "planId", "createdAt");

-- CreateIndex
CREATE INDEX "Goal_districtId_planId_idx" ON "Goal"("districtId", "planId");

-- CreateIndex
CREATE INDEX "Goal_districtId_studentId_idx" ON "Goal"("districtId", "studentId");

-- CreateIndex
CREATE UNIQUE INDEX "Goal_districtId_id_key" ON "Goal"("districtId", "id");

-- CreateIndex
CREATE INDEX "InterventionSession_districtId_planId_date_idx" ON "InterventionSession"("districtId", "planId", "date");

-- CreateIndex
CREATE INDEX "InterventionSession_districtId_loggedByUserId_date_idx" ON "InterventionSession"("districtId", "loggedByUserId", "date");

-- CreateIndex
CREATE UNIQUE INDEX "InterventionSession_districtId_id_key" ON "InterventionSession"("districtId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "InterventionSession_districtId_clientKey_key" ON "InterventionSession"("districtId", "clientKey");

-- CreateIndex
CREATE INDEX "SessionAttendance_districtId_studentId_date_idx" ON "SessionAttendance"("districtId", "studentId", "date");

-- CreateIndex
CREATE INDEX "SessionAttendance_districtId_planId_date_idx" ON "SessionAttendance"("districtId", "planId", "date");

-- CreateIndex
CREATE INDEX "Probe_districtId_studentId_measureId_date_idx" ON "Probe"("districtId", "studentId", "measureId", "date");

-- CreateIndex
CREATE INDEX "Probe_districtId_goalId_date_idx" ON "Probe"("districtId", "goalId", "date");

-- CreateIndex
CREATE UNIQUE INDEX "Probe_districtId_id_key" ON "Probe"("districtId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Benchmark_districtId_measureId_grade_season_key" ON "Benchmark"("districtId", "measureId", "grade", "season");

-- AddForeignKey
ALTER TABLE "Measure" ADD CONSTRAINT "Measure_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "District"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Intervention" ADD CONSTRAINT "Intervention_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "District"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InterventionComponent" ADD CONSTRAINT "InterventionComponent_districtId_interventionId_fkey" FOREIGN KEY ("districtId", "interventionId") REFERENCES "Intervention"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InterventionMeasure" ADD CONSTRAINT "InterventionMeasure_districtId_interventionId_fkey" FOREIGN KEY ("districtId", "interventionId") REFERENCES "Intervention"("districtId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InterventionMeasure" ADD CONSTRAINT "InterventionMeasure_districtId_measureId_fkey" FOREIGN KEY ("districtId", "measureId") REFERENCES "Measure"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InterventionPlan" ADD CONSTRAINT "InterventionPlan_districtId_schoolId_fkey" FOREIGN KEY ("districtId", "schoolId") REFERENCES "School"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InterventionPlan" ADD CONSTRAINT "InterventionPlan_districtId_interventionId_fkey" FOREIGN KEY ("districtId", "interventionId") REFERENCES "Intervention"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanStudent" ADD CONSTRAINT "PlanStudent_districtId_planId_fkey" FOREIGN KEY ("districtId", "planId") REFERENCES "InterventionPlan"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanStudent" ADD CONSTRAINT "PlanStudent_districtId_studentId_fkey" FOREIGN KEY ("districtId", "studentId") REFERENCES "Student"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanInterventionist" ADD CONSTRAINT "PlanInterventionist_districtId_planId_fkey" FOREIGN KEY ("districtId", "planId") REFERENCES "InterventionPlan"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanInterventionist" ADD CONSTRAINT "PlanInterventionist_districtId_membershipId_fkey" FOREIGN KEY ("districtId", "membershipId") REFERENCES "Membership"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanPhase" ADD CONSTRAINT "PlanPhase_districtId_planId_fkey" FOREIGN KEY ("districtId", "planId") REFERENCES "InterventionPlan"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanPhase" ADD CONSTRAINT "PlanPhase_districtId_interventionId_fkey" FOREIGN KEY ("districtId", "interventionId") REFERENCES "Intervention"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanEvent" ADD CONSTRAINT "PlanEvent_districtId_planId_fkey" FOREIGN KEY ("districtId", "planId") REFERENCES "InterventionPlan"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Goal" ADD CONSTRAINT "Goal_districtId_planId_fkey" FOREIGN KEY ("districtId", "planId") REFERENCES "InterventionPlan"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Goal" ADD CONSTRAINT "Goal_districtId_planId_studentId_fkey" FOREIGN KEY ("districtId", "planId", "studentId") REFERENCES "PlanStudent"("districtId", "planId", "studentId") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Goal" ADD CONSTRAINT "Goal_districtId_studentId_fkey" FOREIGN KEY ("districtId", "studentId") REFERENCES "Student"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Goal" ADD CONSTRAINT "Goal_districtId_measureId_fkey" FOREIGN KEY ("districtId", "measureId") REFERENCES "Measure"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InterventionSession" ADD CONSTRAINT "InterventionSession_districtId_planId_fkey" FOREIGN KEY ("districtId", "planId") REFERENCES "InterventionPlan"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionAttendance" ADD CONSTRAINT "SessionAttendance_districtId_sessionId_fkey" FOREIGN KEY ("districtId", "sessionId") REFERENCES "InterventionSession"("districtId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionAttendance" ADD CONSTRAINT "SessionAttendance_districtId_studentId_fkey" FOREIGN KEY ("districtId", "studentId") REFERENCES "Student"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionComponent" ADD CONSTRAINT "SessionComponent_districtId_sessionId_fkey" FOREIGN KEY ("districtId", "sessionId") REFERENCES "InterventionSession"("districtId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionComponent" ADD CONSTRAINT "SessionComponent_districtId_componentId_fkey" FOREIGN KEY ("districtId", "componentId") REFERENCES "InterventionComponent"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DistrictSettings" ADD CONSTRAINT "DistrictSettings_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "District"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Probe" ADD CONSTRAINT "Probe_districtId_studentId_fkey" FOREIGN KEY ("districtId", "studentId") REFERENCES "Student"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Probe" ADD CONSTRAINT "Probe_districtId_measureId_fkey" FOREIGN KEY ("districtId", "measureId") REFERENCES "Measure"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Probe" ADD CONSTRAINT "Probe_districtId_goalId_fkey" FOREIGN KEY ("districtId", "goalId") REFERENCES "Goal"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Benchmark" ADD CONSTRAINT "Benchmark_districtId_measureId_fkey" FOREIGN KEY ("districtId", "measureId") REFERENCES "Measure"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------
-- Hand-written: grants and row-level security (docs/decisions/001-tenancy.md).
-- History rows (phases, plan events) are insert-only; nothing here is ever
-- deleted except join rows that are replaced as a whole (a plan's
-- interventionists while it is a draft, an intervention's measures, a
-- session's delivered components, benchmark cut scores).
-- ---------------------------------------------------------------------------

GRANT SELECT, INSERT, UPDATE ON "Measure", "Intervention", "InterventionComponent", "InterventionPlan", "PlanStudent", "Goal",
  "InterventionSession", "DistrictSettings", "Probe" TO mtss_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON "InterventionMeasure", "PlanInterventionist", "SessionAttendance", "SessionComponent", "Benchmark" TO mtss_app;
GRANT SELECT, INSERT ON "PlanEvent" TO mtss_app;
-- Phase 1 of a draft follows the draft's edits until it is approved.
GRANT SELECT, INSERT, UPDATE ON "PlanPhase" TO mtss_app;

-- Last line of defence behind the zod schemas: impossible dosage and minutes.
ALTER TABLE "InterventionPlan" ADD CONSTRAINT "InterventionPlan_dosage_positive"
  CHECK ("minutesPerSession" > 0 AND "sessionsPerWeek" > 0 AND "groupSize" > 0);
ALTER TABLE "InterventionPlan" ADD CONSTRAINT "InterventionPlan_intervention_named"
  CHECK ("interventionId" IS NOT NULL OR length(btrim(coalesce("customIntervention", ''))) > 0);
ALTER TABLE "InterventionSession" ADD CONSTRAINT "InterventionSession_minutes_range"
  CHECK ("minutes" IS NULL OR "minutes" BETWEEN 1 AND 480);
ALTER TABLE "Goal" ADD CONSTRAINT "Goal_target_after_baseline" CHECK ("targetDate" > "baselineDate");

ALTER TABLE "Measure" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Measure" FORCE ROW LEVEL SECURITY;
CREATE POLICY measure_tenant ON "Measure"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());

ALTER TABLE "Intervention" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Intervention" FORCE ROW LEVEL SECURITY;
CREATE POLICY intervention_tenant ON "Intervention"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());

ALTER TABLE "InterventionComponent" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "InterventionComponent" FORCE ROW LEVEL SECURITY;
CREATE POLICY intervention_component_tenant ON "InterventionComponent"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());

ALTER TABLE "InterventionMeasure" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "InterventionMeasure" FORCE ROW LEVEL SECURITY;
CREATE POLICY intervention_measure_tenant ON "InterventionMeasure"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());

ALTER TABLE "InterventionPlan" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "InterventionPlan" FORCE ROW LEVEL SECURITY;
CREATE POLICY intervention_plan_tenant ON "InterventionPlan"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());

ALTER TABLE "PlanStudent" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "PlanStudent" FORCE ROW LEVEL SECURITY;
CREATE POLICY plan_student_tenant ON "PlanStudent"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());

ALTER TABLE "PlanInterventionist" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "PlanInterventionist" FORCE ROW LEVEL SECURITY;
CREATE POLICY plan_interventionist_tenant ON "PlanInterventionist"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());

ALTER TABLE "PlanPhase" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "PlanPhase" FORCE ROW LEVEL SECURITY;
CREATE POLICY plan_phase_tenant ON "PlanPhase"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());

ALTER TABLE "PlanEvent" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "PlanEvent" FORCE ROW LEVEL SECURITY;
CREATE POLICY plan_event_tenant ON "PlanEvent"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());

ALTER TABLE "Goal" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Goal" FORCE ROW LEVEL SECURITY;
CREATE POLICY goal_tenant ON "Goal"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());

ALTER TABLE "InterventionSession" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "InterventionSession" FORCE ROW LEVEL SECURITY;
CREATE POLICY intervention_session_tenant ON "InterventionSession"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());

ALTER TABLE "SessionAttendance" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "SessionAttendance" FORCE ROW LEVEL SECURITY;
CREATE POLICY session_attendance_tenant ON "SessionAttendance"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());

ALTER TABLE "SessionComponent" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "SessionComponent" FORCE ROW LEVEL SECURITY;
CREATE POLICY session_component_tenant ON "SessionComponent"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());

ALTER TABLE "DistrictSettings" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "DistrictSettings" FORCE ROW LEVEL SECURITY;
CREATE POLICY district_settings_tenant ON "DistrictSettings"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());

ALTER TABLE "Probe" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Probe" FORCE ROW LEVEL SECURITY;
CREATE POLICY probe_tenant ON "Probe"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());

ALTER TABLE "Benchmark" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Benchmark" FORCE ROW LEVEL SECURITY;
CREATE POLICY benchmark_tenant ON "Benchmark"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());
