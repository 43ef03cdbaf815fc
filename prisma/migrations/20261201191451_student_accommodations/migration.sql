-- CreateEnum
CREATE TYPE "AccommodationSource" AS ENUM ('IEP', 'SECTION_504', 'OTHER');

-- CreateTable
CREATE TABLE "StudentAccommodation" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "districtId" UUID NOT NULL,
    "studentId" UUID NOT NULL,
    "description" VARCHAR(300) NOT NULL,
    "source" "AccommodationSource" NOT NULL,
    "startDate" DATE NOT NULL,
    "endDate" DATE,
    "createdByUserId" UUID NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "archivedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "StudentAccommodation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StudentAccommodation_districtId_studentId_idx" ON "StudentAccommodation"("districtId", "studentId");

-- CreateIndex
CREATE UNIQUE INDEX "StudentAccommodation_districtId_id_key" ON "StudentAccommodation"("districtId", "id");

-- AddForeignKey
ALTER TABLE "StudentAccommodation" ADD CONSTRAINT "StudentAccommodation_districtId_studentId_fkey" FOREIGN KEY ("districtId", "studentId") REFERENCES "Student"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------
-- Hand-written: grants and row-level security (docs/decisions/001-tenancy.md).
-- Never deleted: an accommodation ends (endDate) or is archived.
-- ---------------------------------------------------------------------------

GRANT SELECT, INSERT, UPDATE ON "StudentAccommodation" TO mtss_app;

-- Last line of defence behind the zod schema.
ALTER TABLE "StudentAccommodation" ADD CONSTRAINT "StudentAccommodation_described"
  CHECK (length(btrim("description")) > 0);
ALTER TABLE "StudentAccommodation" ADD CONSTRAINT "StudentAccommodation_ends_after_start"
  CHECK ("endDate" IS NULL OR "endDate" >= "startDate");

ALTER TABLE "StudentAccommodation" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "StudentAccommodation" FORCE ROW LEVEL SECURITY;
CREATE POLICY student_accommodation_tenant ON "StudentAccommodation"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());
