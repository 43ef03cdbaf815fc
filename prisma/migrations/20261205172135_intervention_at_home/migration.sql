-- AlterTable
ALTER TABLE "Intervention" ADD COLUMN     "atHome" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "atHomeEs" TEXT NOT NULL DEFAULT '';
