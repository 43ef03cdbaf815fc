import { BigFiveTables } from "@/components/behavior/big-five";
import type { FiguresAge } from "@/server/dashboards/run";
import { GroupedBarChart } from "@/components/charts/grouped-bar-chart";
import { formatDay } from "@/components/students/format";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { percentText } from "@/domain/dashboards";
import type { BehaviorDashboard } from "@/server/dashboards/behavior";
import { filterQuery, type Filters } from "@/server/dashboards/filters";
import { ChartPanel } from "./chart-panel";

const MONTH = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", month: "short", year: "numeric" });
const SHORT = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", month: "short" });
export const monthLabel = (month: string) => MONTH.format(new Date(`${month}-01T00:00:00Z`));
const rateText = (r: number | null) => (r === null ? "—" : r.toFixed(2));
const round2 = (r: number | null) => (r === null ? null : Math.round(r * 100) / 100);

function changeText(change: number | null) {
  if (change === null) return "—";
  if (Math.abs(change) < 0.005) return "no change";
  return `${change > 0 ? "+" : "−"}${Math.abs(change).toFixed(2)}`;
}

/** The behaviour dashboard: rates per month against last year, the big five, check-in/check-out goals. */
export function BehaviorView({ behavior: b, filters, age }: { behavior: BehaviorDashboard; filters: Filters; age: FiguresAge }) {
  const csv = (table: string) => `/dashboards/behavior/export?${filterQuery({ ...filters, table } as Partial<Filters>)}`;
  const lastYear = filters.year - 1;
  const monthsSummary = b.months.length
    ? `Incidents per 100 students per school day per month, this school year against the last. ${b.months
        .map((m) => `${monthLabel(m.month)}: ${rateText(m.current.rate)} against ${rateText(m.previous.rate)}`)
        .join("; ")}.`
    : "No school days with incidents in either year.";
  const cicoSummary = b.cico.months.length
    ? `Share of check-in/check-out students meeting their daily goal per month: ${b.cico.months.map((m) => `${monthLabel(m.month)} ${percentText(m.share.share)}`).join(", ")}.`
    : "No check-in/check-out days rated this school year.";
  return (
    <>
      <section aria-labelledby="behavior-headline" className="mb-6 rounded-lg border border-slate-300 bg-white p-4">
        <h2 id="behavior-headline" className="mb-2 text-lg font-semibold">
          How often
        </h2>
        {b.year.incidents || b.previousYear.incidents ? (
          <p className="max-w-3xl">
            {b.year.incidents} incidents ({b.majors} major) among {b.students} students over {b.year.schoolDays} school days
            {b.currentYear ? ` to ${formatDay(b.asOf)}` : ""}: <strong>{rateText(b.year.rate)}</strong> per 100 students per school day, against{" "}
            <strong>{rateText(b.previousYear.rate)}</strong> in the same months of the year before ({b.previousYear.incidents} incidents over {b.previousYear.schoolDays} school days).
          </p>
        ) : (
          <p className="max-w-3xl">No incidents are recorded for these students in this school year or the one before, so there is no rate to show.</p>
        )}
        <p className="mt-2 max-w-3xl text-sm text-slate-700">
          School days are weekdays from each year&apos;s first day with an incident, less the district&apos;s non-school days (the app has no school calendar). Both years are divided by the{" "}
          {b.students} students here now: the app keeps no enrolment history.
        </p>
      </section>
      <ChartPanel
        id="behavior-rates"
        title="Incidents per 100 students per school day, per month"
        age={age}
        csvHref={csv("rates")}
        chart={
          b.months.length ? (
            <GroupedBarChart
              summary={monthsSummary}
              digits={2}
              series={[
                { key: "current", label: "This school year", color: "#1e40af" },
                { key: "previous", label: "The year before", color: "#94a3b8" },
              ]}
              groups={b.months.map((m) => ({ label: SHORT.format(new Date(`${m.month}-01T00:00:00Z`)), current: round2(m.current.rate), previous: round2(m.previous.rate) }))}
            />
          ) : undefined
        }
        table={
          b.months.length ? (
            <DataTable
              className="text-sm"
              caption="Incidents per 100 students per school day, per month, against the same month of the year before"
              columns={["Month", { label: "Incidents", numeric: true }, { label: "School days", numeric: true }, { label: "Rate", numeric: true }, { label: `Rate ${lastYear}-${String((lastYear + 1) % 100).padStart(2, "0")}`, numeric: true }, { label: "Change", numeric: true }]}
            >
              {b.months.map((m) => (
                <Tr key={m.month}>
                  <th scope="row" className="p-2 text-left font-normal">
                    {monthLabel(m.month)}
                  </th>
                  <Td numeric>{m.current.incidents}</Td>
                  <Td numeric>{m.current.schoolDays}</Td>
                  <Td numeric>{rateText(m.current.rate)}</Td>
                  <Td numeric>{rateText(m.previous.rate)}</Td>
                  <Td numeric>{changeText(m.change)}</Td>
                </Tr>
              ))}
            </DataTable>
          ) : (
            <p className="text-slate-700">No incidents are recorded for these students in this school year or the one before.</p>
          )
        }
      />
      <ChartPanel
        id="behavior-big-five"
        title="The big five: which behaviours, where, when, with whom, why"
        intro={<p>This school year&apos;s {b.five.count} incidents, as the school behaviour overview counts them.</p>}
        age={age}
        csvHref={csv("big-five")}
        table={b.five.count ? <BigFiveTables five={b.five} /> : <p className="text-slate-700">No incidents this school year for these students.</p>}
      />
      <ChartPanel
        id="behavior-cico"
        title="Check-in/check-out students meeting their daily goal"
        intro={
          <p>
            A student meets their goal in a month when the average of their rated days is at or above their card&apos;s daily goal; absent days are not counted. Whole year:{" "}
            {b.cico.year.students ? `${b.cico.year.meeting} of ${b.cico.year.students} students (${percentText(b.cico.year.share)}), ${percentText(b.cico.year.dayShare)} of rated days at or above goal.` : "no student rated."}
          </p>
        }
        age={age}
        csvHref={csv("cico")}
        chart={
          b.cico.months.length ? (
            <GroupedBarChart
              summary={cicoSummary}
              series={[
                { key: "share", label: "Students meeting their goal (%)", color: "#166534" },
                { key: "days", label: "Rated days at or above goal (%)", color: "#64748b" },
              ]}
              groups={b.cico.months.map((m) => ({
                label: SHORT.format(new Date(`${m.month}-01T00:00:00Z`)),
                share: m.share.share === null ? null : Math.round(m.share.share * 100),
                days: m.share.dayShare === null ? null : Math.round(m.share.dayShare * 100),
              }))}
            />
          ) : undefined
        }
        table={
          b.cico.months.length ? (
            <DataTable
              className="text-sm"
              caption="Check-in/check-out students meeting their daily goal, per month"
              columns={["Month", { label: "Students rated", numeric: true }, { label: "Meeting goal", numeric: true }, { label: "Share", numeric: true }, { label: "Days at or above goal", numeric: true }]}
            >
              {b.cico.months.map((m) => (
                <Tr key={m.month}>
                  <th scope="row" className="p-2 text-left font-normal">
                    {monthLabel(m.month)}
                  </th>
                  <Td numeric>{m.share.students}</Td>
                  <Td numeric>{m.share.meeting}</Td>
                  <Td numeric>{percentText(m.share.share)}</Td>
                  <Td numeric>
                    {m.share.daysMet} of {m.share.days}
                  </Td>
                </Tr>
              ))}
            </DataTable>
          ) : (
            <p className="text-slate-700">No check-in/check-out days were rated for these students this school year.</p>
          )
        }
      />
    </>
  );
}
