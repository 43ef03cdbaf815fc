-- CreateEnum
CREATE TYPE "GuardianContactMethod" AS ENUM ('PHONE', 'EMAIL', 'IN_PERSON', 'LETTER');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "MeetingDecisionKind" ADD VALUE 'CHANGE_GOAL';
ALTER TYPE "MeetingDecisionKind" ADD VALUE 'START_PLAN';

-- CreateTable
CREATE TABLE "GoalChange" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "districtId" UUID NOT NULL,
    "goalId" UUID NOT NULL,
    "studentId" UUID NOT NULL,
    "changedOn" DATE NOT NULL,
    "previousTargetValue" DOUBLE PRECISION NOT NULL,
    "previousTargetDate" DATE NOT NULL,
    "targetValue" DOUBLE PRECISION NOT NULL,
    "targetDate" DATE NOT NULL,
    "reason" TEXT,
    "meetingId" UUID,
    "createdByUserId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GoalChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GuardianContact" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "districtId" UUID NOT NULL,
    "studentId" UUID NOT NULL,
    "contactedOn" DATE NOT NULL,
    "guardianName" TEXT NOT NULL,
    "guardianRelationship" TEXT NOT NULL,
    "method" "GuardianContactMethod" NOT NULL,
    "interpreterUsed" BOOLEAN NOT NULL DEFAULT false,
    "interpreterLanguage" TEXT,
    "purpose" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "followUp" TEXT,
    "createdByUserId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GuardianContact_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "GoalChange_districtId_goalId_changedOn_idx" ON "GoalChange"("districtId", "goalId", "changedOn");

-- CreateIndex
CREATE INDEX "GoalChange_districtId_studentId_idx" ON "GoalChange"("districtId", "studentId");

-- CreateIndex
CREATE INDEX "GuardianContact_districtId_studentId_contactedOn_idx" ON "GuardianContact"("districtId", "studentId", "contactedOn");

-- CreateIndex
CREATE UNIQUE INDEX "GuardianContact_districtId_id_key" ON "GuardianContact"("districtId", "id");

-- AddForeignKey
ALTER TABLE "GoalChange" ADD CONSTRAINT "GoalChange_districtId_goalId_fkey" FOREIGN KEY ("districtId", "goalId") REFERENCES "Goal"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GoalChange" ADD CONSTRAINT "GoalChange_districtId_studentId_fkey" FOREIGN KEY ("districtId", "studentId") REFERENCES "Student"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GuardianContact" ADD CONSTRAINT "GuardianContact_districtId_studentId_fkey" FOREIGN KEY ("districtId", "studentId") REFERENCES "Student"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written (decision 002, decision 031): grants, checks, RLS.
-- Both are insert-only histories: a correction is a new row.
GRANT SELECT, INSERT ON "GoalChange" TO mtss_app;
GRANT SELECT, INSERT ON "GuardianContact" TO mtss_app;

ALTER TABLE "GuardianContact" ADD CONSTRAINT "GuardianContact_interpreter" CHECK ("interpreterUsed" OR "interpreterLanguage" IS NULL);

ALTER TABLE "GoalChange" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "GoalChange" FORCE ROW LEVEL SECURITY;
CREATE POLICY goal_change_tenant ON "GoalChange"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());

ALTER TABLE "GuardianContact" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "GuardianContact" FORCE ROW LEVEL SECURITY;
CREATE POLICY guardian_contact_tenant ON "GuardianContact"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());
