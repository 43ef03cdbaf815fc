import { notDownloadable } from "@/server/dashboards/run";
import { getContext } from "@/server/auth/session";
import { exportBehaviorDashboard } from "@/server/dashboards/behavior";
import { BEHAVIOR_TABLES, behaviorCsv, type BehaviorTable } from "@/server/dashboards/behavior-csv";

const refuse = (message: string) => new Response(`${message}\n`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });

/** GET /dashboards/behavior/export?table=&year=&school=&grade=&subgroup=: one table of the behaviour dashboard as a CSV file (audited as an export). */
export async function GET(request: Request) {
  const ctx = await getContext();
  const { table, ...params } = Object.fromEntries(new URL(request.url).searchParams);
  // Checked first, so a refused download leaves no export event.
  if (!BEHAVIOR_TABLES.includes(table as BehaviorTable)) return refuse("Choose which table to download from the dashboard.");
  const dashboard = await exportBehaviorDashboard(ctx, params);
  if (!dashboard.ok) return notDownloadable(dashboard);
  const { filename, csv } = behaviorCsv(dashboard, table as BehaviorTable);
  return new Response(csv, { headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${filename}"` } });
}
