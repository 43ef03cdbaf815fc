import Link from "next/link";
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
    <div className="overflow-x-auto">
      <table className="w-full border-collapse bg-white text-left">
        <caption className="sr-only">Caseload sizes by staff role</caption>
        <thead>
          <tr className="border-b border-slate-400">
            <th scope="col" className="p-2">Staff role</th>
            <th scope="col" className="p-2 text-right">People</th>
            <th scope="col" className="p-2 text-right">Assignments</th>
            <th scope="col" className="p-2 text-right">Average</th>
            <th scope="col" className="p-2 text-right">Smallest</th>
            <th scope="col" className="p-2 text-right">Largest</th>
          </tr>
        </thead>
        <tbody>
          {summary.map((s) => (
            <tr key={s.staffRole} className="border-b border-slate-200">
              <th scope="row" className="p-2 font-medium">{plural(s.staffRole)}</th>
              <td className="p-2 text-right">{s.staff}</td>
              <td className="p-2 text-right">{s.assignments}</td>
              <td className="p-2 text-right">{s.average}</td>
              <td className="p-2 text-right">{s.smallest}</td>
              <td className="p-2 text-right">{s.largest}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Every person's current caseload, largest first, each linking to their caseload. */
export function BalanceTable({ rows }: { rows: readonly BalanceRow[] }) {
  if (rows.length === 0) return <p className="text-slate-700">No one to show.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse bg-white text-left">
        <caption className="sr-only">Current caseload of each staff member, largest first</caption>
        <thead>
          <tr className="border-b border-slate-400">
            <th scope="col" className="p-2">Staff member</th>
            <th scope="col" className="p-2">Staff role</th>
            <th scope="col" className="p-2 text-right">Case manager</th>
            <th scope="col" className="p-2 text-right">Interventionist</th>
            <th scope="col" className="p-2 text-right">Total</th>
            <th scope="col" className="p-2">Compared with the average for their role</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.membershipId} className="border-b border-slate-200">
              <th scope="row" className="p-2 text-left font-normal">
                <Link href={`/caseloads/${r.membershipId}`} className="text-blue-800 underline">
                  {r.name}
                </Link>
              </th>
              <td className="p-2">{ROLE_LABEL[r.staffRole]}</td>
              <td className="p-2 text-right">{r.counts.CASE_MANAGER}</td>
              <td className="p-2 text-right">{r.counts.INTERVENTIONIST}</td>
              <td className="p-2 text-right font-semibold">{r.total}</td>
              <td className="p-2">{comparedWithAverage(r)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
