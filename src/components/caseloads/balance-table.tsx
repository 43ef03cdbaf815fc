import Link from "next/link";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { ROLE_LABEL, type Role } from "@/domain/permissions";
import type { BalanceRow, RoleSummary } from "@/server/caseloads/queries";

function comparedWithAverage(row: BalanceRow): string {
  if (!row.active) return "Deactivated: reassign these students";
  if (row.fromAverage === 0) return "At the average";
  const amount = Math.abs(row.fromAverage);
  return `${amount} ${row.fromAverage > 0 ? "above" : "below"}`;
}

const plural = (role: Role) => `${ROLE_LABEL[role]}s`;

/** Per staff role: how many people, their caseload average and spread. */
export function BalanceSummary({ summary }: { summary: readonly RoleSummary[] }) {
  if (summary.length === 0) return <p className="text-slate-700">No active staff work in these schools yet.</p>;
  return (
    <DataTable
      caption="Caseload sizes by staff role"
      columns={["Staff role", ...["People", "Assignments", "Average", "Smallest", "Largest"].map((label) => ({ label, numeric: true }))]}
    >
      {summary.map((s) => (
        <Tr key={s.staffRole}>
          <th scope="row" className="p-2 font-medium">{plural(s.staffRole)}</th>
          <Td numeric>{s.staff}</Td>
          <Td numeric>{s.assignments}</Td>
          <Td numeric>{s.average}</Td>
          <Td numeric>{s.smallest}</Td>
          <Td numeric>{s.largest}</Td>
        </Tr>
      ))}
    </DataTable>
  );
}

/** Every person's current caseload, largest first, each linking to their caseload. */
export function BalanceTable({ rows }: { rows: readonly BalanceRow[] }) {
  if (rows.length === 0) return <p className="text-slate-700">No one to show.</p>;
  return (
    <DataTable
      caption="Current caseload of each staff member, largest first"
      columns={[
        "Staff member",
        "Staff role",
        { label: "Case manager", numeric: true },
        { label: "Interventionist", numeric: true },
        { label: "Total", numeric: true },
        "Compared with the average for their role",
      ]}
    >
      {rows.map((r) => (
        <Tr key={r.membershipId}>
          <th scope="row" className="p-2 text-left font-normal">
            <Link href={`/caseloads/${r.membershipId}`} className="text-blue-800 underline">
              {r.name}
            </Link>
          </th>
          <Td>{ROLE_LABEL[r.staffRole]}</Td>
          <Td numeric>{r.counts.CASE_MANAGER}</Td>
          <Td numeric>{r.counts.INTERVENTIONIST}</Td>
          <Td numeric className="font-semibold">{r.total}</Td>
          <Td>{comparedWithAverage(r)}</Td>
        </Tr>
      ))}
    </DataTable>
  );
}
