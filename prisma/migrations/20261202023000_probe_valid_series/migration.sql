-- Hand-written (Prisma's schema language has no partial or covering indexes,
-- and its diff leaves such an index alone): a goal's valid probes in the order
-- the decision rules read them, with the score, so the needs-review list and
-- the home pages aggregate each goal's series from the index alone (an
-- index-only scan) instead of visiting a table row per probe
-- (docs/decisions/008-render-cost.md).
CREATE INDEX "Probe_valid_series_idx" ON "Probe" ("districtId", "goalId", "date", "createdAt", "id") INCLUDE ("score") WHERE "invalidatedAt" IS NULL;
