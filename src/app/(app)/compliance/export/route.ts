import { getContext } from "@/server/auth/session";
import { complianceCsv } from "@/server/compliance/csv";
import { exportComplianceCalendar } from "@/server/compliance/queries";

/** GET /compliance/export?school=&caseManager=&horizon=: the calendar's dates for the same filters as a CSV file (audited as an export). */
export async function GET(request: Request) {
  const ctx = await getContext();
  const calendar = await exportComplianceCalendar(ctx, Object.fromEntries(new URL(request.url).searchParams));
  if (!calendar.ok) return new Response(`${calendar.message}\n`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const { filename, csv } = complianceCsv(calendar);
  return new Response(csv, { headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${filename}"` } });
}
