import { notDownloadable } from "@/server/dashboards/run";
import { getContext } from "@/server/auth/session";
import { exportEffectivenessDashboard } from "@/server/dashboards/effectiveness";
import { EFFECTIVENESS_TABLES, effectivenessCsv, type EffectivenessTable } from "@/server/dashboards/outcomes-csv";

const refuse = (message: string) => new Response(`${message}\n`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });

/** GET /dashboards/effectiveness/export?table=&year=&school=&grade=&area=&subgroup=: one table as a CSV file (audited as an export). */
export async function GET(request: Request) {
  const ctx = await getContext();
  const { table, ...params } = Object.fromEntries(new URL(request.url).searchParams);
  // Checked first, so a refused download leaves no export event.
  if (!EFFECTIVENESS_TABLES.includes(table as EffectivenessTable)) return refuse("Choose which table to download from the dashboard.");
  const dashboard = await exportEffectivenessDashboard(ctx, params);
  if (!dashboard.ok) return notDownloadable(dashboard);
  const { filename, csv } = effectivenessCsv(dashboard, table as EffectivenessTable);
  return new Response(csv, { headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${filename}"` } });
}
