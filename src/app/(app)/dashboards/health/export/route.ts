import { notDownloadable } from "@/server/dashboards/run";
import { getContext } from "@/server/auth/session";
import { HEALTH_TABLES, healthCsv, type HealthTable } from "@/server/dashboards/csv";
import { exportHealthDashboard } from "@/server/dashboards/health";

const refuse = (message: string) => new Response(`${message}\n`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });

/** GET /dashboards/health/export?table=&year=&window=&school=&grade=&area=&subgroup=: one chart's table as a CSV file (audited as an export). */
export async function GET(request: Request) {
  const ctx = await getContext();
  const { table, ...params } = Object.fromEntries(new URL(request.url).searchParams);
  // Checked first, so a refused download leaves no export event.
  if (!HEALTH_TABLES.includes(table as HealthTable)) return refuse("Choose which table to download from the dashboard.");
  const dashboard = await exportHealthDashboard(ctx, params);
  if (!dashboard.ok) return notDownloadable(dashboard);
  const { filename, csv } = healthCsv(dashboard, table as HealthTable);
  return new Response(csv, { headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${filename}"` } });
}
