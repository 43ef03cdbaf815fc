// A district leaving (decision 041): the rules of the request, pure.

const DAY_MS = 24 * 60 * 60 * 1000;

/** Days between the second administrator's confirmation and the deletion: time to change one's mind (any administrator may cancel). */
export const DELETION_GRACE_DAYS = 30;
/** A request needs a whole-district export downloaded this recently: the district keeps its data before it goes. */
export const EXPORT_FRESH_DAYS = 14;

export type DeletionStage = "none" | "awaiting-confirmation" | "scheduled" | "due";

export interface DeletionRequestRow {
  requestedByUserId: string;
  requestedAt: Date;
  confirmedByUserId: string | null;
  confirmedAt: Date | null;
  runAfter: Date | null;
}

export function deletionStage(row: DeletionRequestRow | null, now: Date): DeletionStage {
  if (!row) return "none";
  if (!row.confirmedAt || !row.runAfter) return "awaiting-confirmation";
  return row.runAfter.getTime() <= now.getTime() ? "due" : "scheduled";
}

/** When a deletion confirmed at `confirmedAt` runs. */
export function deletionRunsAt(confirmedAt: Date): Date {
  return new Date(confirmedAt.getTime() + DELETION_GRACE_DAYS * DAY_MS);
}

/** Whether an export taken at `exportedAt` still allows a request at `now`. */
export function exportIsFresh(exportedAt: Date | null, now: Date): boolean {
  if (!exportedAt) return false;
  const age = now.getTime() - exportedAt.getTime();
  return age >= 0 && age <= EXPORT_FRESH_DAYS * DAY_MS;
}

/** Why this person may not confirm, or null: the second administrator must be someone else. */
export function confirmRefusal(row: DeletionRequestRow | null, userId: string): string | null {
  if (!row) return "There is no deletion request to confirm.";
  if (row.confirmedAt) return "This deletion is already confirmed.";
  if (row.requestedByUserId === userId) return "A second administrator must confirm: you asked for this deletion, so someone else has to confirm it.";
  return null;
}
