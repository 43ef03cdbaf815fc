-- CreateEnum
CREATE TYPE "CaseRole" AS ENUM ('CASE_MANAGER', 'INTERVENTIONIST');

-- CreateEnum
CREATE TYPE "GradeLevel" AS ENUM ('PK', 'KG', 'G1', 'G2', 'G3', 'G4', 'G5', 'G6', 'G7', 'G8', 'G9', 'G10', 'G11', 'G12');

-- CreateEnum
CREATE TYPE "Gender" AS ENUM ('FEMALE', 'MALE', 'NONBINARY', 'NOT_SPECIFIED');

-- CreateEnum
CREATE TYPE "Race" AS ENUM ('AMERICAN_INDIAN_ALASKA_NATIVE', 'ASIAN', 'BLACK_AFRICAN_AMERICAN', 'NATIVE_HAWAIIAN_PACIFIC_ISLANDER', 'WHITE');

-- CreateTable
CREATE TABLE "Student" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "districtId" UUID NOT NULL,
    "schoolId" UUID NOT NULL,
    "localId" TEXT NOT NULL,
    "legalFirstName" TEXT NOT NULL,
    "legalMiddleName" TEXT,
    "legalLastName" TEXT NOT NULL,
    "preferredName" TEXT,
    "dateOfBirth" DATE NOT NULL,
    "grade" "GradeLevel" NOT NULL,
    "gender" "Gender" NOT NULL DEFAULT 'NOT_SPECIFIED',
    "hispanicLatino" BOOLEAN NOT NULL DEFAULT false,
    "races" "Race"[],
    "englishLearner" BOOLEAN NOT NULL DEFAULT false,
    "economicallyDisadvantaged" BOOLEAN NOT NULL DEFAULT false,
    "homeLanguage" TEXT,
    "hasIep" BOOLEAN NOT NULL DEFAULT false,
    "has504" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 1,
    "archivedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Student_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Guardian" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "districtId" UUID NOT NULL,
    "studentId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "relationship" TEXT NOT NULL,
    "phone" TEXT,
    "email" TEXT,
    "preferredLanguage" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Guardian_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseloadAssignment" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "districtId" UUID NOT NULL,
    "studentId" UUID NOT NULL,
    "membershipId" UUID NOT NULL,
    "role" "CaseRole" NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMPTZ(3),
    "assignedByUserId" UUID,
    "endedByUserId" UUID,

    CONSTRAINT "CaseloadAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Student_districtId_schoolId_legalLastName_legalFirstName_idx" ON "Student"("districtId", "schoolId", "legalLastName", "legalFirstName");

-- CreateIndex
CREATE INDEX "Student_districtId_legalLastName_legalFirstName_idx" ON "Student"("districtId", "legalLastName", "legalFirstName");

-- CreateIndex
CREATE UNIQUE INDEX "Student_districtId_id_key" ON "Student"("districtId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Student_districtId_localId_key" ON "Student"("districtId", "localId");

-- CreateIndex
CREATE INDEX "Guardian_districtId_studentId_idx" ON "Guardian"("districtId", "studentId");

-- CreateIndex
CREATE INDEX "CaseloadAssignment_districtId_membershipId_endedAt_idx" ON "CaseloadAssignment"("districtId", "membershipId", "endedAt");

-- CreateIndex
CREATE INDEX "CaseloadAssignment_districtId_studentId_endedAt_idx" ON "CaseloadAssignment"("districtId", "studentId", "endedAt");

-- AddForeignKey
ALTER TABLE "Student" ADD CONSTRAINT "Student_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "District"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Student" ADD CONSTRAINT "Student_districtId_schoolId_fkey" FOREIGN KEY ("districtId", "schoolId") REFERENCES "School"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Guardian" ADD CONSTRAINT "Guardian_districtId_studentId_fkey" FOREIGN KEY ("districtId", "studentId") REFERENCES "Student"("districtId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseloadAssignment" ADD CONSTRAINT "CaseloadAssignment_districtId_studentId_fkey" FOREIGN KEY ("districtId", "studentId") REFERENCES "Student"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseloadAssignment" ADD CONSTRAINT "CaseloadAssignment_districtId_membershipId_fkey" FOREIGN KEY ("districtId", "membershipId") REFERENCES "Membership"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------
-- Hand-written: grants and row-level security for the new tenant tables
-- (docs/decisions/001-tenancy.md). Students are archived, never deleted, so
-- the application role gets no DELETE on them; guardians are replaced on edit.
-- ---------------------------------------------------------------------------

GRANT SELECT, INSERT, UPDATE ON "Student", "CaseloadAssignment" TO mtss_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON "Guardian" TO mtss_app;

ALTER TABLE "Student" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Student" FORCE ROW LEVEL SECURITY;
CREATE POLICY student_tenant ON "Student"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());

ALTER TABLE "Guardian" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Guardian" FORCE ROW LEVEL SECURITY;
CREATE POLICY guardian_tenant ON "Guardian"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());

ALTER TABLE "CaseloadAssignment" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "CaseloadAssignment" FORCE ROW LEVEL SECURITY;
CREATE POLICY caseload_assignment_tenant ON "CaseloadAssignment"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());

-- A staff member holds a given role on a student's case at most once at a time.
CREATE UNIQUE INDEX "CaseloadAssignment_active_key" ON "CaseloadAssignment"("districtId", "studentId", "membershipId", "role") WHERE "endedAt" IS NULL;
