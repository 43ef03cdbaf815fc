-- AlterTable
ALTER TABLE "DistrictSettings" ADD COLUMN     "equityHiddenSubgroups" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "equityMinCell" INTEGER NOT NULL DEFAULT 10,
ADD COLUMN     "equityMinN" INTEGER NOT NULL DEFAULT 30,
ADD COLUMN     "equityThreshold" DOUBLE PRECISION NOT NULL DEFAULT 3;

-- The bounds of src/domain/equity-rules.ts (EQUITY_RULE_BOUNDS), repeated so no writer can store rules the dashboard could not apply safely.
ALTER TABLE "DistrictSettings" ADD CONSTRAINT "DistrictSettings_equity_rules_check" CHECK (
  "equityThreshold" >= 1 AND "equityThreshold" <= 10
  AND "equityMinCell" >= 5 AND "equityMinCell" <= 30
  AND "equityMinN" >= 10 AND "equityMinN" <= 100
  AND "equityMinN" >= "equityMinCell"
);
