import type { Metadata } from "next";
import { accommodationDetail } from "@/components/accommodations/accommodations-section";
import { CaseGlance } from "@/components/students/record/case-glance";
import { HistoryFeed } from "@/components/students/record/history-feed";
import { formatDay, fullName } from "@/components/students/format";
import { BackLink } from "@/components/ui/page";
import { getContext } from "@/server/auth/session";
import { getStudentProfile } from "@/server/students/queries";
import { todayIso } from "@/server/students/schemas";

// A generic title: browser history keeps titles, and names stay out of it.
export const metadata: Metadata = { title: "Student summary" };

/**
 * The one-page summary of a student's case for a team meeting: the case at a
 * glance, the accommodations to honour and the latest history, laid out for
 * print (Ctrl+P: the menu and links' chrome are left out, see globals.css).
 */
export default async function StudentSummaryPage({ params }: { params: Promise<{ studentId: string }> }) {
  const ctx = await getContext();
  const student = await getStudentProfile(ctx, (await params).studentId, { page: "summary" });
  const today = todayIso();
  const history = student.recentHistory!;
  return (
    <div className="summary-page">
      <div className="print:hidden">
        <BackLink href={`/students/${student.id}`}>Back to the profile</BackLink>
        <p className="mb-4 rounded-md border border-slate-400 bg-white p-3 text-sm">Print this page (Ctrl+P) for the team meeting: the menu and the controls are left out, and the summary fits one page for a typical case.</p>
      </div>
      <h1 className="text-2xl font-semibold print:text-xl">Case summary: {fullName(student)}</h1>
      <p className="mb-3 text-slate-700">
        Local id <span className="font-mono">{student.localId}</span> · as of {formatDay(today)} · prepared by {ctx.name}
      </p>
      <CaseGlance student={student} today={today} />
      <div className="grid gap-4 md:grid-cols-2 print:grid-cols-2">
        {student.accommodations ? (
          <section aria-labelledby="summary-accommodations">
            <h2 id="summary-accommodations" className="mb-1 text-lg font-semibold">
              Accommodations to honour
            </h2>
            {student.accommodations.current.length ? (
              <ul className="list-disc pl-6 text-sm">
                {student.accommodations.current.map((a) => (
                  <li key={a.id}>
                    {a.description} <span className="text-slate-700">({accommodationDetail(a, today)})</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-slate-700">None.</p>
            )}
          </section>
        ) : null}
        <section aria-labelledby="summary-history">
          <h2 id="summary-history" className="mb-1 text-lg font-semibold">
            Latest history
          </h2>
          {history.entries.length ? <HistoryFeed entries={history.entries.slice(0, 6)} label="Latest history, newest first" timeZone={ctx.timeZone} /> : <p className="text-sm text-slate-700">Nothing recorded yet.</p>}
        </section>
      </div>
    </div>
  );
}
