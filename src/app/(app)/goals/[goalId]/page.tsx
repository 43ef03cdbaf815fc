import type { Metadata } from "next";
import Link from "next/link";
import { GraphDataTable } from "@/components/charts/graph-data-table";
import { ProgressGraph } from "@/components/charts/progress-graph";
import { DecisionPanel } from "@/components/progress/decision-panel";
import { formatDay } from "@/components/students/format";
import { BackLink } from "@/components/ui/page";
import { getContext } from "@/server/auth/session";
import { getGoalGraph, invalidReasonsOf } from "@/server/progress/graph";
import { GRADE_LABEL } from "@/server/students/schemas";
import { AREA_LABEL, TIER_LABEL } from "@/server/tiers/schemas";

// A generic title: browser history keeps titles, and names stay out of it.
export const metadata: Metadata = { title: "Progress graph" };

export default async function GoalGraphPage({ params }: { params: Promise<{ goalId: string }> }) {
  const ctx = await getContext();
  const view = await getGoalGraph(ctx, (await params).goalId);
  const { goal, student, plan } = view;
  const m = goal.measure;
  return (
    <>
      <BackLink href={`/students/${student.id}`}>{student.name}&apos;s profile</BackLink>
      <h1 className="text-2xl font-semibold">
        {student.name}: {m.name}
      </h1>
      <p className="mb-1 text-slate-700">
        {student.legalName ? `Legal name: ${student.legalName} · ` : ""}
        {plan.title} · {AREA_LABEL[plan.area]} · {GRADE_LABEL[student.grade]} · Local id <span className="font-mono">{student.localId}</span>
      </p>
      <p className="mb-4 text-lg">{goal.sentence}</p>
      {goal.archived ? <p className="mb-4 rounded-md border border-slate-500 bg-slate-100 p-3">This goal is archived: the graph shows its probes as they were.</p> : null}

      <div className="grid grid-cols-[minmax(0,1fr)] gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(20rem,2fr)]">
        <section aria-labelledby="graph-heading">
          <h2 id="graph-heading" className="mb-2 text-lg font-semibold">
            Progress graph
          </h2>
          <ProgressGraph graph={view.graph} measure={m} summary={view.summary} />
          {view.phases.length || view.goalChanges.length || view.tierDecisions.length ? (
            <>
              <h3 className="mt-4 mb-1 font-semibold">Plan and goal changes, tier decisions</h3>
              <ul className="list-disc pl-5">
                {view.phases.map((p) => (
                  <li key={`phase-${p.number}`}>
                    {formatDay(p.startDate)}: {p.label}
                  </li>
                ))}
                {view.goalChanges.map((c, i) => (
                  <li key={`goal-${i}`}>
                    {formatDay(c.date)}: {c.label}
                  </li>
                ))}
                {view.tierDecisions.map((t) => (
                  <li key={`tier-${t.date}-${t.tier}`}>
                    {formatDay(t.date)}: {TIER_LABEL[t.tier]} ({t.reason})
                  </li>
                ))}
              </ul>
            </>
          ) : null}

          <h3 id="graph-table-heading" className="mt-4 mb-1 font-semibold">
            The graph&apos;s data
          </h3>
          <GraphDataTable points={view.graph.points} measure={m} invalidReasons={invalidReasonsOf(view)} />
          <p className="mt-2 flex flex-wrap gap-x-6">
            <a href={`/goals/${goal.id}/csv`} className="text-blue-800 underline" download>
              Download the data as CSV
            </a>
            {view.mayEnterProbes ? (
              <Link href={`/goals/${goal.id}/probes/new`} className="text-blue-800 underline">
                Add or correct probes
              </Link>
            ) : null}
          </p>
        </section>

        <DecisionPanel view={view} />
      </div>
    </>
  );
}
