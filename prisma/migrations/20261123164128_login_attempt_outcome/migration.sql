-- CreateEnum
CREATE TYPE "LoginOutcome" AS ENUM ('PENDING', 'SUCCEEDED', 'FAILED', 'BLOCKED');

-- AlterTable (hand-edited to keep the outcome of existing rows)
ALTER TABLE "LoginAttempt" ADD COLUMN "outcome" "LoginOutcome" NOT NULL DEFAULT 'PENDING';
UPDATE "LoginAttempt" SET "outcome" = CASE WHEN "succeeded" THEN 'SUCCEEDED'::"LoginOutcome" ELSE 'FAILED'::"LoginOutcome" END;
ALTER TABLE "LoginAttempt" DROP COLUMN "succeeded";

-- An attempt is written first and its outcome set once known; nothing else may change.
GRANT UPDATE ("outcome") ON "LoginAttempt" TO mtss_app;
