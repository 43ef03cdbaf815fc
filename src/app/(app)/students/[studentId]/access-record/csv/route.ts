import { getContext } from "@/server/auth/session";
import { exportAccessRecordCsv } from "@/server/audit/access-record";

/** The record of access as CSV (an audited export); the same date range as the page. */
export async function GET(request: Request, { params }: { params: Promise<{ studentId: string }> }) {
  const ctx = await getContext();
  const search = Object.fromEntries(new URL(request.url).searchParams);
  const file = await exportAccessRecordCsv(ctx, (await params).studentId, search);
  if (!file) return new Response("Enter the dates as YYYY-MM-DD, the start before the end.", { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
  return new Response(file.csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${file.filename}"`,
      "cache-control": "no-store",
    },
  });
}
