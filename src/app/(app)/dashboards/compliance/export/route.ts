import { notDownloadable } from "@/server/dashboards/run";
import { getContext } from "@/server/auth/session";
import { complianceCsv } from "@/server/dashboards/behavior-csv";
import { exportComplianceDashboard } from "@/server/dashboards/compliance";

/** GET /dashboards/compliance/export?school=: deadlines per school as a CSV file (audited as an export), counts only. */
export async function GET(request: Request) {
  const ctx = await getContext();
  const dashboard = await exportComplianceDashboard(ctx, Object.fromEntries(new URL(request.url).searchParams));
  if (!dashboard.ok) return notDownloadable(dashboard);
  const { filename, csv } = complianceCsv(dashboard);
  return new Response(csv, { headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${filename}"` } });
}
