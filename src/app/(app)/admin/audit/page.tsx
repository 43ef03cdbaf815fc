import type { Metadata } from "next";
import Link from "next/link";
import { SubmitButton } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { formatMoment } from "@/components/students/format";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { getAuditLog } from "@/server/audit/queries";
import { getContext } from "@/server/auth/session";

export const metadata: Metadata = { title: "Audit log" };


export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getContext();
  const log = await getAuditLog(ctx, await searchParams);
  const filtered = Object.values(log.values).some(Boolean);
  const invalid = Object.keys(log.errors).length > 0;

  // Page links keep the filters; only ids and dates go in the URL.
  const hrefWith = (key: "before" | "after" | "student", value: string) => {
    const params = new URLSearchParams(Object.entries(log.values).filter(([, v]) => v));
    params.set(key, value);
    return `/admin/audit?${params}`;
  };

  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Audit log</h1>
      <p className="mb-4 text-slate-700">
        A family asking which staff saw or received their child&apos;s records (FERPA): filter by the student, then open their record of access, which also lists the lists, files and exports that included the student.
        {log.values.student && !log.errors.student ? (
          <>
            {" "}
            <Link href={`/students/${log.values.student}/access-record`} className="text-blue-800 underline">
              Record of access for this student
            </Link>
          </>
        ) : null}
      </p>
      <section aria-labelledby="filters" className="mb-6 rounded-lg border border-slate-300 bg-white p-4">
        <h2 id="filters" className="mb-3 text-lg font-semibold">
          Filters
        </h2>
        <form method="get" action="/admin/audit" noValidate>
          <div className="grid gap-x-4 sm:grid-cols-2">
            <SelectField
              label="Person"
              name="user"
              options={log.staff.map((s) => ({ value: s.userId, label: s.name }))}
              placeholder="Anyone"
              defaultValue={log.values.user}
              errors={log.errors.user}
            />
            <TextField label="Student id" name="student" hint="The student's id (a UUID)." defaultValue={log.values.student} errors={log.errors.student} />
            <TextField label="From" name="from" type="date" hint="Inclusive: the district's days." defaultValue={log.values.from} errors={log.errors.from} />
            <TextField label="To" name="to" type="date" hint="Inclusive: the district's days." defaultValue={log.values.to} errors={log.errors.to} />
          </div>
          <div className="flex items-center gap-4">
            <SubmitButton>Show events</SubmitButton>
            {filtered ? (
              <Link href="/admin/audit" className="text-blue-800 underline">
                Clear filters
              </Link>
            ) : null}
          </div>
        </form>
      </section>

      <section aria-labelledby="events">
        <h2 id="events" className="mb-2 text-lg font-semibold">
          Events
        </h2>
        {invalid ? (
          <p role="alert" className="rounded-md border border-red-700 bg-red-50 p-3 text-red-900">
            Correct the highlighted filters to see events.
          </p>
        ) : log.events.length === 0 ? (
          <p>No events match these filters.</p>
        ) : (
          <DataTable className="text-sm" caption="Audit events, newest first" columns={["When", "Who", "Action", "What", "Student", "IP address"]}>
            {log.events.map((e) => (
              <Tr key={e.id}>
                <Td className="whitespace-nowrap">
                  <time dateTime={e.createdAt.toISOString()}>{formatMoment(e.createdAt, ctx.timeZone)}</time>
                </Td>
                <Td>{e.actorName ?? "—"}</Td>
                <Td>{e.action.replaceAll("_", " ")}</Td>
                <Td>{e.what}</Td>
                <Td>
                  {e.studentId ? (
                    <Link href={hrefWith("student", e.studentId)} className="text-blue-800 underline">
                      {e.studentName ?? "A student outside your schools"}
                      <span className="sr-only">: show only this student&apos;s events</span>
                    </Link>
                  ) : (
                    "—"
                  )}
                </Td>
                <Td className="font-mono">{e.ip ?? "—"}</Td>
              </Tr>
            ))}
          </DataTable>
        )}
        {log.newerCursor || log.olderCursor ? (
          <nav aria-label="Pages of the audit log" className="mt-4 flex gap-6">
            {log.newerCursor ? (
              <Link href={hrefWith("after", log.newerCursor)} className="text-blue-800 underline">
                Newer
              </Link>
            ) : null}
            {log.olderCursor ? (
              <Link href={hrefWith("before", log.olderCursor)} className="text-blue-800 underline">
                Older
              </Link>
            ) : null}
          </nav>
        ) : null}
      </section>
    </>
  );
}
