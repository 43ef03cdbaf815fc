import { getContext } from "@/server/auth/session";
import { screeningJobStatus } from "@/server/screening/queries";

/** GET /screening/imports/<id>/status: the progress of the file's apply (counts only), polled by its page. */
export async function GET(_request: Request, { params }: { params: Promise<{ importId: string }> }) {
  const ctx = await getContext();
  const { importId } = await params;
  return Response.json(await screeningJobStatus(ctx, importId), { headers: { "Cache-Control": "no-store" } });
}
