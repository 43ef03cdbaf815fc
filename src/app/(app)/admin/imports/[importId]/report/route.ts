import { getContext } from "@/server/auth/session";
import { exportImportReport } from "@/server/imports/queries";

/** GET /admin/imports/<id>/report: the import's report (counts and every problem) as JSON (audited as an export). */
export async function GET(_request: Request, { params }: { params: Promise<{ importId: string }> }) {
  const ctx = await getContext();
  const { importId } = await params;
  const { filename, body } = await exportImportReport(ctx, importId);
  return new Response(body, {
    headers: { "Content-Type": "application/json; charset=utf-8", "Content-Disposition": `attachment; filename="${filename}"` },
  });
}
