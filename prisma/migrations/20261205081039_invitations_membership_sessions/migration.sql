-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "sessionVersion" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "Invitation" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "districtId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "invitedName" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "declinedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Invitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InvitationSchool" (
    "districtId" UUID NOT NULL,
    "invitationId" UUID NOT NULL,
    "schoolId" UUID NOT NULL,

    CONSTRAINT "InvitationSchool_pkey" PRIMARY KEY ("invitationId","schoolId")
);

-- CreateIndex
CREATE INDEX "Invitation_userId_idx" ON "Invitation"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Invitation_districtId_id_key" ON "Invitation"("districtId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Invitation_districtId_userId_key" ON "Invitation"("districtId", "userId");

-- CreateIndex
CREATE INDEX "InvitationSchool_districtId_schoolId_idx" ON "InvitationSchool"("districtId", "schoolId");

-- AddForeignKey
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "District"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvitationSchool" ADD CONSTRAINT "InvitationSchool_districtId_invitationId_fkey" FOREIGN KEY ("districtId", "invitationId") REFERENCES "Invitation"("districtId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InvitationSchool" ADD CONSTRAINT "InvitationSchool_districtId_schoolId_fkey" FOREIGN KEY ("districtId", "schoolId") REFERENCES "School"("districtId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------
-- Hand-written: grants and row-level security (docs/decisions/001-tenancy.md,
-- 009-invitations.md). An invitation is deleted when accepted (it becomes a
-- Membership), so the app may delete it.
-- ---------------------------------------------------------------------------

GRANT SELECT, INSERT, UPDATE, DELETE ON "Invitation", "InvitationSchool" TO mtss_app;

ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_named"
  CHECK (length(btrim("invitedName")) > 0);

-- Like Membership: the district sees its invitations; the invited person, in
-- the user-scoped transaction of their own sign-in, sees the ones addressed to them.
ALTER TABLE "Invitation" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "Invitation" FORCE ROW LEVEL SECURITY;
CREATE POLICY invitation_tenant ON "Invitation"
  USING ("districtId" = app_district_id() OR "userId" = app_user_id())
  WITH CHECK ("districtId" = app_district_id());

ALTER TABLE "InvitationSchool" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "InvitationSchool" FORCE ROW LEVEL SECURITY;
CREATE POLICY invitation_school_tenant ON "InvitationSchool"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());
