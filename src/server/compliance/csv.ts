import "server-only";
import { DUE_KIND_LABEL } from "@/domain/iep504/compliance";
import { toCsv } from "@/server/csv";
import type { ComplianceCalendar } from "./queries";

export const COMPLIANCE_CSV_COLUMNS = ["Due", "Days left", "What", "Record", "Student", "Local id", "School", "Case manager", "Last school day before it"] as const;

/**
 * The calendar's rows as a CSV file (every cell through csvCell, so a name or
 * a school typed as "=..." cannot run in a spreadsheet). Days left is a
 * number, negative once overdue. No disability category: the calendar never
 * reads it.
 */
export function complianceCsv(calendar: Extract<ComplianceCalendar, { ok: true }>): { filename: string; csv: string } {
  const rows = calendar.items.map((i) => [
    i.due,
    i.daysLeft,
    DUE_KIND_LABEL[i.kind],
    i.planType === "IEP" ? "IEP" : i.planType === "SECTION_504" ? "504 plan" : "Referral",
    i.studentName,
    i.localId,
    i.schoolName,
    i.caseManager ?? "",
    i.lastSchoolDay ?? "",
  ]);
  return { filename: `compliance-calendar-${calendar.today}.csv`, csv: toCsv([COMPLIANCE_CSV_COLUMNS, ...rows]) };
}
