import Link from "next/link";
import type { FiguresAge } from "@/server/dashboards/run";
import { GroupedBarChart, type BarSeries } from "@/components/charts/grouped-bar-chart";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { formatPercent } from "@/domain/dosage";
import { monthLabel, NO_SESSION_DAYS } from "@/domain/intervention-outcomes";
import { schoolYearLabel } from "@/domain/screening";
import { minutesBySchool, type Delivery } from "@/server/dashboards/delivery";
import { filterQuery, type Filters } from "@/server/dashboards/filters";
import { DELIVERY_TABLE_LABEL, type DeliveryTable } from "@/server/dashboards/outcomes-csv";
import { ChartPanel } from "./chart-panel";

const SERIES: BarSeries[] = [
  { key: "planned", label: "Planned minutes", color: "#1e40af" },
  { key: "delivered", label: "Delivered minutes", color: "#60a5fa" },
];
const minutes = (n: number) => n.toLocaleString("en-US");

/** "83%", flagged when below the district's dosage threshold (rounded down, as everywhere dosage is shown). */
function Percent({ p, threshold }: { p: number | null; threshold: number }) {
  if (p === null) return <>—</>;
  const below = p < threshold;
  return (
    <span className={below ? "font-semibold text-red-800" : undefined}>
      {formatPercent(p)}
      {below ? <span className="block text-xs font-normal">below {threshold}%</span> : null}
    </span>
  );
}

export function DeliveryView({ data: d, filters, age, bySchool }: { data: Delivery; filters: Filters; age: FiguresAge; bySchool: boolean }) {
  const csv = (table: DeliveryTable) => `/dashboards/delivery/export?${filterQuery({ table, ...filters } as Partial<Filters> & { table: string })}`;
  const year = schoolYearLabel(filters.year);
  const empty = <p className="text-slate-700">No plan ran in {year} for these students, so no minutes were planned or delivered.</p>;
  const summary = d.months.length
    ? `Planned and delivered minutes per month: ${d.months.map((m) => `${monthLabel(m.month)} ${minutes(m.delivered)} of ${minutes(m.planned)} (${formatPercent(m.percent)})`).join("; ")}.`
    : "";
  // The district view (no school chosen among several: bySchool) lists one row per school rather than every school x month
  // (329 KiB of page at the scale district, issue 18); a school's view lists its months, and the CSV keeps every cell.
  const perSchool = bySchool ? minutesBySchool(d.cells) : null;
  const schoolParam = (schoolId: string) => new URLSearchParams({ school: schoolId }).toString();
  return (
    <>
      <ChartPanel
        id="months"
        title={DELIVERY_TABLE_LABEL.months}
        age={age}
        csvHref={csv("months")}
        intro={
          <p>
            Planned minutes follow each plan&apos;s schedule and phases from its start to its end or {d.asOf}, leaving out days the school was closed; delivered minutes are
            those of the sessions held. Below {d.dosageThreshold}% of the planned minutes (the district&apos;s dosage threshold) is flagged: a student who did not get the
            planned minutes has not shown non-response, the plan has not been delivered.
          </p>
        }
        chart={
          d.months.length ? <GroupedBarChart layout="rows" summary={summary} series={SERIES} unit=" min" groups={d.months.map((m) => ({ label: monthLabel(m.month), planned: m.planned, delivered: m.delivered }))} /> : undefined
        }
        table={
          d.months.length ? (
            <DataTable
              className="text-sm"
              caption={DELIVERY_TABLE_LABEL.months}
              columns={["Month", { label: "Planned minutes", numeric: true }, { label: "Delivered minutes", numeric: true }, { label: "Delivered", numeric: true }]}
            >
              {d.months.map((m) => (
                <Tr key={m.month}>
                  <th scope="row" className="p-2 text-left font-normal">
                    {monthLabel(m.month)}
                  </th>
                  <Td numeric>{minutes(m.planned)}</Td>
                  <Td numeric>{minutes(m.delivered)}</Td>
                  <Td numeric>
                    <Percent p={m.percent} threshold={d.dosageThreshold} />
                  </Td>
                </Tr>
              ))}
            </DataTable>
          ) : (
            empty
          )
        }
      />
      <ChartPanel
        id="minutes"
        title={DELIVERY_TABLE_LABEL.minutes}
        age={age}
        csvHref={csv("minutes")}
        intro={
          perSchool ? (
            <p>
              One row per school, its months together (the district&apos;s months are above). Choose a school to see its months; the CSV download has every school and month.
            </p>
          ) : undefined
        }
        table={
          !d.cells.length ? (
            empty
          ) : perSchool ? (
            <DataTable
              className="text-sm"
              caption="Planned and delivered minutes per school"
              columns={["School", { label: "Months", numeric: true }, { label: "Planned minutes", numeric: true }, { label: "Delivered minutes", numeric: true }, { label: "Delivered", numeric: true }]}
            >
              {perSchool.map((s) => (
                <Tr key={s.schoolId}>
                  <th scope="row" className="p-2 text-left font-normal">
                    <Link href={`/dashboards/delivery?${filterQuery({ ...filters, school: s.schoolId })}#minutes`} className="text-blue-800 underline">
                      {s.schoolName}
                      <span className="sr-only">: minutes per month</span>
                    </Link>
                  </th>
                  <Td numeric>{s.months}</Td>
                  <Td numeric>{minutes(s.planned)}</Td>
                  <Td numeric>{minutes(s.delivered)}</Td>
                  <Td numeric>
                    <Percent p={s.percent} threshold={d.dosageThreshold} />
                  </Td>
                </Tr>
              ))}
            </DataTable>
          ) : (
            <DataTable
              className="text-sm"
              caption={DELIVERY_TABLE_LABEL.minutes}
              columns={["School", "Month", { label: "Plans", numeric: true }, { label: "Planned minutes", numeric: true }, { label: "Delivered minutes", numeric: true }, { label: "Delivered", numeric: true }]}
            >
              {d.cells.map((c) => (
                <Tr key={`${c.schoolId}-${c.month}`}>
                  <Td>{c.schoolName}</Td>
                  <Td>{monthLabel(c.month)}</Td>
                  <Td numeric>{c.plans}</Td>
                  <Td numeric>{minutes(c.planned)}</Td>
                  <Td numeric>{minutes(c.delivered)}</Td>
                  <Td numeric>
                    <Percent p={c.percent} threshold={d.dosageThreshold} />
                  </Td>
                </Tr>
              ))}
            </DataTable>
          )
        }
      />
      <ChartPanel
        id="now"
        title={DELIVERY_TABLE_LABEL.now}
        age={age}
        csvHref={csv("now")}
        intro={
          <p>
            Active plans with no session held for more than {NO_SESSION_DAYS} days (counted from the plan&apos;s start when none was), and goals whose progress monitoring is
            overdue (weekly at Tier 3, every two weeks otherwise), as the needs-review lists count them. The numbers link to the lists that name the plans and students.
          </p>
        }
        table={
          d.now === null ? (
            <p className="text-slate-700">These are today&apos;s figures: choose the current school year to see them.</p>
          ) : d.now.length ? (
            <DataTable
              className="text-sm"
              caption={DELIVERY_TABLE_LABEL.now}
              columns={["School", { label: "Active plans", numeric: true }, { label: "No session for two weeks", numeric: true }, { label: "Goals monitored", numeric: true }, { label: "Probes overdue", numeric: true }]}
            >
              {d.now.map((s) => (
                <Tr key={s.schoolId}>
                  <Td>{s.schoolName}</Td>
                  <Td numeric>{s.activePlans}</Td>
                  <Td numeric>
                    {s.noSession ? (
                      <Link href={`/sessions/oversight?${schoolParam(s.schoolId)}`} className="text-blue-800 underline">
                        {s.noSession}
                        <span className="sr-only"> plans with no session for two weeks at {s.schoolName}</span>
                      </Link>
                    ) : (
                      0
                    )}
                  </Td>
                  <Td numeric>{s.goals}</Td>
                  <Td numeric>
                    {s.overdue ? (
                      <Link href={`/goals/review?${schoolParam(s.schoolId)}`} className="text-blue-800 underline">
                        {s.overdue}
                        <span className="sr-only"> goals with a probe overdue at {s.schoolName}</span>
                      </Link>
                    ) : (
                      0
                    )}
                  </Td>
                </Tr>
              ))}
            </DataTable>
          ) : (
            <p className="text-slate-700">No active plan for these students today.</p>
          )
        }
      />
    </>
  );
}
