-- CreateEnum
CREATE TYPE "EnrollmentRole" AS ENUM ('STUDENT', 'TEACHER', 'AIDE');

-- CreateEnum
CREATE TYPE "ImportKind" AS ENUM ('ONEROSTER');

-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('READY', 'BLOCKED', 'APPLYING', 'APPLIED', 'FAILED', 'SUPERSEDED');

-- AlterTable
ALTER TABLE "School" ADD COLUMN     "sourcedId" TEXT;

-- AlterTable
ALTER TABLE "Student" ADD COLUMN     "sourcedId" TEXT,
ALTER COLUMN "dateOfBirth" DROP NOT NULL;

-- CreateTable
CREATE TABLE "AcademicSession" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "districtId" UUID NOT NULL,
    "sourcedId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "startDate" DATE,
    "endDate" DATE,
    "schoolYear" INTEGER,
    "parentSourcedId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AcademicSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RosterStaff" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "districtId" UUID NOT NULL,
    "sourcedId" TEXT NOT NULL,
    "givenName" TEXT NOT NULL,
    "familyName" TEXT NOT NULL,
    "email" TEXT,
    "oneRosterRole" TEXT NOT NULL,
    "schoolId" UUID,
    "userId" UUID,
    "archivedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RosterStaff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SchoolClass" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "districtId" UUID NOT NULL,
    "sourcedId" TEXT NOT NULL,
    "schoolId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "courseCode" TEXT,
    "classCode" TEXT,
    "periods" TEXT,
    "termId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SchoolClass_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClassEnrollment" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "districtId" UUID NOT NULL,
    "sourcedId" TEXT NOT NULL,
    "classId" UUID NOT NULL,
    "studentId" UUID,
    "rosterStaffId" UUID,
    "role" "EnrollmentRole" NOT NULL,
    "primary" BOOLEAN NOT NULL DEFAULT false,
    "beginDate" DATE,
    "endDate" DATE,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ClassEnrollment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportRun" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "districtId" UUID NOT NULL,
    "kind" "ImportKind" NOT NULL,
    "status" "ImportStatus" NOT NULL,
    "mode" TEXT,
    "version" TEXT,
    "createdByUserId" UUID NOT NULL,
    "appliedByUserId" UUID,
    "fileNames" TEXT[],
    "errorCount" INTEGER NOT NULL DEFAULT 0,
    "warningCount" INTEGER NOT NULL DEFAULT 0,
    "counts" JSONB NOT NULL,
    "report" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "appliedAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ImportRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportFile" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "districtId" UUID NOT NULL,
    "importRunId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "ImportFile_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AcademicSession_districtId_id_key" ON "AcademicSession"("districtId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "AcademicSession_districtId_sourcedId_key" ON "AcademicSession"("districtId", "sourcedId");

-- CreateIndex
CREATE INDEX "RosterStaff_districtId_userId_idx" ON "RosterStaff"("districtId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "RosterStaff_districtId_id_key" ON "RosterStaff"("districtId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "RosterStaff_districtId_sourcedId_key" ON "RosterStaff"("districtId", "sourcedId");

-- CreateIndex
CREATE INDEX "SchoolClass_districtId_schoolId_title_idx" ON "SchoolClass"("districtId", "schoolId", "title");

-- CreateIndex
CREATE UNIQUE INDEX "SchoolClass_districtId_id_key" ON "SchoolClass"("districtId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "SchoolClass_districtId_sourcedId_key" ON "SchoolClass"("districtId", "sourcedId");

-- CreateIndex
CREATE INDEX "ClassEnrollment_districtId_classId_idx" ON "ClassEnrollment"("districtId", "classId");

-- CreateIndex
CREATE INDEX "ClassEnrollment_districtId_studentId_idx" ON "ClassEnrollment"("districtId", "studentId");

-- CreateIndex
CREATE INDEX "ClassEnrollment_districtId_rosterStaffId_idx" ON "ClassEnrollment"("districtId", "rosterStaffId");

-- CreateIndex
CREATE UNIQUE INDEX "ClassEnrollment_districtId_sourcedId_key" ON "ClassEnrollment"("districtId", "sourcedId");

-- CreateIndex
CREATE INDEX "ImportRun_districtId_createdAt_idx" ON "ImportRun"("districtId", "createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "ImportRun_districtId_id_key" ON "ImportRun"("districtId", "id");

-- CreateIndex
CREATE INDEX "ImportFile_districtId_importRunId_idx" ON "ImportFile"("districtId", "importRunId");

-- CreateIndex
CREATE UNIQUE INDEX "School_districtId_sourcedId_key" ON "School"("districtId", "sourcedId");

-- CreateIndex
CREATE UNIQUE INDEX "Student_districtId_sourcedId_key" ON "Student"("districtId", "sourcedId");

-- AddForeignKey
ALTER TABLE "RosterStaff" ADD CONSTRAINT "RosterStaff_districtId_schoolId_fkey" FOREIGN KEY ("districtId", "schoolId") REFERENCES "School"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SchoolClass" ADD CONSTRAINT "SchoolClass_districtId_schoolId_fkey" FOREIGN KEY ("districtId", "schoolId") REFERENCES "School"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SchoolClass" ADD CONSTRAINT "SchoolClass_districtId_termId_fkey" FOREIGN KEY ("districtId", "termId") REFERENCES "AcademicSession"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClassEnrollment" ADD CONSTRAINT "ClassEnrollment_districtId_classId_fkey" FOREIGN KEY ("districtId", "classId") REFERENCES "SchoolClass"("districtId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClassEnrollment" ADD CONSTRAINT "ClassEnrollment_districtId_studentId_fkey" FOREIGN KEY ("districtId", "studentId") REFERENCES "Student"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClassEnrollment" ADD CONSTRAINT "ClassEnrollment_districtId_rosterStaffId_fkey" FOREIGN KEY ("districtId", "rosterStaffId") REFERENCES "RosterStaff"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportRun" ADD CONSTRAINT "ImportRun_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "District"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportFile" ADD CONSTRAINT "ImportFile_districtId_importRunId_fkey" FOREIGN KEY ("districtId", "importRunId") REFERENCES "ImportRun"("districtId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------
-- Hand-written: grants, checks and row-level security (docs/decisions/001-tenancy.md,
-- 018-oneroster-import.md). Sessions, classes and enrollments mirror the
-- student information system, so an import may remove them; roster staff
-- are only archived. Import runs are history: never deleted; their files go
-- once the import is applied or replaced.
-- ---------------------------------------------------------------------------

GRANT SELECT, INSERT, UPDATE, DELETE ON "AcademicSession", "SchoolClass", "ClassEnrollment", "ImportFile" TO mtss_app;
GRANT SELECT, INSERT, UPDATE ON "RosterStaff", "ImportRun" TO mtss_app;

-- An enrollment is of exactly one person: a student (role STUDENT) or a staff member.
ALTER TABLE "ClassEnrollment" ADD CONSTRAINT "ClassEnrollment_one_person"
  CHECK (("role" = 'STUDENT' AND "studentId" IS NOT NULL AND "rosterStaffId" IS NULL)
      OR ("role" <> 'STUDENT' AND "studentId" IS NULL AND "rosterStaffId" IS NOT NULL));
ALTER TABLE "SchoolClass" ADD CONSTRAINT "SchoolClass_titled" CHECK (length(btrim("title")) > 0);

ALTER TABLE "AcademicSession" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "AcademicSession" FORCE ROW LEVEL SECURITY;
CREATE POLICY academic_session_tenant ON "AcademicSession"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());

ALTER TABLE "RosterStaff" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "RosterStaff" FORCE ROW LEVEL SECURITY;
CREATE POLICY roster_staff_tenant ON "RosterStaff"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());

ALTER TABLE "SchoolClass" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "SchoolClass" FORCE ROW LEVEL SECURITY;
CREATE POLICY school_class_tenant ON "SchoolClass"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());

ALTER TABLE "ClassEnrollment" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ClassEnrollment" FORCE ROW LEVEL SECURITY;
CREATE POLICY class_enrollment_tenant ON "ClassEnrollment"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());

ALTER TABLE "ImportRun" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ImportRun" FORCE ROW LEVEL SECURITY;
CREATE POLICY import_run_tenant ON "ImportRun"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());

ALTER TABLE "ImportFile" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ImportFile" FORCE ROW LEVEL SECURITY;
CREATE POLICY import_file_tenant ON "ImportFile"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());
