-- CreateTable
CREATE TABLE "AuditEventStudent" (
    "districtId" UUID NOT NULL,
    "auditEventId" UUID NOT NULL,
    "studentId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AuditEventStudent_pkey" PRIMARY KEY ("auditEventId","studentId")
);

-- CreateIndex
CREATE INDEX "AuditEventStudent_districtId_studentId_createdAt_auditEvent_idx" ON "AuditEventStudent"("districtId", "studentId", "createdAt" DESC, "auditEventId");

-- AddForeignKey
ALTER TABLE "AuditEventStudent" ADD CONSTRAINT "AuditEventStudent_auditEventId_fkey" FOREIGN KEY ("auditEventId") REFERENCES "AuditEvent"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written (decisions 001, 002, 035): grants, RLS, append-only, backfill.
-- Like AuditEvent: the app appends and reads, never changes or removes.
GRANT SELECT, INSERT ON "AuditEventStudent" TO mtss_app;

ALTER TABLE "AuditEventStudent" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "AuditEventStudent" FORCE ROW LEVEL SECURITY;
CREATE POLICY audit_event_student_tenant ON "AuditEventStudent"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());

CREATE TRIGGER audit_event_student_no_update_delete BEFORE UPDATE OR DELETE ON "AuditEventStudent"
  FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
CREATE TRIGGER audit_event_student_no_truncate BEFORE TRUNCATE ON "AuditEventStudent"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();

-- Events written before this table kept the students they showed in their
-- detail (the student list's "shownStudentIds", the compliance calendar's
-- "studentIds"): link those too, so the record of access covers the past.
-- Only well-formed ids of students of the event's own district are linked.
INSERT INTO "AuditEventStudent" ("districtId", "auditEventId", "studentId", "createdAt")
SELECT DISTINCT e."districtId", e."id", s."id", e."createdAt"
FROM "AuditEvent" e
CROSS JOIN LATERAL jsonb_array_elements_text(
  CASE WHEN jsonb_typeof(e."detail" -> 'shownStudentIds') = 'array' THEN e."detail" -> 'shownStudentIds'
       WHEN jsonb_typeof(e."detail" -> 'studentIds') = 'array' THEN e."detail" -> 'studentIds'
       ELSE '[]'::jsonb END) AS ids(v)
JOIN "Student" s ON s."districtId" = e."districtId"
  AND s."id" = CASE WHEN ids.v ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN ids.v::uuid END
WHERE e."districtId" IS NOT NULL AND jsonb_typeof(e."detail") = 'object';

-- The record of access's third source, exports of the whole district (they
-- name no student): without it the report would read every event that names
-- no student. Few rows; partial, so the audit log's writes barely pay for it.
CREATE INDEX "AuditEvent_exports_without_student_idx" ON "AuditEvent" ("districtId", "createdAt" DESC, "id") WHERE "action" = 'export' AND "studentId" IS NULL;
