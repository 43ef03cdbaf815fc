-- CreateEnum
CREATE TYPE "InterventionArea" AS ENUM ('READING', 'MATH', 'WRITING', 'BEHAVIOR', 'SOCIAL_EMOTIONAL', 'ATTENDANCE');

-- CreateEnum
CREATE TYPE "TierLevel" AS ENUM ('TIER_1', 'TIER_2', 'TIER_3');

-- CreateTable
CREATE TABLE "StudentTier" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "districtId" UUID NOT NULL,
    "studentId" UUID NOT NULL,
    "area" "InterventionArea" NOT NULL,
    "tier" "TierLevel" NOT NULL,
    "effectiveDate" DATE NOT NULL,
    "reason" TEXT NOT NULL,
    "decidedByUserId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StudentTier_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StudentTier_districtId_studentId_area_effectiveDate_idx" ON "StudentTier"("districtId", "studentId", "area", "effectiveDate");

-- CreateIndex
CREATE INDEX "StudentTier_districtId_area_tier_studentId_idx" ON "StudentTier"("districtId", "area", "tier", "studentId");

-- AddForeignKey
ALTER TABLE "StudentTier" ADD CONSTRAINT "StudentTier_districtId_studentId_fkey" FOREIGN KEY ("districtId", "studentId") REFERENCES "Student"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StudentTier" ADD CONSTRAINT "StudentTier_decidedByUserId_fkey" FOREIGN KEY ("decidedByUserId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------
-- Hand-written: grants and row-level security (docs/decisions/001-tenancy.md).
-- Tier history is never overwritten, so the application role may only read
-- and insert.
-- ---------------------------------------------------------------------------

GRANT SELECT, INSERT ON "StudentTier" TO mtss_app;

ALTER TABLE "StudentTier" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "StudentTier" FORCE ROW LEVEL SECURITY;
CREATE POLICY student_tier_tenant ON "StudentTier"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());
