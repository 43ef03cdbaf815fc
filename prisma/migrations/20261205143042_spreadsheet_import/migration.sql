-- AlterEnum
ALTER TYPE "ImportKind" ADD VALUE 'SPREADSHEET';

-- AlterEnum
ALTER TYPE "ImportStatus" ADD VALUE 'MAPPING';
