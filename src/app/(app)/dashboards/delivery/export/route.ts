import { notDownloadable } from "@/server/dashboards/run";
import { getContext } from "@/server/auth/session";
import { exportDeliveryDashboard } from "@/server/dashboards/delivery";
import { DELIVERY_TABLES, deliveryCsv, type DeliveryTable } from "@/server/dashboards/outcomes-csv";

const refuse = (message: string) => new Response(`${message}\n`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });

/** GET /dashboards/delivery/export?table=&year=&school=&grade=&area=&subgroup=: one table as a CSV file (audited as an export). */
export async function GET(request: Request) {
  const ctx = await getContext();
  const { table, ...params } = Object.fromEntries(new URL(request.url).searchParams);
  // Checked first, so a refused download leaves no export event.
  if (!DELIVERY_TABLES.includes(table as DeliveryTable)) return refuse("Choose which table to download from the dashboard.");
  const dashboard = await exportDeliveryDashboard(ctx, params);
  if (!dashboard.ok) return notDownloadable(dashboard);
  const { filename, csv } = deliveryCsv(dashboard, table as DeliveryTable);
  return new Response(csv, { headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${filename}"` } });
}
