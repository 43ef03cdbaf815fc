-- AlterTable
ALTER TABLE "District" ADD COLUMN     "timeZone" TEXT NOT NULL DEFAULT 'America/Chicago';
