-- AlterTable
ALTER TABLE "Probe" ADD COLUMN     "clientKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Probe_districtId_clientKey_goalId_key" ON "Probe"("districtId", "clientKey", "goalId");

-- Hand-written: the table's grants and row-level security are unchanged
-- (20261201183732). Last line of defence behind the actions: an invalid probe
-- always says why, and a valid one carries no reason.
ALTER TABLE "Probe" ADD CONSTRAINT "Probe_invalid_with_reason"
  CHECK (("invalidatedAt" IS NULL) = ("invalidReason" IS NULL));
