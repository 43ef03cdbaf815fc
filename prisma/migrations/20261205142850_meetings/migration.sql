-- CreateEnum
CREATE TYPE "MeetingKind" AS ENUM ('PROBLEM_SOLVING', 'DATA_TEAM', 'ELIGIBILITY');

-- CreateEnum
CREATE TYPE "MeetingAttendeeKind" AS ENUM ('STAFF', 'GUARDIAN', 'PROVIDER');

-- CreateEnum
CREATE TYPE "MeetingAgendaSource" AS ENUM ('NEEDS_REVIEW', 'DUE_FOR_REVIEW', 'CHOSEN');

-- CreateEnum
CREATE TYPE "MeetingDecisionKind" AS ENUM ('CONTINUE', 'CHANGE_PLAN', 'CHANGE_TIER', 'END_PLAN', 'START_REFERRAL');

-- CreateEnum
CREATE TYPE "ActionItemStatus" AS ENUM ('OPEN', 'DONE', 'DROPPED');

-- CreateTable
CREATE TABLE "Meeting" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "districtId" UUID NOT NULL,
    "schoolId" UUID NOT NULL,
    "kind" "MeetingKind" NOT NULL,
    "date" DATE NOT NULL,
    "nextMeetingDate" DATE,
    "createdByUserId" UUID NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Meeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingAttendee" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "districtId" UUID NOT NULL,
    "meetingId" UUID NOT NULL,
    "kind" "MeetingAttendeeKind" NOT NULL,
    "membershipId" UUID,
    "name" VARCHAR(200) NOT NULL,
    "role" VARCHAR(200) NOT NULL,
    "present" BOOLEAN,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MeetingAttendee_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingStudent" (
    "districtId" UUID NOT NULL,
    "meetingId" UUID NOT NULL,
    "studentId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "source" "MeetingAgendaSource" NOT NULL,
    "minutes" VARCHAR(5000),
    "addedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MeetingStudent_pkey" PRIMARY KEY ("districtId","meetingId","studentId")
);

-- CreateTable
CREATE TABLE "MeetingDecision" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "districtId" UUID NOT NULL,
    "meetingId" UUID NOT NULL,
    "studentId" UUID NOT NULL,
    "kind" "MeetingDecisionKind" NOT NULL,
    "planId" UUID,
    "clientKey" UUID NOT NULL,
    "facts" JSONB NOT NULL,
    "createdByUserId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MeetingDecision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingActionItem" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "districtId" UUID NOT NULL,
    "meetingId" UUID NOT NULL,
    "studentId" UUID,
    "ownerMembershipId" UUID NOT NULL,
    "description" VARCHAR(500) NOT NULL,
    "dueDate" DATE NOT NULL,
    "status" "ActionItemStatus" NOT NULL DEFAULT 'OPEN',
    "createdByUserId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "MeetingActionItem_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Meeting_districtId_schoolId_date_idx" ON "Meeting"("districtId", "schoolId", "date");

-- CreateIndex
CREATE UNIQUE INDEX "Meeting_districtId_id_key" ON "Meeting"("districtId", "id");

-- CreateIndex
CREATE INDEX "MeetingAttendee_districtId_meetingId_idx" ON "MeetingAttendee"("districtId", "meetingId");

-- CreateIndex
CREATE UNIQUE INDEX "MeetingAttendee_districtId_meetingId_membershipId_key" ON "MeetingAttendee"("districtId", "meetingId", "membershipId");

-- CreateIndex
CREATE INDEX "MeetingStudent_districtId_studentId_idx" ON "MeetingStudent"("districtId", "studentId");

-- CreateIndex
CREATE INDEX "MeetingDecision_districtId_meetingId_idx" ON "MeetingDecision"("districtId", "meetingId");

-- CreateIndex
CREATE UNIQUE INDEX "MeetingDecision_districtId_clientKey_key" ON "MeetingDecision"("districtId", "clientKey");

-- CreateIndex
CREATE INDEX "MeetingActionItem_districtId_ownerMembershipId_status_dueDa_idx" ON "MeetingActionItem"("districtId", "ownerMembershipId", "status", "dueDate");

-- CreateIndex
CREATE INDEX "MeetingActionItem_districtId_meetingId_idx" ON "MeetingActionItem"("districtId", "meetingId");

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_districtId_schoolId_fkey" FOREIGN KEY ("districtId", "schoolId") REFERENCES "School"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingAttendee" ADD CONSTRAINT "MeetingAttendee_districtId_meetingId_fkey" FOREIGN KEY ("districtId", "meetingId") REFERENCES "Meeting"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingStudent" ADD CONSTRAINT "MeetingStudent_districtId_meetingId_fkey" FOREIGN KEY ("districtId", "meetingId") REFERENCES "Meeting"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingStudent" ADD CONSTRAINT "MeetingStudent_districtId_studentId_fkey" FOREIGN KEY ("districtId", "studentId") REFERENCES "Student"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingDecision" ADD CONSTRAINT "MeetingDecision_districtId_meetingId_studentId_fkey" FOREIGN KEY ("districtId", "meetingId", "studentId") REFERENCES "MeetingStudent"("districtId", "meetingId", "studentId") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingActionItem" ADD CONSTRAINT "MeetingActionItem_districtId_meetingId_fkey" FOREIGN KEY ("districtId", "meetingId") REFERENCES "Meeting"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written (decision 002): grants, checks, RLS.
GRANT SELECT, INSERT, UPDATE ON "Meeting" TO mtss_app;
-- An invitation made by mistake is removed; attendance is an update.
GRANT SELECT, INSERT, UPDATE, DELETE ON "MeetingAttendee" TO mtss_app;
GRANT SELECT, INSERT, UPDATE ON "MeetingStudent" TO mtss_app;
-- A decision is applied once and never changed: a new decision corrects it.
GRANT SELECT, INSERT ON "MeetingDecision" TO mtss_app;
GRANT SELECT, INSERT, UPDATE ON "MeetingActionItem" TO mtss_app;

ALTER TABLE "MeetingAttendee" ADD CONSTRAINT "MeetingAttendee_staff" CHECK (("kind" = 'STAFF') = ("membershipId" IS NOT NULL));
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_next" CHECK ("nextMeetingDate" IS NULL OR "nextMeetingDate" > "date");

ALTER TABLE "Meeting" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Meeting" FORCE ROW LEVEL SECURITY;
CREATE POLICY meeting_tenant ON "Meeting"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());

ALTER TABLE "MeetingAttendee" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "MeetingAttendee" FORCE ROW LEVEL SECURITY;
CREATE POLICY meeting_attendee_tenant ON "MeetingAttendee"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());

ALTER TABLE "MeetingStudent" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "MeetingStudent" FORCE ROW LEVEL SECURITY;
CREATE POLICY meeting_student_tenant ON "MeetingStudent"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());

ALTER TABLE "MeetingDecision" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "MeetingDecision" FORCE ROW LEVEL SECURITY;
CREATE POLICY meeting_decision_tenant ON "MeetingDecision"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());

ALTER TABLE "MeetingActionItem" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "MeetingActionItem" FORCE ROW LEVEL SECURITY;
CREATE POLICY meeting_action_item_tenant ON "MeetingActionItem"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());
