-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'COORDINATOR', 'SPECIALIST', 'ASSISTANT');

-- CreateEnum
CREATE TYPE "SchoolLevel" AS ENUM ('ELEMENTARY', 'MIDDLE', 'HIGH', 'OTHER');

-- CreateTable
CREATE TABLE "District" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "District_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "sessionVersion" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "School" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "districtId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "level" "SchoolLevel" NOT NULL,
    "code" TEXT,
    "archivedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "School_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Membership" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "districtId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "role" "Role" NOT NULL,
    "deactivatedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Membership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MembershipSchool" (
    "districtId" UUID NOT NULL,
    "membershipId" UUID NOT NULL,
    "schoolId" UUID NOT NULL,

    CONSTRAINT "MembershipSchool_pkey" PRIMARY KEY ("membershipId","schoolId")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "districtId" UUID,
    "actorUserId" UUID,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT,
    "studentId" UUID,
    "detail" JSONB,
    "ip" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoginAttempt" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "succeeded" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LoginAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "District_slug_key" ON "District"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "School_districtId_id_key" ON "School"("districtId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "School_districtId_name_key" ON "School"("districtId", "name");

-- CreateIndex
CREATE INDEX "Membership_userId_idx" ON "Membership"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Membership_districtId_id_key" ON "Membership"("districtId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Membership_districtId_userId_key" ON "Membership"("districtId", "userId");

-- CreateIndex
CREATE INDEX "MembershipSchool_districtId_schoolId_idx" ON "MembershipSchool"("districtId", "schoolId");

-- CreateIndex
CREATE INDEX "AuditEvent_districtId_createdAt_idx" ON "AuditEvent"("districtId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_districtId_actorUserId_createdAt_idx" ON "AuditEvent"("districtId", "actorUserId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_districtId_studentId_createdAt_idx" ON "AuditEvent"("districtId", "studentId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "LoginAttempt_email_createdAt_idx" ON "LoginAttempt"("email", "createdAt");

-- CreateIndex
CREATE INDEX "LoginAttempt_ip_createdAt_idx" ON "LoginAttempt"("ip", "createdAt");

-- AddForeignKey
ALTER TABLE "School" ADD CONSTRAINT "School_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "District"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "District"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MembershipSchool" ADD CONSTRAINT "MembershipSchool_districtId_membershipId_fkey" FOREIGN KEY ("districtId", "membershipId") REFERENCES "Membership"("districtId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MembershipSchool" ADD CONSTRAINT "MembershipSchool_districtId_schoolId_fkey" FOREIGN KEY ("districtId", "schoolId") REFERENCES "School"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------
-- Hand-written below: the application role, row-level security, append-only
-- audit. Prisma's schema language cannot express these; a test checks that
-- every tenant table has RLS enabled, forced and a policy
-- (docs/decisions/001-tenancy.md).
-- ---------------------------------------------------------------------------

ALTER TABLE "User" ADD CONSTRAINT "User_email_lowercase" CHECK ("email" = lower("email"));

DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'mtss_app') THEN
    CREATE ROLE mtss_app NOLOGIN;
  END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO mtss_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON "District", "User", "School", "Membership", "MembershipSchool" TO mtss_app;
GRANT SELECT, INSERT ON "AuditEvent", "LoginAttempt" TO mtss_app;

-- The tenant of the current transaction, set with set_config('app.district_id', id, true).
CREATE FUNCTION app_district_id() RETURNS uuid LANGUAGE sql STABLE AS $$
  SELECT NULLIF(current_setting('app.district_id', true), '')::uuid
$$;

-- The signed-in user, set only by the user-scoped transaction that lists a
-- person's own memberships (to choose a district); never together with a district.
CREATE FUNCTION app_user_id() RETURNS uuid LANGUAGE sql STABLE AS $$
  SELECT NULLIF(current_setting('app.user_id', true), '')::uuid
$$;

ALTER TABLE "District" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "District" FORCE ROW LEVEL SECURITY;
CREATE POLICY district_tenant ON "District"
  USING ("id" = app_district_id()
         OR "id" IN (SELECT "districtId" FROM "Membership" WHERE "userId" = app_user_id()))
  WITH CHECK ("id" = app_district_id());

ALTER TABLE "School" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "School" FORCE ROW LEVEL SECURITY;
CREATE POLICY school_tenant ON "School"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());

ALTER TABLE "Membership" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Membership" FORCE ROW LEVEL SECURITY;
CREATE POLICY membership_tenant ON "Membership"
  USING ("districtId" = app_district_id() OR "userId" = app_user_id())
  WITH CHECK ("districtId" = app_district_id());

ALTER TABLE "MembershipSchool" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "MembershipSchool" FORCE ROW LEVEL SECURITY;
CREATE POLICY membership_school_tenant ON "MembershipSchool"
  USING ("districtId" = app_district_id()
         OR "membershipId" IN (SELECT "id" FROM "Membership" WHERE "userId" = app_user_id()))
  WITH CHECK ("districtId" = app_district_id());

ALTER TABLE "AuditEvent" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "AuditEvent" FORCE ROW LEVEL SECURITY;
-- Rows without a district (sign-in failures for unknown emails) are written
-- by anyone and read by no tenant.
CREATE POLICY audit_event_tenant ON "AuditEvent"
  USING ("districtId" = app_district_id())
  WITH CHECK ("districtId" = app_district_id() OR "districtId" IS NULL);

CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AuditEvent is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_event_no_update_delete BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();
