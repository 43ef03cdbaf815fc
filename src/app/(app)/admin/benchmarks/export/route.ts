import { getContext } from "@/server/auth/session";
import { exportBenchmarksCsv } from "@/server/benchmarks/queries";

/** GET /admin/benchmarks/export?measure=<id>: the measure's table as a CSV file (audited). */
export async function GET(request: Request) {
  const ctx = await getContext();
  const { filename, csv } = await exportBenchmarksCsv(ctx, new URL(request.url).searchParams.get("measure") ?? "");
  return new Response(csv, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${filename}"` },
  });
}
