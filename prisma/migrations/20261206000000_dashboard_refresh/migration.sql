-- Decision 048: the dashboards' nightly refresh and a set-based effectiveness dashboard.

-- The nightly sweep (src/server/dashboards/nightly.ts) goes through every
-- district; the start-up sweep through those with no snapshot yet and no
-- sweep since `swept_since` (a district fast enough to keep no snapshot is not
-- recomputed on every restart). Only district ids come out; each district's
-- work then runs in its own tenant transaction as one of its administrators.
-- A district whose deletion is confirmed is left alone.
CREATE FUNCTION dashboard_sweep_districts(missing_only boolean, swept_since timestamptz)
RETURNS TABLE ("districtId" uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT d."id" FROM "District" d
   WHERE NOT EXISTS (SELECT 1 FROM "DistrictDeletion" x WHERE x."districtId" = d."id" AND x."confirmedAt" IS NOT NULL)
     AND (NOT missing_only OR (
           NOT EXISTS (SELECT 1 FROM "DashboardSnapshot" s WHERE s."districtId" = d."id")
       AND NOT EXISTS (SELECT 1 FROM "BackgroundJob" j WHERE j."districtId" = d."id" AND j."entityType" = 'District' AND j."entityId" = d."id" AND j."kind" = 'dashboard.sweep' AND j."createdAt" >= swept_since)))
   ORDER BY d."createdAt", d."id"
$$;
REVOKE ALL ON FUNCTION dashboard_sweep_districts(boolean, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION dashboard_sweep_districts(boolean, timestamptz) TO mtss_app;
