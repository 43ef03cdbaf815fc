import { getContext } from "@/server/auth/session";
import { exportScreeningCsv } from "@/server/screening/queries";

/** GET /screening/export?window=<id>[&school=<id>]: the window's screening scores as a CSV file (audited). */
export async function GET(request: Request) {
  const ctx = await getContext();
  const params = new URL(request.url).searchParams;
  const { filename, csv } = await exportScreeningCsv(ctx, { window: params.get("window") ?? undefined, school: params.get("school") ?? undefined });
  return new Response(csv, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${filename}"` },
  });
}
