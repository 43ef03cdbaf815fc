-- CreateTable
CREATE TABLE "DistrictSmtp" (
    "districtId" UUID NOT NULL,
    "host" TEXT NOT NULL,
    "port" INTEGER NOT NULL,
    "security" TEXT NOT NULL,
    "username" TEXT,
    "password" TEXT,
    "fromAddress" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DistrictSmtp_pkey" PRIMARY KEY ("districtId")
);

-- AddForeignKey
ALTER TABLE "DistrictSmtp" ADD CONSTRAINT "DistrictSmtp_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "District"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
-- ---------------------------------------------------------------------------
-- Hand-written: grants and row-level security (docs/decisions/001-tenancy.md,
-- 038-family-report-email.md).
-- ---------------------------------------------------------------------------

GRANT SELECT, INSERT, UPDATE, DELETE ON "DistrictSmtp" TO mtss_app;

ALTER TABLE "DistrictSmtp" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "DistrictSmtp" FORCE ROW LEVEL SECURITY;
CREATE POLICY district_smtp_tenant ON "DistrictSmtp"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());

-- The port and the TLS mode are the only values the app reads as choices; the
-- database keeps them in range whatever writes the row.
ALTER TABLE "DistrictSmtp" ADD CONSTRAINT "DistrictSmtp_port_check" CHECK ("port" BETWEEN 1 AND 65535);
ALTER TABLE "DistrictSmtp" ADD CONSTRAINT "DistrictSmtp_security_check" CHECK ("security" IN ('TLS', 'STARTTLS', 'NONE'));
