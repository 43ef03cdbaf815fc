import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { GraphDataTable } from "@/components/charts/graph-data-table";
import { ProgressGraph } from "@/components/charts/progress-graph";
import { GuardianContactList } from "@/components/guardian-contacts/contact-list";
import { ActionItemForm, ActionItemStatusForm, DecisionForm, GoalDecisionForm, MinutesForm, StartPlanDecisionForm } from "@/components/meetings/forms";
import { DecisionPanel } from "@/components/progress/decision-panel";
import { formatDay } from "@/components/students/format";
import { BackLink } from "@/components/ui/page";
import { Disclosure } from "@/components/ui/disclosure";
import { Section } from "@/components/ui/section";
import { MEETING_KIND_LABEL } from "@/domain/meetings";
import { getContext } from "@/server/auth/session";
import { getMeetingTurn } from "@/server/meetings/queries";
import { invalidReasonsOf } from "@/server/progress/graph";
import { PLAN_STATUS_LABEL } from "@/server/plans/schemas";
import { AREA_LABEL, TIER_LABEL } from "@/server/tiers/schemas";
import { recordHref } from "@/server/students/record-sections";

// A generic title: browser history keeps titles, and names stay out of it.
export const metadata: Metadata = { title: "Meeting: a student's turn" };

export default async function MeetingTurnPage({ params }: { params: Promise<{ meetingId: string; studentId: string }> }) {
  const ctx = await getContext();
  const { meetingId, studentId } = await params;
  const view = await getMeetingTurn(ctx, meetingId, studentId);
  const { meeting, student } = view;
  const turn = (id: string) => `/meetings/${meeting.id}/students/${id}`;
  return (
    <div className="text-lg">
      <BackLink href={`/meetings/${meeting.id}`}>
        {MEETING_KIND_LABEL[meeting.kind]}, {formatDay(meeting.date)}
      </BackLink>
      <h1 className="text-3xl font-semibold">{student.name}</h1>
      <p className="mb-2 text-slate-700">
        Student {view.position.at} of {view.position.of} ·{" "}
        {view.tiers.length ? view.tiers.map((t) => `${TIER_LABEL[t.tier]} in ${AREA_LABEL[t.area].toLowerCase()}`).join(", ") : "No tier decision yet"}
      </p>
      <nav aria-label="Agenda" className="mb-4 flex flex-wrap gap-x-6 print:hidden">
        {view.previous ? (
          <Link className="text-blue-800 underline" href={turn(view.previous)}>
            Previous student
          </Link>
        ) : null}
        {view.next ? (
          <Link className="text-blue-800 underline" href={turn(view.next)}>
            Next student
          </Link>
        ) : null}
        <Link className="text-blue-800 underline" href={`/meetings/${meeting.id}/recap?student=${student.id}`}>
          Recap for this student
        </Link>
      </nav>

      {view.graphs.length ? (
        view.graphs.map((g) => (
          <section key={g.goal.id} aria-labelledby={`goal-${g.goal.id}`} className="mb-6 rounded-lg border border-slate-300 bg-white p-4">
            <h2 id={`goal-${g.goal.id}`} className="text-xl font-semibold">
              {g.plan.title}: {g.goal.measure.name}
            </h2>
            <p className="mb-2">{g.goal.sentence}</p>
            <div className="grid grid-cols-[minmax(0,1fr)] gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(20rem,2fr)]">
              <div>
                <ProgressGraph graph={g.graph} measure={g.goal.measure} summary={g.summary} />
                {g.phases.length || g.goalChanges.length ? (
                  <ul className="mt-2 list-disc pl-5">
                    {g.phases.map((p) => (
                      <li key={p.number}>
                        {formatDay(p.startDate)}: {p.label}
                      </li>
                    ))}
                    {g.goalChanges.map((c, i) => (
                      <li key={`goal-${i}`}>
                        {formatDay(c.date)}: {c.label}
                      </li>
                    ))}
                  </ul>
                ) : null}
                <Disclosure label="The graph's data">
                  <GraphDataTable points={g.graph.points} measure={g.goal.measure} invalidReasons={invalidReasonsOf(g)} />
                </Disclosure>
              </div>
              <DecisionPanel view={g} />
            </div>
          </section>
        ))
      ) : (
        <p className="mb-4">No goal of an active plan: nothing to graph.</p>
      )}

      <Section id="decide-heading" title="Decisions">
        {view.decisions.length ? (
          <ul className="mb-4 list-disc pl-5">
            {view.decisions.map((d) => (
              <li key={d.id}>{d.sentence}</li>
            ))}
          </ul>
        ) : (
          <p className="mb-4">No decision recorded for {student.name} yet. Each decision is applied to the record when you confirm it.</p>
        )}
        {view.plans.map((p) => {
          const plan = { id: p.id, version: p.version, label: p.title, status: p.status, sessionsPerWeek: p.sessionsPerWeek, minutesPerSession: p.minutesPerSession };
          return (
            <div key={p.id} className="mb-4 border-t border-slate-200 pt-3">
              <h3 className="font-semibold">
                {p.title} ({AREA_LABEL[p.area].toLowerCase()}, {PLAN_STATUS_LABEL[p.status]})
              </h3>
              <p>
                Dosage: {p.dosage}; with {p.interventionists.join(", ") || "no one yet"}; review {formatDay(p.reviewDate)}.
              </p>
              {p.status === "ACTIVE" ? (
                <>
                  {view.graphs
                    .filter((g) => g.plan.id === p.id)
                    .map((g) => (
                      <Disclosure key={g.goal.id} label={`Raise or change the goal: ${g.goal.measure.name}`}>
                        <GoalDecisionForm
                          meetingId={meeting.id}
                          studentId={student.id}
                          clientKey={randomUUID()}
                          goal={{ id: g.goal.id, version: g.goal.version, label: `${p.title}: ${g.goal.measure.name}`, targetValue: g.goal.targetValue, targetDate: g.goal.targetDate }}
                        />
                      </Disclosure>
                    ))}
                  <Disclosure label={`Continue ${p.title}`}>
                    <DecisionForm kind="CONTINUE" meetingId={meeting.id} studentId={student.id} plan={plan} clientKey={randomUUID()} submit={`Confirm: continue ${p.title}`} />
                  </Disclosure>
                  <Disclosure label={`Change ${p.title}`}>
                    <DecisionForm kind="CHANGE_PLAN" meetingId={meeting.id} studentId={student.id} plan={plan} clientKey={randomUUID()} submit={`Confirm: change ${p.title}`} />
                  </Disclosure>
                  <Disclosure label={`End ${p.title}`}>
                    <DecisionForm kind="END_PLAN" meetingId={meeting.id} studentId={student.id} plan={plan} clientKey={randomUUID()} submit={`Confirm: end ${p.title}`} />
                  </Disclosure>
                </>
              ) : null}
            </div>
          );
        })}
        <div className="border-t border-slate-200 pt-3">
          <Disclosure label="Change the tier">
            <DecisionForm kind="CHANGE_TIER" meetingId={meeting.id} studentId={student.id} clientKey={randomUUID()} submit="Confirm: change the tier" />
          </Disclosure>
          <Disclosure label="Start a plan">
            <StartPlanDecisionForm
              meetingId={meeting.id}
              studentId={student.id}
              clientKey={randomUUID()}
              interventions={view.interventions.map((i) => ({ value: i.id, label: i.name, group: AREA_LABEL[i.area] }))}
              interventionists={view.interventionists.map((s) => ({ value: s.id, label: s.name }))}
            />
          </Disclosure>
          <Disclosure label="Start a referral">
            <DecisionForm kind="START_REFERRAL" meetingId={meeting.id} studentId={student.id} clientKey={randomUUID()} submit="Confirm: start a referral" />
          </Disclosure>
        </div>
      </Section>

      {view.contacts ? (
        <Section id="family-heading" title="Contacts with the family">
          <GuardianContactList contacts={view.contacts} empty={`No contact with ${student.name}'s family logged yet.`} />
          <p className="mt-2">
            <Link className="text-blue-800 underline" href={recordHref(student.id, "family-contacts")}>
              Log a contact on the student&apos;s record
            </Link>
          </p>
        </Section>
      ) : null}

      <Section id="minutes-heading" title="Minutes">
        <MinutesForm meetingId={meeting.id} studentId={student.id} minutes={view.minutes} />
      </Section>

      <Section id="items-heading" title="Action items">
        {view.actionItems.length ? (
          <ul className="mb-4 space-y-2">
            {view.actionItems.map((a) => (
              <li key={a.id} className="flex flex-wrap items-center gap-3">
                <span>{a.sentence}</span>
                {a.status === "OPEN" ? <ActionItemStatusForm itemId={a.id} label={a.sentence} /> : null}
              </li>
            ))}
          </ul>
        ) : null}
        <ActionItemForm meetingId={meeting.id} studentId={student.id} staff={view.staff.map((s) => ({ value: s.id, label: s.name }))} meetingDate={meeting.date} />
      </Section>
    </div>
  );
}
