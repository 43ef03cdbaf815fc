"use client";

// Client components only so that the page's payload carries the big five's
// counts and the weeks once, as data, instead of every cell's element tree
// (decision 008): the student record shows them for every student with
// incidents, the school overview for a whole school. They render on the
// server like any page content and compute nothing.
import { formatDay } from "@/components/students/format";
import { DataTable, Td, Tr } from "@/components/ui/table";
import type { BigFive, Tally, WeekCount } from "@/domain/behavior";
import { IncidentsPerWeekChart } from "./incidents-per-week-chart";

/** One of the big five as a small table: label, count and share. */
function TallyTable({ title, rows, first }: { title: string; rows: readonly Tally[]; first: string }) {
  return (
    <div>
      <h4 className="mb-1 font-semibold">{title}</h4>
      {rows.length ? (
        <DataTable className="text-sm" caption={title} columns={[first, { label: "Incidents", numeric: true }, { label: "Share", numeric: true }]}>
          {rows.map((t) => (
            <Tr key={t.key || "none"}>
              <Td>{t.label}</Td>
              <Td className="text-right">{t.count}</Td>
              <Td className="text-right">{t.percent}%</Td>
            </Tr>
          ))}
        </DataTable>
      ) : (
        <p className="text-sm text-slate-700">None.</p>
      )}
    </div>
  );
}

/** The big five after "how often": which behaviours, where, when, with whom, why. */
export function BigFiveTables({ five }: { five: BigFive }) {
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <TallyTable title="Which behaviours" first="Behaviour" rows={five.behaviors} />
      <TallyTable title="Where" first="Location" rows={five.locations} />
      <TallyTable title="When (time of day)" first="Hour" rows={five.hours} />
      <TallyTable title="Why (perceived motivation)" first="Motivation" rows={five.motivations} />
      <TallyTable title="With whom" first="Others involved" rows={five.others} />
    </div>
  );
}

/** Incidents per week: the chart and, folded under it, the same numbers as a table. */
export function IncidentsPerWeek({ weeks, subject }: { weeks: readonly WeekCount[]; subject: string }) {
  const total = weeks.reduce((s, w) => s + w.count, 0);
  const peak = weeks.reduce<WeekCount | null>((m, w) => (!m || w.count > m.count ? w : m), null);
  const summary = weeks.length
    ? `Incidents per week for ${subject}, ${weeks.length} weeks from ${formatDay(weeks[0]!.week)}: ${total} in all${peak && peak.count ? `, most (${peak.count}) in the week of ${formatDay(peak.week)}` : ""}.`
    : `No weeks to show for ${subject}.`;
  return (
    <div className="mb-4">
      <IncidentsPerWeekChart weeks={weeks} summary={summary} />
      <details className="mt-2">
        <summary className="cursor-pointer font-medium text-blue-800 underline">Incidents per week as a table</summary>
        <DataTable className="text-sm" caption={`Incidents per week for ${subject}`} columns={["Week of", { label: "Incidents", numeric: true }]}>
          {weeks.map((w) => (
            <Tr key={w.week}>
              <Td>{formatDay(w.week)}</Td>
              <Td className="text-right">{w.count}</Td>
            </Tr>
          ))}
        </DataTable>
      </details>
    </div>
  );
}
