import type { Metadata } from "next";
import Link from "next/link";
import { formatDay } from "@/components/students/format";
import { buttonClass } from "@/components/ui/button-class";
import { TextField } from "@/components/ui/field";
import { BackLink } from "@/components/ui/page";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { getContext } from "@/server/auth/session";
import { getServiceLog } from "@/server/sessions/queries";
import { ATTENDANCE_LABEL, SESSION_STATUS_LABEL } from "@/server/sessions/schemas";
import { GRADE_LABEL } from "@/server/students/schemas";
import { AREA_LABEL } from "@/server/tiers/schemas";

// A generic title: browser history keeps titles, and names stay out of it.
export const metadata: Metadata = { title: "Service log" };

/** What a student received, session by session, for a date range: the printable document families and auditors ask for. */
export default async function ServiceLogPage({ params, searchParams }: { params: Promise<{ studentId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getContext();
  const log = await getServiceLog(ctx, (await params).studentId, await searchParams, "view");
  const range = new URLSearchParams({ from: log.from, to: log.to });
  return (
    <>
      <div className="print:hidden">
        <BackLink href={`/students/${log.student.id}`}>Back to the profile</BackLink>
      </div>
      <h1 className="text-2xl font-semibold">Service log: {log.student.name}</h1>
      <p className="mb-4 text-slate-700">
        {GRADE_LABEL[log.student.grade]} · {log.student.schoolName} · Local id <span className="font-mono">{log.student.localId}</span> · {formatDay(log.from)} to {formatDay(log.to)}
      </p>

      <form method="get" className="mb-6 flex flex-wrap items-end gap-3 print:hidden" aria-label="Date range">
        <TextField label="From" name="from" type="date" defaultValue={log.from} errors={log.rangeError ? [log.rangeError] : undefined} />
        <TextField label="To" name="to" type="date" defaultValue={log.to} />
        <button type="submit" className={`${buttonClass("secondary")} mb-4`}>
          Show
        </button>
        <Link href={`/students/${log.student.id}/service-log/csv?${range}`} className={`${buttonClass("secondary")} mb-4`}>
          Download CSV
        </Link>
        <p className="mb-4 w-full text-sm text-slate-700">Print this page (Ctrl+P) for a paper copy: the menu and these controls are left out.</p>
      </form>

      {log.rows.length ? (
        <DataTable caption={`Sessions from ${formatDay(log.from)} to ${formatDay(log.to)}`} className="text-sm" columns={["Date", "Intervention", "Session", "Attendance", { label: "Minutes received", numeric: true }, "Delivered by"]}>
          {log.rows.map((r, i) => (
            <Tr key={i}>
              <Td className="whitespace-nowrap">
                <time dateTime={r.date}>{formatDay(r.date)}</time>
                {r.startTime ? <span className="block text-slate-700">{r.startTime}</span> : null}
              </Td>
              <Td>
                {r.plan} <span className="text-slate-700">({AREA_LABEL[r.area]})</span>
              </Td>
              <Td>{SESSION_STATUS_LABEL[r.status]}</Td>
              <Td>{r.attendance ? ATTENDANCE_LABEL[r.attendance] : "—"}</Td>
              <Td numeric>{r.minutes}</Td>
              <Td>{r.deliveredBy}</Td>
            </Tr>
          ))}
          <Tr className="font-semibold">
            <th scope="row" colSpan={4} className="p-2 text-left">
              Total: {log.totals.sessionsReceived} sessions received
            </th>
            <Td numeric>{log.totals.minutes}</Td>
            <Td />
          </Tr>
        </DataTable>
      ) : (
        <p className="text-slate-700">No session was logged for this student in these dates.</p>
      )}
      <p className="mt-4 text-sm text-slate-700">Printed from {ctx.districtName} by {ctx.name}. Minutes received: the session&apos;s minutes when present, the minutes attended when partial.</p>
    </>
  );
}
