import Link from "next/link";
import { familyReportHref } from "@/components/family-report/href";
import { GoalGraphLink } from "@/components/progress/goal-graph-link";
import { formatDay } from "@/components/students/format";
import { buttonClass } from "@/components/ui/button-class";
import type { StudentPlan } from "@/server/plans/queries";
import { dosageText, PLAN_STATUS_LABEL, scheduleText } from "@/server/plans/schemas";
import { AREA_LABEL } from "@/server/tiers/schemas";

function PlanItem({ plan, studentId }: { plan: StudentPlan; studentId: string }) {
  const when = plan.endDate ? `${formatDay(plan.startDate)} to ${formatDay(plan.endDate)}` : `from ${formatDay(plan.startDate)}, review ${formatDay(plan.reviewDate)}`;
  return (
    <li className="rounded-md border border-slate-300 p-3">
      <p>
        <Link href={`/plans/${plan.id}`} className="font-medium text-blue-800 underline">
          {AREA_LABEL[plan.area]}: {plan.interventionName}
        </Link>{" "}
        <span className="text-slate-700">
          · {PLAN_STATUS_LABEL[plan.status]}
          {plan.status === "DRAFT" && plan.submittedAt ? ", awaiting approval" : ""}
          {plan.students.length > 1 ? ` · group of ${plan.students.length} students` : ""}
        </span>
      </p>
      <p className="text-sm text-slate-700">
        {dosageText(plan)} · {scheduleText(plan.scheduleDays, plan.scheduleTime)} · {when} · delivered by {plan.interventionists.join(", ")}
      </p>
      {plan.goals.length ? (
        <ul className="mt-2 list-disc pl-6">
          {plan.goals.map((g) => (
            <li key={g.id}>
              {g.sentence} <GoalGraphLink goal={g} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-2 text-sm text-slate-700">No goals for this student yet.</p>
      )}
      {/* A draft was never approved or delivered: nothing to tell the family yet. */}
      {plan.status !== "DRAFT" ? (
        <p className="mt-2">
          <Link href={familyReportHref(plan.id, studentId)} className="text-blue-800 underline">
            Family progress report<span className="sr-only"> on {plan.interventionName}</span>
          </Link>
        </p>
      ) : null}
    </li>
  );
}

/** A student's current and past plans with this student's goals, and "New plan" for those who may write one. */
export function StudentPlans({ studentId, plans, mayWrite }: { studentId: string; plans: { current: StudentPlan[]; past: StudentPlan[] }; mayWrite: boolean }) {
  return (
    <>
      {plans.current.length ? (
        <ul className="mb-4 space-y-3" aria-label="Current plans">
          {plans.current.map((p) => (
            <PlanItem key={p.id} plan={p} studentId={studentId} />
          ))}
        </ul>
      ) : (
        <p className="mb-4 text-slate-700">No current plans.</p>
      )}
      {plans.past.length ? (
        <>
          <h3 className="mb-2 font-semibold">Past plans</h3>
          <ul className="mb-4 space-y-3">
            {plans.past.map((p) => (
              <PlanItem key={p.id} plan={p} studentId={studentId} />
            ))}
          </ul>
        </>
      ) : null}
      {mayWrite ? (
        <Link href={`/plans/new?student=${studentId}`} className={buttonClass("secondary")}>
          New plan
        </Link>
      ) : null}
    </>
  );
}
