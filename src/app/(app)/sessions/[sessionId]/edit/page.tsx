import type { Metadata } from "next";
import Link from "next/link";
import { SessionForm } from "@/components/sessions/session-form";
import { VoidSessionForm } from "@/components/sessions/void-session-form";
import { formatDay } from "@/components/students/format";
import { FormPage } from "@/components/ui/page";
import { formatValue } from "@/domain/measures";
import { getContext } from "@/server/auth/session";
import { getSessionForEdit, studentsLabel } from "@/server/sessions/queries";
import { AUTHOR_EDIT_DAYS } from "@/server/sessions/schemas";

export const metadata: Metadata = { title: "Change a session" };

export default async function EditSessionPage({ params }: { params: Promise<{ sessionId: string }> }) {
  const ctx = await getContext();
  const { right, plan, components, probes, today, session } = await getSessionForEdit(ctx, (await params).sessionId);
  return (
    <FormPage
      back={{ href: `/plans/${plan.id}/sessions`, label: "Back to the plan's sessions" }}
      title={`Change the session of ${formatDay(session.date)}: ${plan.title}`}
      subtitle={studentsLabel(plan)}
      wide
    >
      {probes.length ? (
        <section aria-labelledby="session-probes-heading" className="mb-4 rounded-md border border-slate-500 bg-slate-100 p-3">
          <h2 id="session-probes-heading" className="font-semibold">
            Probes entered with this session
          </h2>
          <p className="text-slate-800">Changing the session does not change them. To correct one, open its goal&apos;s probes.</p>
          <ul className="mt-1">
            {probes.map((p) => (
              <li key={p.id}>
                <Link href={`/goals/${p.goalId}/probes/new`} className="inline-flex min-h-11 items-center text-blue-800 underline">
                  {p.studentName}, {p.measure.name}: {formatValue(p.measure, p.score)} {p.measure.unit}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {session.voided ? (
        <p className="rounded-md border border-slate-500 bg-slate-100 p-3">This session was voided: it stays in the plan&apos;s history and cannot be changed.</p>
      ) : right === "expired" ? (
        <p className="rounded-md border border-slate-500 bg-slate-100 p-3">
          You can change or void a session you logged for {AUTHOR_EDIT_DAYS} days after logging it. Ask your coordinator to correct this one.
        </p>
      ) : (
        <>
          <SessionForm plan={plan} components={components} today={today} mode={{ kind: "edit", session }} />
          <section aria-labelledby="void-heading" className="mt-8 border-t border-slate-300 pt-4">
            <h2 id="void-heading" className="mb-2 text-lg font-semibold">
              Logged by mistake?
            </h2>
            <VoidSessionForm sessionId={session.id} version={session.version} />
          </section>
        </>
      )}
    </FormPage>
  );
}
