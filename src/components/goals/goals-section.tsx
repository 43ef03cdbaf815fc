import Link from "next/link";
import { GoalGraphLink } from "@/components/progress/goal-graph-link";
import { formatDay } from "@/components/students/format";
import { Fact } from "@/components/ui/section";
import { formatRate } from "@/domain/goals";
import { formatValue } from "@/domain/measures";
import type { GoalView } from "@/server/goals/queries";
import { closedPlanMessage } from "@/server/goals/schemas";
import { ArchiveGoalForm, GoalForm, type GoalMeasure, type GoalsPlan } from "./goal-form";

interface Props {
  plan: GoalsPlan;
  /** goalsForPlansIn(...).get(plan.id), with includeArchived to show the past goals. */
  goals: GoalView[];
  /** The district's measures in use (measureChoicesIn), for the forms. */
  measures: GoalMeasure[];
  /** plan.write on the plan's students; a completed or discontinued plan still shows no forms. */
  canWrite: boolean;
  /** Level of the section's heading in the page's outline (default 2). */
  headingLevel?: 2 | 3;
}

function GoalFacts({ goal, showStudent }: { goal: GoalView; showStudent: boolean }) {
  const m = goal.measure;
  const probes = goal.baselineProbes.map((p) => p.value).sort((a, b) => a - b);
  return (
    <dl className="mt-2 text-sm">
      {showStudent ? <Fact term="Student">{goal.studentName}</Fact> : null}
      <Fact term="Measure">
        {m.name} ({m.unit})
      </Fact>
      <Fact term="Baseline">
        {formatValue(m, goal.baselineValue)} on {formatDay(goal.baselineDate)}
        {probes.length ? ` (median of ${probes.map((v) => formatValue(m, v)).join(", ")})` : null}
      </Fact>
      <Fact term="Target">{formatValue(m, goal.targetValue)}</Fact>
      <Fact term="Target date">{formatDay(goal.targetDate)}</Fact>
      <Fact term="Goal ROI">{formatRate(m, goal.roiPerWeek)}</Fact>
    </dl>
  );
}

/**
 * A plan's goals, each as its plain sentence with the measure, baseline,
 * target and goal ROI; with the forms to add and archive goals and a link to
 * edit each (/goals/[id]/edit) for those who may write the plan while it is
 * open. Renders on the server; the forms are client components.
 */
export function GoalsSection({ plan, goals, measures, canWrite, headingLevel = 2 }: Props) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const SubHeading = headingLevel === 2 ? "h3" : "h4";
  const headingId = `goals-${plan.id}`;
  const closed = closedPlanMessage(plan.status);
  const writable = canWrite && !closed;
  const current = goals.filter((g) => !g.archived);
  const past = goals.filter((g) => g.archived);
  const showStudent = plan.students.length > 1;
  return (
    <section aria-labelledby={headingId} className="mb-6">
      <Heading id={headingId} className="mb-2 text-lg font-semibold">
        Goals
      </Heading>
      {current.length ? (
        <ul className="space-y-3">
          {current.map((g) => (
            <li key={g.id} className="rounded-md border border-slate-300 bg-white p-3">
              <p className="font-medium text-slate-900">{g.sentence}</p>
              <GoalFacts goal={g} showStudent={showStudent} />
              <p className="mt-2 flex flex-wrap gap-x-4">
                <GoalGraphLink goal={g} />
                {/* Its own page: an edit form for every goal made most of the plan page's weight. */}
                {writable ? (
                  <Link href={`/goals/${g.id}/edit`} className="text-blue-800 underline">
                    Edit goal<span className="sr-only">: {g.sentence}</span>
                  </Link>
                ) : null}
              </p>
              {writable ? <ArchiveGoalForm goalId={g.id} /> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-slate-700">This plan has no goals yet.</p>
      )}
      {canWrite && closed ? <p className="mt-3 text-slate-700">{closed}</p> : null}
      {writable ? <GoalForm plan={plan} measures={measures} startOpen={current.length === 0} /> : null}
      {past.length ? (
        <>
          <SubHeading className="mt-4 mb-2 font-semibold">Past goals</SubHeading>
          <ul className="space-y-3">
            {past.map((g) => (
              <li key={g.id} className="rounded-md border border-slate-300 bg-slate-50 p-3">
                <p className="text-slate-900">
                  <span className="font-medium">Archived:</span> {g.sentence}
                </p>
                <GoalFacts goal={g} showStudent={showStudent} />
                <p className="mt-2">
                  <GoalGraphLink goal={g} />
                </p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
