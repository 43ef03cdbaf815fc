import { getContext } from "@/server/auth/session";
import { importJobStatus } from "@/server/imports/queries";

/** GET /admin/imports/<id>/status: the progress of the import's background job (counts only), polled by its page. */
export async function GET(_request: Request, { params }: { params: Promise<{ importId: string }> }) {
  const ctx = await getContext();
  const { importId } = await params;
  return Response.json(await importJobStatus(ctx, importId), { headers: { "Cache-Control": "no-store" } });
}
