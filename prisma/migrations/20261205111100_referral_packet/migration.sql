-- AlterTable
ALTER TABLE "DistrictSettings" ADD COLUMN     "packetMinDataPoints" INTEGER NOT NULL DEFAULT 6,
ADD COLUMN     "packetMinFidelity" INTEGER NOT NULL DEFAULT 80,
ADD COLUMN     "packetMinInterventions" INTEGER NOT NULL DEFAULT 2,
ADD COLUMN     "packetRequireGuardians" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "Referral" ADD COLUMN     "packetFinalAt" TIMESTAMPTZ(3),
ADD COLUMN     "packetFinalByUserId" UUID,
ADD COLUMN     "packetFinalNote" VARCHAR(1000);

-- ---------------------------------------------------------------------------
-- Hand-written: the checklist's bounds (as the settings form enforces them),
-- and a final packet always says who and when (docs/decisions/016-referral-packet.md).
-- The tables' grants and row-level security are those of their own migrations.
-- ---------------------------------------------------------------------------

ALTER TABLE "DistrictSettings" ADD CONSTRAINT "DistrictSettings_packet_rules"
  CHECK ("packetMinInterventions" BETWEEN 1 AND 6 AND "packetMinDataPoints" BETWEEN 3 AND 30 AND "packetMinFidelity" BETWEEN 50 AND 100);
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_packet_final_by"
  CHECK (("packetFinalAt" IS NULL) = ("packetFinalByUserId" IS NULL) AND ("packetFinalNote" IS NULL OR "packetFinalAt" IS NOT NULL));
