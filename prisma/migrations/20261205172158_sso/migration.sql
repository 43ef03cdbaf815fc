-- AlterTable
ALTER TABLE "District" ADD COLUMN     "passwordSignIn" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "DistrictSso" (
    "districtId" UUID NOT NULL,
    "label" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "clientSecret" TEXT NOT NULL,
    "allowedDomains" TEXT[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DistrictSso_pkey" PRIMARY KEY ("districtId")
);

-- AddForeignKey
ALTER TABLE "DistrictSso" ADD CONSTRAINT "DistrictSso_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "District"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
-- ---------------------------------------------------------------------------
-- Hand-written: grants and row-level security (docs/decisions/001-tenancy.md,
-- 034-single-sign-on.md).
-- ---------------------------------------------------------------------------

GRANT SELECT, INSERT, UPDATE, DELETE ON "DistrictSso" TO mtss_app;

ALTER TABLE "DistrictSso" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "DistrictSso" FORCE ROW LEVEL SECURITY;
CREATE POLICY district_sso_tenant ON "DistrictSso"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());

-- Before anyone is signed in, the sign-in page must find the districts whose
-- provider accepts an email's domain. It gets only what the sign-in page shows
-- (district id and name, the button's label), never the client or its secret.
CREATE FUNCTION sso_districts_for_domain(email_domain text)
RETURNS TABLE ("districtId" uuid, "name" text, "label" text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT s."districtId", d."name", s."label"
  FROM "DistrictSso" s JOIN "District" d ON d."id" = s."districtId"
  WHERE lower(email_domain) = ANY (s."allowedDomains")
  ORDER BY d."name"
$$;
REVOKE ALL ON FUNCTION sso_districts_for_domain(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION sso_districts_for_domain(text) TO mtss_app;
