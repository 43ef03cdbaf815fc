import type { Metadata } from "next";
import Link from "next/link";
import { AccommodationsToHonour } from "@/components/accommodations/accommodations-section";
import { familyReportHref } from "@/components/family-report/href";
import { GoalsSection } from "@/components/goals/goals-section";
import { ApprovalSteps, EndPlanSteps } from "@/components/plans/plan-steps";
import { planFitProblems } from "@/domain/plan-fit";
import { PlanDosage } from "@/components/sessions/dosage-summary";
import { formatDay, formatMoment, formatMomentDay } from "@/components/students/format";
import { BackLink } from "@/components/ui/page";
import { Fact, Section } from "@/components/ui/section";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { ROLE_LABEL } from "@/domain/permissions";
import { getContext } from "@/server/auth/session";
import { dosagePhrase, EVIDENCE_LABEL } from "@/server/interventions/schemas";
import { getPlanPage, type PlanPage } from "@/server/plans/queries";
import { dosageText, PLAN_EVENT_LABEL, scheduleText } from "@/server/plans/schemas";
import { todayIso } from "@/server/students/schemas";
import { AREA_LABEL } from "@/server/tiers/schemas";

// A generic title: browser history keeps titles, and names stay out of it.
export const metadata: Metadata = { title: "Intervention plan" };

/** Where the plan is in its life, in a sentence. */
function statusLine(plan: PlanPage["plan"], timeZone: string): string {
  switch (plan.status) {
    case "DRAFT":
      return plan.submittedAt ? `Draft, submitted for approval on ${formatMomentDay(plan.submittedAt, timeZone)}.` : "Draft: not yet submitted for approval.";
    case "ACTIVE":
      return plan.approvedAt ? `Active: approved by ${plan.approvedByName ?? "a coordinator"} on ${formatMomentDay(plan.approvedAt, timeZone)}.` : "Active.";
    case "COMPLETED":
      return `Completed on ${formatDay(plan.endDate!)}.`;
    case "DISCONTINUED":
      return `Discontinued on ${formatDay(plan.endDate!)}.`;
  }
}

export default async function PlanPageRoute({ params }: { params: Promise<{ planId: string }> }) {
  const ctx = await getContext();
  const { plan, goals, measures, accommodations, phases, events, deliveryOnly, dosage, may } = await getPlanPage(ctx, (await params).planId);
  const today = todayIso();
  const components = plan.intervention?.components ?? [];
  const recommended = plan.intervention ? dosagePhrase(plan.intervention) : null;
  const fit = planFitProblems(plan, plan.intervention, plan.fitStudents);
  const isOpenPlan = plan.status === "DRAFT" || plan.status === "ACTIVE";
  return (
    <>
      <BackLink href="/plans">All plans</BackLink>
      <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">
            {AREA_LABEL[plan.area]} plan: {plan.interventionName}
          </h1>
          <p className="text-slate-700">{statusLine(plan, ctx.timeZone)}</p>
          {may.viewSessions || may.enterProbes ? (
            <p className="mt-1 flex flex-wrap gap-4">
              {may.viewSessions ? (
                <Link href={`/plans/${plan.id}/sessions`} className="text-blue-800 underline">
                  Sessions and dosage
                </Link>
              ) : null}
              {may.enterProbes ? (
                <Link href={`/plans/${plan.id}/probes`} className="text-blue-800 underline">
                  Enter probes
                </Link>
              ) : null}
            </p>
          ) : null}
        </div>
        {may.edit ? (
          <Link href={`/plans/${plan.id}/edit`} className="rounded-md bg-blue-800 px-4 py-2 font-medium text-white hover:bg-blue-900">
            Edit plan
          </Link>
        ) : null}
      </div>

      {plan.status === "DRAFT" && plan.returnComment ? (
        <div role="note" className="mb-4 rounded-md border border-amber-700 bg-amber-50 p-3 text-amber-950">
          <p className="font-semibold">Sent back for changes</p>
          <p>{plan.returnComment}</p>
        </div>
      ) : null}
      {plan.statusReason ? (
        <p className="mb-4 rounded-md border border-slate-500 bg-slate-100 p-3">
          <strong>{plan.status === "DISCONTINUED" ? "Reason" : "Note"}:</strong> {plan.statusReason}
        </p>
      ) : null}

      {fit.length && isOpenPlan ? (
        <section aria-labelledby="fit-heading" role="note" className="mb-6 rounded-lg border border-amber-700 bg-amber-50 p-4 text-amber-950">
          <h2 id="fit-heading" className="font-semibold">
            <span aria-hidden="true">⚠ </span>This plan does not fit its intervention
          </h2>
          <ul className="mt-1 list-disc pl-5">
            {fit.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ul>
          <p className="mt-1 text-sm">
            {plan.status === "DRAFT" ? "Change the plan, or say why when it is approved: the coordinator approving it gives the reason." : "It was approved as it is; the reason is in the plan's history."}
          </p>
        </section>
      ) : null}
      <ApprovalSteps plan={plan} may={may} hasGoals={goals.some((g) => !g.archived)} fitProblems={fit.length > 0} />

      <div className="grid gap-x-6 lg:grid-cols-2">
        <Section id="plan-facts" title="The plan">
          <dl>
            <Fact term={plan.students.length === 1 ? "Student" : `Students (${plan.students.length})`}>
              <ul>
                {plan.students.map((s) => (
                  <li key={s.id}>
                    <Link href={`/students/${s.id}`} className="text-blue-800 underline">
                      {s.fullName}
                    </Link>
                    {s.goesBy ? <span className="text-slate-700"> (goes by {s.goesBy})</span> : null}
                    {/* A draft was never approved or delivered: nothing to tell the family yet. */}
                    {plan.status !== "DRAFT" ? (
                      <>
                        {" · "}
                        <Link href={familyReportHref(plan.id, s.id)} className="text-blue-800 underline">
                          Family progress report<span className="sr-only"> for {s.fullName}</span>
                        </Link>
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            </Fact>
            <Fact term="School">{plan.schoolName}</Fact>
            <Fact term="Area">{AREA_LABEL[plan.area]}</Fact>
            <Fact term="Intervention">
              {plan.intervention && may.viewLibrary ? (
                <Link href={`/interventions/${plan.intervention.id}`} className="text-blue-800 underline">
                  {plan.interventionName}
                </Link>
              ) : (
                plan.interventionName
              )}
              {plan.intervention ? <span className="text-slate-700"> (evidence: {EVIDENCE_LABEL[plan.intervention.evidenceLevel].toLowerCase()})</span> : <span className="text-slate-700"> (custom)</span>}
            </Fact>
            <Fact term="Dosage">{dosageText(plan)}</Fact>
            <Fact term="Schedule">{scheduleText(plan.scheduleDays, plan.scheduleTime)}</Fact>
            <Fact term="Delivered by">
              {plan.interventionists.map((i) => `${i.name} (${ROLE_LABEL[i.role]})`).join(", ")}
            </Fact>
            <Fact term="Start date">{formatDay(plan.startDate)}</Fact>
            <Fact term="Review date">
              {formatDay(plan.reviewDate)}
              {plan.status === "ACTIVE" && plan.reviewDate < today ? <strong className="text-red-800"> (past due)</strong> : null}
            </Fact>
            {plan.endDate ? <Fact term="End date">{formatDay(plan.endDate)}</Fact> : null}
            <Fact term="Written by">{plan.createdByName ?? "—"}</Fact>
            {plan.notes ? <Fact term="Notes">{plan.notes}</Fact> : null}
          </dl>
        </Section>

        <Section id="components" title="What every session includes">
          {components.length ? (
            <ol className="list-decimal pl-6">
              {components.map((c) => (
                <li key={c.id}>{c.label}</li>
              ))}
            </ol>
          ) : (
            <p className="text-slate-700">{plan.intervention ? "The library lists no components for this intervention." : "A custom intervention has no component checklist."}</p>
          )}
          {plan.intervention?.description ? <p className="mt-3 text-slate-700">{plan.intervention.description}</p> : null}
          {recommended ? <p className="mt-2 text-slate-700">Recommended dosage: {recommended}.</p> : null}
        </Section>
      </div>

      <AccommodationsToHonour students={plan.students} accommodations={accommodations} today={today} />

      {dosage ? (
        <Section id="dosage" title="Dosage and fidelity">
          <PlanDosage dosage={dosage} link={{ href: `/plans/${plan.id}/sessions`, label: "Logged sessions" }} />
        </Section>
      ) : null}

      {/* GoalsSection's own bottom margin pads the card. */}
      <div className="mb-6 rounded-lg border border-slate-300 bg-white px-4 pt-4">
        <GoalsSection plan={{ id: plan.id, status: plan.status, startDate: plan.startDate, students: plan.students.map((s) => ({ id: s.id, name: s.fullName })) }} goals={goals} measures={measures} canWrite={may.writeGoals} />
      </div>

      {deliveryOnly ? null : (
        <>
          <Section id="phases" title="Phases">
            <p className="mb-2 text-sm text-slate-700">Each change of intervention, dosage or interventionists after approval starts a phase: a phase line on the progress graphs.</p>
            <DataTable className="text-sm" caption="Phases of the plan" columns={["Phase", "From", "Intervention", "Dosage", "Delivered by", "What changed and why"]}>
              {phases.map((p) => (
                <Tr key={p.id}>
                  <Td>{p.number}</Td>
                  <Td className="whitespace-nowrap">{formatDay(p.startDate)}</Td>
                  <Td>{p.interventionName}</Td>
                  <Td>{dosageText(p)}</Td>
                  <Td>{p.interventionistNames.join(", ")}</Td>
                  <Td>{p.change ?? "—"}</Td>
                </Tr>
              ))}
            </DataTable>
          </Section>

          <Section id="history" title="History">
            <ol className="border-l-2 border-slate-300 pl-4" aria-label="Plan history, oldest first">
              {events.map((e) => (
                <li key={e.id} className="mb-2">
                  <p>
                    <span className="font-medium">{PLAN_EVENT_LABEL[e.kind]}</span> by {e.actorName ?? "someone"},{" "}
                    <time dateTime={e.createdAt.toISOString()}>{formatMoment(e.createdAt, ctx.timeZone)}</time>
                  </p>
                  {e.comment ? <p className="text-sm text-slate-700">{e.comment}</p> : null}
                </li>
              ))}
            </ol>
          </Section>
        </>
      )}

      <EndPlanSteps plan={plan} may={may.end} today={today} />
    </>
  );
}
