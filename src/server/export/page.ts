import "server-only";
import { EXPORT_TABLES, exportFileName, withheldColumns } from "@/domain/district-export";
import { authorizePage } from "@/server/auth/policy";
import type { Ctx } from "@/server/auth/session";

/** What the export page lists: the files of the zip and what is withheld (administrators; the page holds no records, so no view event). */
export async function getExportOverview(ctx: Ctx) {
  await authorizePage(ctx, "district.export", { entityType: "District", entityId: ctx.districtId });
  return {
    files: Object.entries(EXPORT_TABLES).map(([table, spec]) => ({ file: exportFileName(table), about: spec.about, columns: Object.values(spec.columns).filter((c) => typeof c === "string").length })),
    withheld: withheldColumns().map((w) => ({ file: exportFileName(w.table), column: w.column, reason: w.reason })),
  };
}
