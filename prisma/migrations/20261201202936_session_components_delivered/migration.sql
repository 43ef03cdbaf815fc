-- AlterTable
ALTER TABLE "InterventionSession" ADD COLUMN     "componentsDelivered" INTEGER NOT NULL DEFAULT 0;

-- Hand-written: the count is never negative; sessions logged before this
-- migration get theirs from their SessionComponent rows.
ALTER TABLE "InterventionSession" ADD CONSTRAINT "InterventionSession_componentsDelivered_nonnegative" CHECK ("componentsDelivered" >= 0);
UPDATE "InterventionSession" s SET "componentsDelivered" = c."n"
FROM (SELECT "districtId", "sessionId", count(*)::int AS "n" FROM "SessionComponent" GROUP BY "districtId", "sessionId") c
WHERE c."districtId" = s."districtId" AND c."sessionId" = s."id";
