-- CreateTable
CREATE TABLE "DistrictDeletion" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "districtId" UUID NOT NULL,
    "requestedByUserId" UUID NOT NULL,
    "requestedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "exportEventId" UUID NOT NULL,
    "confirmedByUserId" UUID,
    "confirmedAt" TIMESTAMPTZ(3),
    "runAfter" TIMESTAMPTZ(3),

    CONSTRAINT "DistrictDeletion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DistrictDeletionCertificate" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "formerDistrictId" UUID NOT NULL,
    "districtName" TEXT NOT NULL,
    "districtSlug" TEXT NOT NULL,
    "requestedByUserId" UUID NOT NULL,
    "requestedByEmail" TEXT NOT NULL,
    "requestedByName" TEXT NOT NULL,
    "requestedAt" TIMESTAMPTZ(3) NOT NULL,
    "confirmedByUserId" UUID NOT NULL,
    "confirmedByEmail" TEXT NOT NULL,
    "confirmedByName" TEXT NOT NULL,
    "confirmedAt" TIMESTAMPTZ(3) NOT NULL,
    "carriedOutAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "tables" JSONB NOT NULL,
    "usersRemoved" INTEGER NOT NULL,
    "usersKept" INTEGER NOT NULL,

    CONSTRAINT "DistrictDeletionCertificate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DistrictDeletion_districtId_key" ON "DistrictDeletion"("districtId");

-- CreateIndex
CREATE INDEX "DistrictDeletion_runAfter_idx" ON "DistrictDeletion"("runAfter");

-- CreateIndex
CREATE UNIQUE INDEX "DistrictDeletion_districtId_id_key" ON "DistrictDeletion"("districtId", "id");

-- AddForeignKey
ALTER TABLE "DistrictDeletion" ADD CONSTRAINT "DistrictDeletion_districtId_fkey" FOREIGN KEY ("districtId") REFERENCES "District"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------
-- Hand-written (decisions 001, 041): grants, row-level security, the deletion.
-- ---------------------------------------------------------------------------

-- The pending request is the district's own row, like any other.
GRANT SELECT, INSERT, UPDATE, DELETE ON "DistrictDeletion" TO mtss_app;
ALTER TABLE "DistrictDeletion" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "DistrictDeletion" FORCE ROW LEVEL SECURITY;
CREATE POLICY district_deletion_tenant ON "DistrictDeletion"
  USING ("districtId" = app_district_id()) WITH CHECK ("districtId" = app_district_id());

-- The certificate outlives the district: no grant to the app role at all and
-- RLS with no policy (nobody but the owner reads it); only delete_district()
-- writes it. Operators read it as the owner (decision 041).
ALTER TABLE "DistrictDeletionCertificate" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "DistrictDeletionCertificate" FORCE ROW LEVEL SECURITY;

-- The audit trail stays append-only for everyone, except rows of the district
-- that delete_district() (running as the owner, never as the app role, which
-- has no DELETE grant on it either) is removing in this transaction.
CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_user <> 'mtss_app'
     AND OLD."districtId" IS NOT NULL
     AND current_setting('app.deleting_district', true) = OLD."districtId"::text THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'AuditEvent is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

-- The districts whose confirmed deletion is due: ids only, across districts
-- (the sweep then works in each district's own tenant transaction).
CREATE FUNCTION due_district_deletions(due_at timestamptz)
RETURNS TABLE ("districtId" uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT "districtId" FROM "DistrictDeletion"
   WHERE "confirmedAt" IS NOT NULL AND "runAfter" IS NOT NULL AND "runAfter" <= due_at
$$;
REVOKE ALL ON FUNCTION due_district_deletions(timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION due_district_deletions(timestamptz) TO mtss_app;

-- Deletes every row of one district on every table that has a "districtId"
-- column (found in the catalogue at run time: a new table is covered without
-- touching this), then the district itself and the accounts that belonged to
-- it alone, and writes the certificate. Runs as the owner (the app role may
-- not delete audit events), so it guards itself rather than trust the caller:
--  * the transaction must be scoped to this very district (app.district_id,
--    set by withTenant; with FORCEd RLS a non-superuser owner sees nothing else);
--  * a request must exist, be confirmed by a second person, and its grace
--    period must have ended by the DATABASE's clock (not a caller's);
--  * every statement names the district: DELETE ... WHERE "districtId" = target.
-- Foreign keys are not deferrable, so tables go leaves first (fewest tables
-- pointing at them) and a table still referenced is retried on the next pass
-- (NO ACTION keys raise foreign_key_violation, RESTRICT ones restrict_violation);
-- a table that cannot be emptied aborts the whole deletion (nothing is lost).
CREATE FUNCTION delete_district(target uuid)
RETURNS uuid
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  req "DistrictDeletion"%ROWTYPE;
  dist "District"%ROWTYPE;
  requester "User"%ROWTYPE;
  confirmer "User"%ROWTYPE;
  all_tables text[];
  pending text[];
  retry text[];
  tbl text;
  n bigint;
  counts jsonb := '{}'::jsonb;
  people uuid[];
  uid uuid;
  removed int := 0;
  kept int := 0;
  passes int := 0;
  cert uuid;
BEGIN
  IF target IS NULL OR app_district_id() IS DISTINCT FROM target THEN
    RAISE EXCEPTION 'delete_district: the transaction is not scoped to this district' USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT * INTO dist FROM "District" WHERE "id" = target FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'delete_district: no such district' USING ERRCODE = 'no_data_found';
  END IF;
  SELECT * INTO req FROM "DistrictDeletion" WHERE "districtId" = target FOR UPDATE;
  IF NOT FOUND OR req."confirmedAt" IS NULL OR req."confirmedByUserId" IS NULL
     OR req."confirmedByUserId" = req."requestedByUserId" THEN
    RAISE EXCEPTION 'delete_district: no confirmed request for this district' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF req."runAfter" IS NULL OR req."runAfter" > now() THEN
    RAISE EXCEPTION 'delete_district: the grace period has not ended' USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT * INTO requester FROM "User" WHERE "id" = req."requestedByUserId";
  SELECT * INTO confirmer FROM "User" WHERE "id" = req."confirmedByUserId";

  SELECT array_agg(x.relname ORDER BY x.refs, x.relname) INTO all_tables FROM (
    SELECT c.relname::text AS relname,
           (SELECT count(*) FROM pg_constraint k WHERE k.contype = 'f' AND k.confrelid = c.oid AND k.conrelid <> c.oid) AS refs
      FROM pg_class c
      JOIN pg_namespace ns ON ns.oid = c.relnamespace AND ns.nspname = 'public'
     WHERE c.relkind IN ('r', 'p')
       AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'districtId' AND NOT a.attisdropped)
  ) x;

  FOREACH tbl IN ARRAY all_tables LOOP
    EXECUTE format('SELECT count(*) FROM %I WHERE "districtId" = $1', tbl) INTO n USING target;
    counts := counts || jsonb_build_object(tbl, n);
  END LOOP;

  -- Everyone with an account here: members and the invited.
  SELECT array_agg(DISTINCT u) INTO people FROM (
    SELECT "userId" AS u FROM "Membership" WHERE "districtId" = target
    UNION SELECT "userId" FROM "Invitation" WHERE "districtId" = target
  ) p;

  PERFORM set_config('app.deleting_district', target::text, true);
  pending := all_tables;
  WHILE coalesce(array_length(pending, 1), 0) > 0 LOOP
    passes := passes + 1;
    IF passes > array_length(all_tables, 1) + 1 THEN
      RAISE EXCEPTION 'delete_district: rows of % are still referenced', pending;
    END IF;
    retry := '{}';
    FOREACH tbl IN ARRAY pending LOOP
      BEGIN
        EXECUTE format('DELETE FROM %I WHERE "districtId" = $1', tbl) USING target;
      EXCEPTION WHEN foreign_key_violation OR restrict_violation THEN
        retry := retry || tbl;
      END;
    END LOOP;
    pending := retry;
  END LOOP;
  PERFORM set_config('app.deleting_district', '', true);

  -- Nothing of the district may be left (a cascade or a trigger cannot have put any back).
  FOREACH tbl IN ARRAY all_tables LOOP
    EXECUTE format('SELECT count(*) FROM %I WHERE "districtId" = $1', tbl) INTO n USING target;
    IF n > 0 THEN
      RAISE EXCEPTION 'delete_district: % rows of % remain', n, tbl;
    END IF;
  END LOOP;
  DELETE FROM "District" WHERE "id" = target;

  -- Accounts: removed when the person has no other district (no membership or
  -- invitation elsewhere); kept, untouched, otherwise. An account still named
  -- by a row elsewhere is made sign-in-less instead of removed.
  FOREACH uid IN ARRAY coalesce(people, '{}'::uuid[]) LOOP
    IF EXISTS (SELECT 1 FROM "Membership" WHERE "userId" = uid)
       OR EXISTS (SELECT 1 FROM "Invitation" WHERE "userId" = uid) THEN
      kept := kept + 1;
      CONTINUE;
    END IF;
    BEGIN
      DELETE FROM "UserSession" WHERE "userId" = uid;
      DELETE FROM "RecoveryCode" WHERE "userId" = uid;
      DELETE FROM "User" WHERE "id" = uid;
      removed := removed + 1;
    EXCEPTION WHEN foreign_key_violation OR restrict_violation THEN
      UPDATE "User" SET "passwordHash" = '!deleted', "name" = 'Deleted account', "email" = 'deleted-' || uid::text || '@invalid',
             "totpSecret" = NULL, "totpPendingSecret" = NULL, "totpEnabledAt" = NULL,
             "passwordTemporaryUntil" = NULL, "sessionVersion" = "sessionVersion" + 1
       WHERE "id" = uid;
      DELETE FROM "UserSession" WHERE "userId" = uid;
      DELETE FROM "RecoveryCode" WHERE "userId" = uid;
      kept := kept + 1;
    END;
  END LOOP;

  INSERT INTO "DistrictDeletionCertificate" (
    "formerDistrictId", "districtName", "districtSlug",
    "requestedByUserId", "requestedByEmail", "requestedByName", "requestedAt",
    "confirmedByUserId", "confirmedByEmail", "confirmedByName", "confirmedAt",
    "tables", "usersRemoved", "usersKept")
  VALUES (
    target, dist."name", dist."slug",
    req."requestedByUserId", coalesce(requester."email", ''), coalesce(requester."name", ''), req."requestedAt",
    req."confirmedByUserId", coalesce(confirmer."email", ''), coalesce(confirmer."name", ''), req."confirmedAt",
    counts, removed, kept)
  RETURNING "id" INTO cert;
  RETURN cert;
END
$$;
REVOKE ALL ON FUNCTION delete_district(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION delete_district(uuid) TO mtss_app;
