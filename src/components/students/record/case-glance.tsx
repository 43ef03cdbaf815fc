import Link from "next/link";
import { Sparkline } from "@/components/charts/sparkline";
import { formatDay } from "@/components/students/format";
import { addDays } from "@/domain/dosage";
import type { RecommendationKind } from "@/domain/progress";
import { CASE_ROLE_LABEL } from "@/server/caseloads/schemas";
import { dosageText } from "@/server/plans/schemas";
import type { StudentProfile } from "@/server/students/queries";
import { GRADE_LABEL } from "@/server/students/schemas";
import { AREA_LABEL, TIER_LABEL } from "@/server/tiers/schemas";

/** Recommendations that ask the team to act (the others say carry on, or what data is missing). */
const ACTION_KINDS: readonly RecommendationKind[] = ["change", "raise-goal", "fade-or-exit", "referral"];

const REC_STYLE: Record<RecommendationKind, string> = {
  continue: "border-green-700 bg-green-50 text-green-900",
  "raise-goal": "border-blue-800 bg-blue-50 text-blue-900",
  change: "border-red-800 bg-red-50 text-red-900",
  "fade-or-exit": "border-blue-800 bg-blue-50 text-blue-900",
  referral: "border-red-800 bg-red-50 text-red-900",
  insufficient: "border-amber-700 bg-amber-50 text-amber-950",
};

const pct = (n: number | null | undefined) => (n == null ? "not logged" : `${Math.round(n)}%`);

/**
 * The top of a student's record: who the student is, the tiers, each active
 * plan with its goals' sparklines and latest recommendations, the next dates,
 * the people on the case, and first what needs action. Compact, so all of it
 * fits a laptop screen for a typical case.
 */
export function CaseGlance({ student, today }: { student: StudentProfile; today: string }) {
  const s = student.sensitive;
  const activePlans = student.plans?.current.filter((p) => p.status === "ACTIVE") ?? [];
  const drafts = student.plans?.current.filter((p) => p.status === "DRAFT") ?? [];
  const glance = new Map(student.glance.map((g) => [g.planId, g.goals]));
  const dosage = new Map((student.dosage ?? []).map((d) => [d.plan.id, d.summary]));

  const actions: { key: string; text: string; href: string }[] = [];
  const dates: { key: string; date: string; text: string; href: string }[] = [];
  for (const plan of activePlans) {
    if (plan.reviewDate < today) actions.push({ key: `review-${plan.id}`, text: `${plan.interventionName}: review was due ${formatDay(plan.reviewDate)}`, href: `/plans/${plan.id}` });
    else dates.push({ key: `review-${plan.id}`, date: plan.reviewDate, text: `Plan review: ${plan.interventionName}`, href: `/plans/${plan.id}` });
    const summary = dosage.get(plan.id);
    if (summary?.flags.minutes) actions.push({ key: `dosage-${plan.id}`, text: `${plan.interventionName}: delivered dosage below the threshold (last 4 weeks)`, href: `/plans/${plan.id}/sessions` });
    if (summary?.flags.fidelity) actions.push({ key: `fidelity-${plan.id}`, text: `${plan.interventionName}: fidelity below the threshold (last 4 weeks)`, href: `/plans/${plan.id}/sessions` });
    for (const g of glance.get(plan.id) ?? []) {
      if (ACTION_KINDS.includes(g.recommendation.kind)) actions.push({ key: `rec-${g.id}`, text: `${g.measureName}: ${g.recommendation.title}`, href: `/goals/${g.id}` });
      if (g.probeDue.overdue) actions.push({ key: `due-${g.id}`, text: `${g.measureName}: probe overdue (${g.probeDue.daysSince} days since ${g.probeDue.fromProbe ? "the last probe" : "monitoring began"})`, href: `/goals/${g.id}` });
      else dates.push({ key: `due-${g.id}`, date: addDays(g.probeDue.countedFrom, g.probeDue.intervalDays), text: `Probe due: ${g.measureName}`, href: `/goals/${g.id}` });
    }
  }
  for (const d of drafts) if (d.submittedAt) actions.push({ key: `draft-${d.id}`, text: `${d.interventionName}: draft plan awaiting approval`, href: `/plans/${d.id}` });
  dates.sort((a, b) => a.date.localeCompare(b.date));

  return (
    <section aria-labelledby="glance" className="mb-6 rounded-lg border-2 border-slate-400 bg-white p-4 print:border print:p-2">
      <h2 id="glance" className="mb-2 text-lg font-semibold">
        Case at a glance
      </h2>
      <ul className="mb-3 flex flex-wrap gap-2 text-sm" aria-label="Student">
        <li className="rounded-full border border-slate-400 px-3 py-0.5">{GRADE_LABEL[student.grade]}</li>
        <li className="rounded-full border border-slate-400 px-3 py-0.5">{student.schoolName}</li>
        {student.englishLearner ? <li className="rounded-full border border-slate-400 px-3 py-0.5">English learner</li> : null}
        {s?.hasIep ? <li className="rounded-full border border-slate-400 px-3 py-0.5">IEP</li> : null}
        {s?.has504 ? <li className="rounded-full border border-slate-400 px-3 py-0.5">504 plan</li> : null}
        {student.archivedAt ? <li className="rounded-full border border-slate-600 bg-slate-100 px-3 py-0.5">Archived</li> : null}
      </ul>

      {actions.length ? (
        <div className="mb-3 rounded-md border border-red-800 bg-red-50 p-3">
          <h3 className="font-semibold text-red-900">Needs action</h3>
          <ul className="list-disc pl-6">
            {actions.map((a) => (
              <li key={a.key}>
                <Link href={a.href} className="text-blue-800 underline">
                  {a.text}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <div className="grid gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="min-w-0">
          <h3 className="mb-1 font-semibold">Active plans</h3>
          {student.plans === null ? (
            <p className="text-slate-700">Plans are not shown to your role.</p>
          ) : activePlans.length ? (
            <ul className="space-y-3">
              {activePlans.map((plan) => {
                const summary = dosage.get(plan.id)?.periods.sinceStart;
                return (
                  <li key={plan.id} className="rounded-md border border-slate-300 p-3">
                    <p>
                      <Link href={`/plans/${plan.id}`} className="font-medium text-blue-800 underline">
                        {AREA_LABEL[plan.area]}: {plan.interventionName}
                      </Link>
                    </p>
                    <p className="text-sm text-slate-700">
                      {dosageText(plan)} · delivered by {plan.interventionists.join(", ") || "nobody yet"}
                      {summary ? (
                        <>
                          {" "}
                          · received {summary.delivered.minutes} of {summary.planned.minutes} planned minutes ({pct(summary.minutesPercent)}), fidelity {pct(summary.fidelityPercent)}
                        </>
                      ) : null}
                    </p>
                    {(glance.get(plan.id) ?? []).length ? (
                      <ul className="mt-2 space-y-2" aria-label={`Goals of ${plan.interventionName}`}>
                        {glance.get(plan.id)!.map((g) => (
                          <li key={g.id} className="flex flex-wrap items-start gap-3">
                            <Sparkline data={g.sparkline} />
                            <div className="min-w-0 flex-1 basis-48">
                              <p className="text-sm">{g.sparkline.text}</p>
                              <p className={`mt-1 inline-block rounded border px-2 py-0.5 text-sm font-medium ${REC_STYLE[g.recommendation.kind]}`}>
                                <span className="sr-only">Latest recommendation: </span>
                                {g.recommendation.title}
                              </p>
                              <p className="text-sm text-slate-700">
                                {g.recommendation.reason}{" "}
                                <Link href={`/goals/${g.id}`} className="text-blue-800 underline print:hidden">
                                  Graph and decision support<span className="sr-only"> for {g.measureName}</span>
                                </Link>
                              </p>
                            </div>
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <p className="mt-1 text-sm text-slate-700">{student.glance.length || !plan.goals.length ? "No goal for this student yet." : "Goals are listed under Plans."}</p>
                    )}
                  </li>
                );
              })}
            </ul>
          ) : (
            <p className="text-slate-700">No active plan.</p>
          )}
        </div>

        <div className="min-w-0">
          {student.tiers ? (
            <>
              <h3 className="mb-1 font-semibold">Tiers</h3>
              <ul className="mb-3">
                {student.tiers.current.map((t) => (
                  <li key={t.area}>
                    {AREA_LABEL[t.area]}: <strong>{TIER_LABEL[t.tier]}</strong> <span className="text-sm text-slate-700">since {formatDay(t.effectiveDate)}</span>
                  </li>
                ))}
                <li className="text-sm text-slate-700">{student.tiers.current.length ? "Tier 1 in every other area." : "Tier 1 (core instruction) in every area."}</li>
              </ul>
            </>
          ) : null}
          <h3 className="mb-1 font-semibold">Next dates</h3>
          {dates.length ? (
            <ul className="mb-3">
              {dates.slice(0, 5).map((d) => (
                <li key={d.key}>
                  <time dateTime={d.date}>{formatDay(d.date)}</time>:{" "}
                  <Link href={d.href} className="text-blue-800 underline">
                    {d.text}
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            <p className="mb-3 text-slate-700">Nothing scheduled.</p>
          )}
          <h3 className="mb-1 font-semibold">On the case</h3>
          {student.currentCaseload.length ? (
            <ul>
              {student.currentCaseload.map((a) => (
                <li key={a.id}>
                  {a.staffName} <span className="text-sm text-slate-700">({CASE_ROLE_LABEL[a.role].toLowerCase()})</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-slate-700">Nobody yet.</p>
          )}
        </div>
      </div>
    </section>
  );
}
