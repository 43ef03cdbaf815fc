import "server-only";
import { getDb } from "@/server/db/client";
import { withTenant } from "@/server/db/tenant";
import { logUnexpected } from "@/server/errors";

/** A big district is many tables of rows: the deletion may take a while in its one transaction. */
const DELETION_TIMEOUT_MS = 30 * 60_000;

/**
 * Deletes one district whose confirmed request is due (decision 041). The
 * work is delete_district() in the database, which checks again that the
 * request is confirmed by a second person and due by the database's clock, and
 * deletes only rows with this districtId, in one transaction (all or nothing).
 * Returns the certificate's id. The district's own audit trail goes with it:
 * the certificate (kept outside the district's data) is the record of it.
 */
export async function carryOutDistrictDeletion(districtId: string): Promise<string> {
  const rows = await withTenant(districtId, (tx) => tx.$queryRaw<{ id: string }[]>`select delete_district(${districtId}::uuid)::text as id`, undefined, DELETION_TIMEOUT_MS);
  const id = rows[0]?.id;
  if (!id) throw new Error("delete_district returned no certificate");
  // No record of the district is left to hold this: operators find the certificate by its id.
  console.warn(`[district-deletion] district ${districtId} deleted; certificate ${id}`);
  return id;
}

/**
 * The districts whose grace period has ended by `now`, each deleted in turn.
 * Called by the pg-boss job at the end of the grace period, by the worker's
 * minute sweep (both engines), and by tests with a clock. A failure is logged
 * with a reference id and the request stays: the next sweep tries again.
 */
export async function runDueDistrictDeletions(now = new Date()): Promise<{ deleted: string[]; failed: string[] }> {
  const db = await getDb();
  const due = await db.$queryRaw<{ districtId: string }[]>`select "districtId"::text as "districtId" from due_district_deletions(${now})`;
  const deleted: string[] = [];
  const failed: string[] = [];
  for (const { districtId } of due) {
    try {
      await carryOutDistrictDeletion(districtId);
      deleted.push(districtId);
    } catch (e) {
      logUnexpected(e, `deleting district ${districtId}`);
      failed.push(districtId);
    }
  }
  return { deleted, failed };
}
