import { familyReportFileName, renderFamilyReportPdf } from "@/server/pdf/family-report";
import { getContext } from "@/server/auth/session";
import { getFamilyReport } from "@/server/family-report/report";

/** The family progress report as a PDF, rendered on the server (a disclosure to the family; the same loader as the page). */
export async function GET(request: Request, { params }: { params: Promise<{ planId: string; studentId: string }> }) {
  const ctx = await getContext();
  const { planId, studentId } = await params;
  const guardian = new URL(request.url).searchParams.get("guardian");
  const report = await getFamilyReport(ctx, { unverifiedPlanId: planId, unverifiedStudentId: studentId, ...(guardian ? { unverifiedGuardianId: guardian.slice(0, 100) } : {}) }, "pdf");
  const pdf = await renderFamilyReportPdf(report);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "content-type": "application/pdf",
      // Named by the student's local id, the language and the day, never by name (as the emailed attachment).
      "content-disposition": `attachment; filename="${familyReportFileName(report)}"`,
      "cache-control": "no-store",
    },
  });
}
