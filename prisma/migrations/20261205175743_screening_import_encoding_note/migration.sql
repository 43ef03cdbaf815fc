-- AlterTable
ALTER TABLE "ScreeningImport" ADD COLUMN     "encodingNote" TEXT;
