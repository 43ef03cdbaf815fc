import { getContext } from "@/server/auth/session";
import { pageNotFound } from "@/server/auth/policy";
import { download } from "@/server/export/response";
import { exportRoster, ROSTERS, type RosterName } from "@/server/export/rosters";

/** GET /admin/export/rosters/<students|classes|enrollments|staff>: one roster as CSV, streamed (administrators; audited). */
export async function GET(_request: Request, { params }: { params: Promise<{ list: string }> }) {
  const ctx = await getContext();
  const { list } = await params;
  if (!Object.hasOwn(ROSTERS, list)) return pageNotFound(ctx, "district.export", { entityType: "Roster" });
  const { filename, body } = await exportRoster(ctx, list as RosterName);
  return download(body, filename, "text/csv; charset=utf-8");
}
