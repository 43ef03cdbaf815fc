import Link from "next/link";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { dosageHeadline, formatAmount, formatPercent, PERIOD_LABEL, PERIODS, type DosageSummary } from "@/domain/dosage";

/** A percentage, marked in words (not colour alone) when it is below its threshold. */
function Percent({ value, below, threshold }: { value: number | null; below: boolean; threshold: number }) {
  return below ? (
    <span className="font-semibold text-red-800">
      {formatPercent(value)} <span className="text-sm font-normal">(below {threshold}%)</span>
    </span>
  ) : (
    <>{formatPercent(value)}</>
  );
}

/**
 * Planned vs delivered sessions and minutes for this week, the last four
 * weeks and since the start, with attendance and fidelity, and the flag.
 */
export function DosageSummaryTable({ summary, caption }: { summary: DosageSummary; caption: string }) {
  const headline = dosageHeadline(summary);
  // Before its start a plan has nothing planned or delivered: a table of zeros would only suggest a problem.
  if (headline.kind === "not-started") return <p className="mb-2 rounded-md border border-slate-500 bg-slate-100 p-3 text-slate-900">{headline.text}</p>;
  return (
    <div>
      {headline.kind === "below" ? (
        <p role="note" className="mb-2 rounded-md border border-red-700 bg-red-50 p-3 font-medium text-red-900">
          <span aria-hidden="true">⚠ </span>
          {headline.text}
        </p>
      ) : (
        <p className="mb-2 text-slate-700">{headline.text}</p>
      )}
      <DataTable
        caption={caption}
        className="text-sm"
        columns={[
          "Period",
          { label: "Sessions planned", numeric: true },
          { label: "Sessions held", numeric: true },
          { label: "Minutes planned", numeric: true },
          { label: "Minutes delivered", numeric: true },
          { label: "Minutes %", numeric: true },
          { label: "Attendance", numeric: true },
          { label: "Fidelity", numeric: true },
        ]}
      >
        {PERIODS.map((key) => {
          const p = summary.periods[key];
          return (
            <Tr key={key}>
              <th scope="row" className="p-2 text-left font-medium">
                {PERIOD_LABEL[key]}
              </th>
              <Td numeric>{formatAmount(p.planned.sessions)}</Td>
              <Td numeric>{p.delivered.sessions}</Td>
              <Td numeric>{formatAmount(p.planned.minutes)}</Td>
              <Td numeric>{p.delivered.minutes}</Td>
              <Td numeric>
                <Percent value={p.minutesPercent} below={p.minutesBelow} threshold={summary.thresholds.dosage} />
              </Td>
              <Td numeric>{formatPercent(p.attendancePercent)}</Td>
              <Td numeric>
                <Percent value={p.fidelityPercent} below={p.fidelityBelow} threshold={summary.thresholds.fidelity} />
              </Td>
            </Tr>
          );
        })}
      </DataTable>
      <p className="mt-1 text-sm text-slate-700">
        Planned counts the plan&apos;s scheduled days up to today, without days the school was closed. Attendance: sessions attended of those offered. Fidelity: checklist components delivered in held sessions.
      </p>
    </div>
  );
}

/** Each student of a group with their own minutes, attendance and fidelity since the start. */
export function StudentDosageTable({ students, thresholds }: { students: { id: string; name: string; summary: DosageSummary }[]; thresholds: DosageSummary["thresholds"] }) {
  return (
    <DataTable
      caption="Each student since the start"
      className="text-sm"
      columns={["Student", { label: "Sessions attended", numeric: true }, { label: "Minutes received", numeric: true }, { label: "Minutes %", numeric: true }, { label: "Attendance", numeric: true }, { label: "Fidelity", numeric: true }]}
    >
      {students.map((s) => {
        const p = s.summary.periods.sinceStart;
        return (
          <Tr key={s.id}>
            <th scope="row" className="p-2 text-left font-medium">
              {s.name}
            </th>
            <Td numeric>{p.delivered.sessions}</Td>
            <Td numeric>{p.delivered.minutes}</Td>
            <Td numeric>
              <Percent value={p.minutesPercent} below={p.minutesBelow} threshold={thresholds.dosage} />
            </Td>
            <Td numeric>{formatPercent(p.attendancePercent)}</Td>
            <Td numeric>
              <Percent value={p.fidelityPercent} below={p.fidelityBelow} threshold={thresholds.fidelity} />
            </Td>
          </Tr>
        );
      })}
    </DataTable>
  );
}

/** A plan's dosage and fidelity with each student's figures for a group, and optionally a link on. */
export function PlanDosage({ dosage, link }: { dosage: { summary: DosageSummary; students: { id: string; name: string; summary: DosageSummary }[] }; link?: { href: string; label: string } }) {
  return (
    <>
      <DosageSummaryTable summary={dosage.summary} caption="Planned and delivered dosage of this plan" />
      {dosage.students.length && !dosage.summary.startsOn ? (
        <div className="mt-4">
          <h3 className="mb-2 font-semibold">Each student</h3>
          <StudentDosageTable students={dosage.students} thresholds={dosage.summary.thresholds} />
        </div>
      ) : null}
      {link ? (
        <p className="mt-3">
          <Link href={link.href} className="text-blue-800 underline">
            {link.label}
          </Link>
        </p>
      ) : null}
    </>
  );
}
