import { notDownloadable } from "@/server/dashboards/run";
import { getContext } from "@/server/auth/session";
import { equityCsv } from "@/server/dashboards/csv";
import { exportEquityDashboard } from "@/server/dashboards/equity";

/** GET /dashboards/equity/export?year=&school=&grade=&area=&subgroup=: the equity table as a CSV file (audited as an export), suppressed cells as on the page. */
export async function GET(request: Request) {
  const ctx = await getContext();
  const dashboard = await exportEquityDashboard(ctx, Object.fromEntries(new URL(request.url).searchParams));
  if (!dashboard.ok) return notDownloadable(dashboard);
  const { filename, csv } = equityCsv(dashboard);
  return new Response(csv, { headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${filename}"` } });
}
