import Link from "next/link";
import type { FiguresAge } from "@/server/dashboards/run";
import { GroupedBarChart } from "@/components/charts/grouped-bar-chart";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { DUE_BUCKET_LABEL, DUE_BUCKETS } from "@/domain/behavior-dashboard";
import { DUE_KIND_LABEL } from "@/domain/iep504/compliance";
import { DUE_KINDS, type ComplianceDashboard } from "@/server/dashboards/compliance";
import { filterQuery, type Filters } from "@/server/dashboards/filters";
import { ChartPanel } from "./chart-panel";

const BUCKET_COLOR = { overdue: "#991b1b", within30: "#c2410c", within60: "#1e40af", within90: "#64748b" } as const;

/** The compliance dashboard: deadlines per school by kind and by how soon they fall due. */
export function ComplianceView({ compliance: c, filters, age }: { compliance: ComplianceDashboard; filters: Filters; age: FiguresAge }) {
  const csvHref = `/dashboards/compliance/export?${filterQuery({ school: filters.school })}`;
  const summary = c.schools.length
    ? `Deadlines per school: ${c.schools.map((s) => `${s.schoolName} ${s.overdue} overdue of ${s.total}`).join("; ")}.`
    : "No deadlines overdue or due within 90 days.";
  return (
    <>
      <p className="mb-4 max-w-3xl text-slate-700">
        Annual reviews and re-evaluations of open IEP and 504 plans, and the evaluation deadlines of open referrals (the district&apos;s evaluation clock, counted from the parent&apos;s
        consent), overdue or due within 90 days of today, as the <Link href="/compliance" className="text-blue-800 underline">compliance calendar</Link> lists them student by student.
        Deadlines are always read on today, whatever the school year. {c.all.overdue} overdue, {c.all.total} in all.
      </p>
      <ChartPanel
        id="compliance-by-kind"
        title="Deadlines by kind"
        age={age}
        csvHref={csvHref}
        chart={
          c.all.total ? (
            <GroupedBarChart
              stacked
              layout="rows"
              summary={`Deadlines by kind: ${DUE_KINDS.map((k) => `${DUE_KIND_LABEL[k]} ${c.all.byKind[k].overdue} overdue, ${c.all.byKind[k].within30} due within 30 days`).join("; ")}.`}
              series={DUE_BUCKETS.map((b) => ({ key: b, label: DUE_BUCKET_LABEL[b], color: BUCKET_COLOR[b] }))}
              groups={DUE_KINDS.map((k) => ({ label: DUE_KIND_LABEL[k], ...c.all.byKind[k] }))}
            />
          ) : undefined
        }
        table={
          <DataTable className="text-sm" caption="Deadlines by kind and by how soon they fall due" columns={["Kind", ...DUE_BUCKETS.map((b) => ({ label: DUE_BUCKET_LABEL[b], numeric: true }))]}>
            {DUE_KINDS.map((k) => (
              <Tr key={k}>
                <th scope="row" className="p-2 text-left font-normal">
                  {DUE_KIND_LABEL[k]}
                </th>
                {DUE_BUCKETS.map((b) => (
                  <Td key={b} numeric className={b === "overdue" && c.all.byKind[k][b] ? "font-semibold text-red-800" : undefined}>
                    {c.all.byKind[k][b]}
                  </Td>
                ))}
              </Tr>
            ))}
          </DataTable>
        }
      />
      <ChartPanel
        id="compliance-by-school"
        title="Deadlines per school"
        intro={<p>Most overdue first. Schools with no deadline overdue or within 90 days are not listed.</p>}
        age={age}
        csvHref={csvHref}
        chart={
          c.schools.length ? (
            <GroupedBarChart
              stacked
              layout="rows"
              summary={summary}
              series={DUE_BUCKETS.map((b) => ({ key: b, label: DUE_BUCKET_LABEL[b], color: BUCKET_COLOR[b] }))}
              groups={c.schools.map((s) => ({ label: s.schoolName, ...Object.fromEntries(DUE_BUCKETS.map((b) => [b, DUE_KINDS.reduce((n, k) => n + s.byKind[k][b], 0)])) }))}
            />
          ) : undefined
        }
        table={
          c.schools.length ? (
            <DataTable
              className="text-sm"
              caption="Deadlines per school: overdue and due within 30 days, by kind"
              columns={[
                "School",
                ...DUE_KINDS.flatMap((k) => [
                  { label: `${DUE_KIND_LABEL[k]}: overdue`, numeric: true },
                  { label: `${DUE_KIND_LABEL[k]}: within 30 days`, numeric: true },
                ]),
                { label: "All within 90 days or overdue", numeric: true },
              ]}
            >
              {c.schools.map((s) => (
                <Tr key={s.schoolName}>
                  <th scope="row" className="p-2 text-left font-normal">
                    {s.schoolName}
                  </th>
                  {DUE_KINDS.flatMap((k) => [
                    <Td key={`${k}-o`} numeric className={s.byKind[k].overdue ? "font-semibold text-red-800" : undefined}>
                      {s.byKind[k].overdue}
                    </Td>,
                    <Td key={`${k}-30`} numeric>
                      {s.byKind[k].within30}
                    </Td>,
                  ])}
                  <Td numeric>{s.total}</Td>
                </Tr>
              ))}
            </DataTable>
          ) : (
            <p className="text-slate-700">No deadline is overdue or due within 90 days for these schools.</p>
          )
        }
      />
    </>
  );
}
