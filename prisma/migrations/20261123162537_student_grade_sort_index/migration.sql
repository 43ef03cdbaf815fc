-- CreateIndex
CREATE INDEX "Student_districtId_grade_legalLastName_legalFirstName_id_idx" ON "Student"("districtId", "grade", "legalLastName", "legalFirstName", "id");
