import type { Metadata } from "next";
import Link from "next/link";
import { formatDay, formatMoment } from "@/components/students/format";
import { buttonClass } from "@/components/ui/button-class";
import { TextField } from "@/components/ui/field";
import { BackLink } from "@/components/ui/page";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { getContext } from "@/server/auth/session";
import { getAccessRecord } from "@/server/audit/access-record";

// A generic title: browser history keeps titles, and names stay out of it.
export const metadata: Metadata = { title: "Record of access" };

/**
 * The record of every access to and disclosure of a student's records that a
 * family may ask to inspect (FERPA 34 CFR 99.32): printable, and as CSV.
 */
export default async function AccessRecordPage({ params, searchParams }: { params: Promise<{ studentId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getContext();
  const record = await getAccessRecord(ctx, (await params).studentId, await searchParams);
  const range = new URLSearchParams(Object.entries(record.values).filter(([, v]) => v));
  const base = `/students/${record.student.id}/access-record`;
  const invalid = Object.keys(record.errors).length > 0;
  // Only dates that were understood are formatted (a malformed one is a field error, and formatting it would throw).
  const span = invalid ? "" : record.values.from || record.values.to ? `${record.values.from ? formatDay(record.values.from) : "the first record"} to ${record.values.to ? formatDay(record.values.to) : "today"}` : "all dates";
  return (
    <>
      <div className="print:hidden">
        <BackLink href={`/students/${record.student.id}`}>Back to the profile</BackLink>
      </div>
      <h1 className="text-2xl font-semibold">Record of access: {record.student.name}</h1>
      <p className="mb-4 text-slate-700">
        {record.student.schoolName} · Local id <span className="font-mono">{record.student.localId}</span> · {invalid ? "dates to correct" : span}
      </p>

      <form method="get" action={base} className="mb-6 flex flex-wrap items-end gap-3 print:hidden" aria-label="Date range" noValidate>
        <TextField label="From" name="from" type="date" hint="Inclusive; empty for the first record." defaultValue={record.values.from} errors={record.errors.from} />
        <TextField label="To" name="to" type="date" hint="Inclusive; empty for today." defaultValue={record.values.to} errors={record.errors.to} />
        <button type="submit" className={`${buttonClass("secondary")} mb-4`}>
          Show
        </button>
        {invalid ? null : (
          <Link href={`${base}/csv${range.size ? `?${range}` : ""}`} className={`${buttonClass("secondary")} mb-4`}>
            Download CSV
          </Link>
        )}
        <p className="mb-4 w-full text-sm text-slate-700">
          For a family&apos;s request: choose the dates, then print this page (Ctrl+P; each page of {100} entries prints on its own) or download the CSV, which has every entry in the dates.
        </p>
      </form>

      {invalid ? (
        <p role="alert" className="rounded-md border border-red-700 bg-red-50 p-3 text-red-900">
          Correct the dates to see the record.
        </p>
      ) : record.entries.length ? (
        <DataTable caption={`Accesses and disclosures, newest first, ${span} (times in the district's time zone)`} className="text-sm" columns={["When", "Who", "Action", "What", "Why"]}>
          {record.entries.map((e) => (
            <Tr key={e.id}>
              <Td className="whitespace-nowrap">
                <time dateTime={e.createdAt.toISOString()}>{formatMoment(e.createdAt, ctx.timeZone)}</time>
              </Td>
              <Td>{e.who}</Td>
              <Td>{e.action}</Td>
              <Td>{e.what}</Td>
              <Td>{e.why}</Td>
            </Tr>
          ))}
        </DataTable>
      ) : (
        <p className="text-slate-700">Nothing was recorded about this student in these dates.</p>
      )}
      {record.olderCursor || !record.firstPage ? (
        <nav aria-label="Pages of the record" className="mt-4 flex gap-6 print:hidden">
          {record.firstPage ? null : (
            <Link href={`${base}${range.size ? `?${range}` : ""}`} className="text-blue-800 underline">
              Newest entries
            </Link>
          )}
          {record.olderCursor ? (
            <Link href={`${base}?${new URLSearchParams([...range, ["before", record.olderCursor]])}`} className="text-blue-800 underline">
              Older entries
            </Link>
          ) : null}
        </nav>
      ) : null}
      <p className="mt-4 text-sm text-slate-700">
        Produced from {ctx.districtName}&apos;s audit log by {ctx.name}. It lists every view, change, export and refused access recorded about this student, including lists and files that showed the student among others and exports of the whole district made while the student was enrolled.
      </p>
    </>
  );
}
