-- CreateEnum
CREATE TYPE "ScreeningSource" AS ENUM ('GRID', 'FILE');

-- CreateEnum
CREATE TYPE "ScreeningImportStatus" AS ENUM ('UPLOADED', 'APPLIED');

-- AlterTable
ALTER TABLE "Measure" ADD COLUMN     "screeningArea" "InterventionArea";

-- CreateTable
CREATE TABLE "ScreeningWindow" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "districtId" UUID NOT NULL,
    "schoolYear" INTEGER NOT NULL,
    "season" "Season" NOT NULL,
    "startDate" DATE NOT NULL,
    "endDate" DATE NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ScreeningWindow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScreeningScore" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "districtId" UUID NOT NULL,
    "studentId" UUID NOT NULL,
    "measureId" UUID NOT NULL,
    "windowId" UUID NOT NULL,
    "grade" "GradeLevel" NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "source" "ScreeningSource" NOT NULL,
    "importId" UUID,
    "enteredByUserId" UUID NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ScreeningScore_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScreeningImport" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "districtId" UUID NOT NULL,
    "uploadedByUserId" UUID NOT NULL,
    "filename" TEXT NOT NULL,
    "content" TEXT,
    "windowId" UUID,
    "mapping" JSONB,
    "status" "ScreeningImportStatus" NOT NULL DEFAULT 'UPLOADED',
    "dataRows" INTEGER NOT NULL,
    "summary" JSONB,
    "appliedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ScreeningImport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ScreeningWindow_districtId_id_key" ON "ScreeningWindow"("districtId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "ScreeningWindow_districtId_schoolYear_season_key" ON "ScreeningWindow"("districtId", "schoolYear", "season");

-- CreateIndex
CREATE INDEX "ScreeningScore_districtId_windowId_measureId_idx" ON "ScreeningScore"("districtId", "windowId", "measureId");

-- CreateIndex
CREATE UNIQUE INDEX "ScreeningScore_districtId_id_key" ON "ScreeningScore"("districtId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "ScreeningScore_districtId_studentId_measureId_windowId_key" ON "ScreeningScore"("districtId", "studentId", "measureId", "windowId");

-- CreateIndex
CREATE INDEX "ScreeningImport_districtId_uploadedByUserId_createdAt_idx" ON "ScreeningImport"("districtId", "uploadedByUserId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ScreeningImport_districtId_id_key" ON "ScreeningImport"("districtId", "id");

-- AddForeignKey
ALTER TABLE "ScreeningWindow" ADD CONSTRAINT "ScreeningWindow_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "District"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScreeningScore" ADD CONSTRAINT "ScreeningScore_districtId_studentId_fkey" FOREIGN KEY ("districtId", "studentId") REFERENCES "Student"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScreeningScore" ADD CONSTRAINT "ScreeningScore_districtId_measureId_fkey" FOREIGN KEY ("districtId", "measureId") REFERENCES "Measure"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScreeningScore" ADD CONSTRAINT "ScreeningScore_districtId_windowId_fkey" FOREIGN KEY ("districtId", "windowId") REFERENCES "ScreeningWindow"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScreeningImport" ADD CONSTRAINT "ScreeningImport_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "District"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------
-- Hand-written: checks, grants and row-level security (docs/decisions/001-tenancy.md,
-- 017-universal-screening.md). Scores are corrected by entering them again
-- (an update, audited), never deleted; an import keeps its row as the record of
-- who uploaded what (its text is cleared once applied).
-- ---------------------------------------------------------------------------

ALTER TABLE "ScreeningWindow" ADD CONSTRAINT "ScreeningWindow_dates"
  CHECK ("endDate" >= "startDate");
ALTER TABLE "ScreeningWindow" ADD CONSTRAINT "ScreeningWindow_school_year"
  CHECK ("schoolYear" BETWEEN 2000 AND 2100);
-- A float column accepts NaN and infinities; a score is neither.
ALTER TABLE "ScreeningScore" ADD CONSTRAINT "ScreeningScore_finite"
  CHECK ("score" = "score" AND "score" NOT IN ('Infinity'::float8, '-Infinity'::float8));
ALTER TABLE "ScreeningImport" ADD CONSTRAINT "ScreeningImport_rows"
  CHECK ("dataRows" >= 0);

GRANT SELECT, INSERT, UPDATE ON "ScreeningWindow", "ScreeningScore", "ScreeningImport" TO mtss_app;
-- A window with no scores yet may be removed (a date typed in the wrong season); one with scores may not (the foreign key refuses it).
GRANT DELETE ON "ScreeningWindow" TO mtss_app;

ALTER TABLE "ScreeningWindow" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ScreeningWindow" FORCE ROW LEVEL SECURITY;
CREATE POLICY screening_window_tenant ON "ScreeningWindow"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());

ALTER TABLE "ScreeningScore" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ScreeningScore" FORCE ROW LEVEL SECURITY;
CREATE POLICY screening_score_tenant ON "ScreeningScore"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());

ALTER TABLE "ScreeningImport" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "ScreeningImport" FORCE ROW LEVEL SECURITY;
CREATE POLICY screening_import_tenant ON "ScreeningImport"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());
