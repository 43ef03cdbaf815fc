import { getContext } from "@/server/auth/session";
import { getServiceLog, serviceLogCsv } from "@/server/sessions/queries";

/** The service log as CSV (an audited export); the same range parameters as the page. */
export async function GET(request: Request, { params }: { params: Promise<{ studentId: string }> }) {
  const ctx = await getContext();
  const search = Object.fromEntries(new URL(request.url).searchParams);
  const log = await getServiceLog(ctx, (await params).studentId, search, "export");
  return new Response(serviceLogCsv(log), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      // The file is named by the student's local id and dates, never by name.
      "content-disposition": `attachment; filename="service-log-${log.student.localId.replace(/[^A-Za-z0-9_-]/g, "")}-${log.from}-to-${log.to}.csv"`,
      "cache-control": "no-store",
    },
  });
}
