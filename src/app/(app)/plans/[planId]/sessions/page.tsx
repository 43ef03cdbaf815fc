import type { Metadata } from "next";
import Link from "next/link";
import { Pagination } from "@/components/caseloads/pagination";
import { PlanDosage } from "@/components/sessions/dosage-summary";
import { formatDay } from "@/components/students/format";
import { buttonClass } from "@/components/ui/button-class";
import { FilterNotice } from "@/components/ui/filter-notice";
import { BackLink } from "@/components/ui/page";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { getContext } from "@/server/auth/session";
import { getPlanSessions, studentsLabel } from "@/server/sessions/queries";
import { ATTENDANCE_LABEL, SESSION_STATUS_LABEL } from "@/server/sessions/schemas";

export const metadata: Metadata = { title: "Plan sessions" };

export default async function PlanSessionsPage({ params, searchParams }: { params: Promise<{ planId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getContext();
  const query = await searchParams;
  const { plan, dosage, mayLog, notUnderstood, sessions, total, page, pageCount } = await getPlanSessions(ctx, (await params).planId, query);
  const group = plan.students.length > 1;
  return (
    <>
      <BackLink href={`/plans/${plan.id}`}>Back to the plan</BackLink>
      <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Sessions: {plan.title}</h1>
          <p className="text-slate-700">
            {studentsLabel(plan)} · {plan.schoolName} · since {formatDay(plan.startDate)}
          </p>
        </div>
        {mayLog ? (
          <Link href={`/sessions/new/${plan.id}`} className={buttonClass()}>
            Log a session
          </Link>
        ) : null}
      </div>

      <FilterNotice notUnderstood={notUnderstood} showing="the logged sessions" />

      {query.voided === "1" ? (
        <p role="status" className="mb-4 rounded-md border border-green-700 bg-green-50 p-3 text-green-900">
          Session voided. It stays below, marked voided, and no longer counts in dosage or fidelity.
        </p>
      ) : null}

      <section aria-labelledby="dosage-heading" className="mb-6 rounded-lg border border-slate-300 bg-white p-4">
        <h2 id="dosage-heading" className="mb-2 text-lg font-semibold">
          Dosage and fidelity
        </h2>
        <PlanDosage dosage={dosage} />
      </section>

      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading" className="mb-2 text-lg font-semibold">
          Logged sessions ({total})
        </h2>
        {sessions.length ? (
          <DataTable
            caption="Logged sessions, newest first"
            className="text-sm"
            columns={["Date", "What happened", { label: "Minutes", numeric: true }, group ? "Attendance" : null, "Components delivered", "Note", "Logged by", { label: <span className="sr-only">Change</span> }]}
          >
            {sessions.map((s) => (
              <Tr key={s.id}>
                <Td className="whitespace-nowrap">
                  <time dateTime={s.date}>{formatDay(s.date)}</time>
                  {s.startTime ? <span className="block text-slate-700">{s.startTime}</span> : null}
                </Td>
                <Td>
                  {s.voided ? (
                    <>
                      <span className="font-semibold">Voided</span> <span className="line-through">{SESSION_STATUS_LABEL[s.status]}</span>
                      <span className="block text-slate-700">
                        by {s.voided.by} on {formatDay(s.voided.at)}: {s.voided.reason}
                      </span>
                    </>
                  ) : (
                    SESSION_STATUS_LABEL[s.status]
                  )}
                </Td>
                <Td numeric>{s.minutes ?? "—"}</Td>
                {group ? (
                  <Td>
                    {s.attendance.length ? (
                      <ul>
                        {s.attendance.map((a) => (
                          <li key={a.name}>
                            {a.name}: {ATTENDANCE_LABEL[a.status].toLowerCase()}
                            {a.status === "PARTIAL" && a.minutes ? ` (${a.minutes} min)` : ""}
                          </li>
                        ))}
                      </ul>
                    ) : (
                      "—"
                    )}
                  </Td>
                ) : null}
                <Td>{s.components.length ? s.components.join(", ") : "—"}</Td>
                <Td className="max-w-xs">{s.note ?? ""}</Td>
                <Td>{s.loggedBy}</Td>
                <Td>
                  {s.mayEdit ? (
                    <Link href={`/sessions/${s.id}/edit`} className="text-blue-800 underline">
                      Change<span className="sr-only"> the session of {formatDay(s.date)}</span>
                    </Link>
                  ) : null}
                </Td>
              </Tr>
            ))}
          </DataTable>
        ) : (
          <p className="text-slate-700">No session has been logged for this plan yet.</p>
        )}
        <Pagination label="Pages of logged sessions" page={page} pageCount={pageCount} hrefFor={(p) => `/plans/${plan.id}/sessions?page=${p}`} />
      </section>
    </>
  );
}
