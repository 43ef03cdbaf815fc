-- CreateEnum
CREATE TYPE "RulePrecedence" AS ENUM ('TREND_FIRST', 'FOUR_POINT_FIRST');

-- AlterTable
ALTER TABLE "DistrictSettings" ADD COLUMN     "rulePrecedence" "RulePrecedence" NOT NULL DEFAULT 'TREND_FIRST';

-- AlterTable
ALTER TABLE "InterventionSession" ADD COLUMN     "voidReason" TEXT,
ADD COLUMN     "voidedAt" TIMESTAMPTZ(3),
ADD COLUMN     "voidedByUserId" UUID;
