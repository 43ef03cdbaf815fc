import Link from "next/link";
import { formatDay, formatMomentDay } from "@/components/students/format";
import { DataTable, Td, Tr, type Column } from "@/components/ui/table";
import type { PlanBrief } from "@/server/plans/queries";
import { dosageText, PLAN_STATUS_LABEL, scheduleText } from "@/server/plans/schemas";
import { AREA_LABEL } from "@/server/tiers/schemas";

export type PlanColumn = "area" | "status" | "school" | "dosage" | "schedule" | "interventionists" | "review" | "submitted" | "author" | "comment";

const HEADINGS: Record<PlanColumn, Column> = {
  area: "Area",
  status: "Status",
  school: "School",
  dosage: "Dosage",
  schedule: "Schedule",
  interventionists: "Delivered by",
  review: "Review date",
  submitted: "Submitted",
  author: "Written by",
  comment: "Coordinator's comment",
};

/** "Lopez, Naomi", or "Flores, Santiago; Walker, Zoe and 1 more" for a group. */
function studentsText(students: PlanBrief["students"]): string {
  const names = students.map((s) => s.name);
  return names.length <= 2 ? names.join("; ") : `${names.slice(0, 2).join("; ")} and ${names.length - 2} more`;
}

/**
 * Plans as rows: the students (linking to the plan), the intervention, then
 * the columns asked for, in the order given.
 */
/** timeZone: the district's, for the day a plan was submitted (a moment, unlike the review date). */
export function PlanTable({ rows, caption, columns, timeZone }: { rows: readonly PlanBrief[]; caption: string; columns: readonly PlanColumn[]; timeZone: string }) {
  const cell = (p: PlanBrief, column: PlanColumn) => {
    switch (column) {
      case "area":
        return AREA_LABEL[p.area];
      case "status":
        return p.status === "DRAFT" && p.submittedAt ? "Draft, awaiting approval" : PLAN_STATUS_LABEL[p.status];
      case "school":
        return p.schoolName;
      case "dosage":
        return dosageText(p);
      case "schedule":
        return scheduleText(p.scheduleDays, p.scheduleTime);
      case "interventionists":
        return p.interventionists.join(", ");
      case "review":
        return formatDay(p.reviewDate);
      case "submitted":
        return p.submittedAt ? formatMomentDay(p.submittedAt, timeZone) : "—";
      case "author":
        return p.createdByName;
      case "comment":
        return p.returnComment ?? "—";
    }
  };
  return (
    <DataTable caption={caption} columns={["Students", "Intervention", ...columns.map((c) => HEADINGS[c])]}>
      {rows.map((p) => (
        <Tr key={p.id}>
          <th scope="row" className="p-2 text-left font-normal">
            <Link href={`/plans/${p.id}`} className="text-blue-800 underline">
              {studentsText(p.students)}
            </Link>
          </th>
          <Td>{p.interventionName}</Td>
          {columns.map((c) => (
            <Td key={c} className={c === "review" || c === "submitted" ? "whitespace-nowrap" : undefined}>
              {cell(p, c)}
            </Td>
          ))}
        </Tr>
      ))}
    </DataTable>
  );
}
