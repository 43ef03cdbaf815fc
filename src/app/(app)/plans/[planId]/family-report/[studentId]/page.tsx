import type { Metadata } from "next";
import { FamilyReportPage } from "@/components/family-report/report-page";
import { getContext } from "@/server/auth/session";
import { getFamilyReport } from "@/server/family-report/report";
import { firstParam, type SearchParams } from "@/server/search-params";

// A generic title: browser history keeps titles, and names stay out of it.
export const metadata: Metadata = { title: "Family progress report" };

/** A student's progress on one plan, for the family, in the guardian's language: printable and downloadable as a PDF (each a disclosure). */
export default async function FamilyReportRoute({ params, searchParams }: { params: Promise<{ planId: string; studentId: string }>; searchParams: Promise<SearchParams> }) {
  const ctx = await getContext();
  const { planId, studentId } = await params;
  const guardian = firstParam((await searchParams).guardian);
  const report = await getFamilyReport(ctx, { unverifiedPlanId: planId, unverifiedStudentId: studentId, ...(guardian ? { unverifiedGuardianId: guardian.slice(0, 100) } : {}) }, "screen");
  return <FamilyReportPage report={report} />;
}
