-- Hand-written (Prisma's schema language has no partial indexes, and its diff
-- leaves such an index alone): the district's archived students, a handful of
-- rows. The compliance calendar leaves archived students' dates out by an
-- anti-join on it, instead of probing Student's primary key once for each of
-- a district's few thousand IEP/504 dates (docs/decisions/045-compliance-calendar-cost.md).
CREATE INDEX "Student_archived_idx" ON "Student" ("districtId", "id") WHERE "archivedAt" IS NOT NULL;
