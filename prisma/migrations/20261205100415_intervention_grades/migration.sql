-- AlterTable
ALTER TABLE "Intervention" ADD COLUMN     "gradeMax" "GradeLevel",
ADD COLUMN     "gradeMin" "GradeLevel";
