import { getContext } from "@/server/auth/session";
import { exportDistrict } from "@/server/export/district";
import { download } from "@/server/export/response";

/** GET /admin/export/district: every table the district owns, one CSV each, with a README, as a zip streamed as it is made (administrators; audited). */
export async function GET() {
  const ctx = await getContext();
  const { filename, body } = await exportDistrict(ctx);
  return download(body, filename, "application/zip");
}
