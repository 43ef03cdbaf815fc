import Link from "next/link";
import { buttonClass } from "@/components/ui/button-class";
import { formatAmount } from "@/domain/dosage";
import { isoWeekday, WEEKDAY_LABEL } from "@/domain/dosage";
import { studentsLabel, type TodayPlan } from "@/server/sessions/queries";
import { SESSION_STATUS_LABEL } from "@/server/sessions/schemas";
import { AREA_LABEL } from "@/server/tiers/schemas";

const scheduleOf = (p: TodayPlan) =>
  p.scheduleDays.length ? p.scheduleDays.map((d) => WEEKDAY_LABEL[d]!.slice(0, 3)).join(", ") : `${formatAmount(p.sessionsPerWeek)} a week, no fixed days`;

/** One plan on Today: what, for whom, when, and the one tap that logs it (or what is logged already). */
export function TodayPlanCard({ plan, today }: { plan: TodayPlan; today: string }) {
  const headingId = `plan-${plan.id}`;
  // Every card has the same two links: their accessible names say which plan and when ("Log session for Read Naturally, Tuesday 10:30").
  const when = `${WEEKDAY_LABEL[isoWeekday(today)]}${plan.scheduleTime ? ` ${plan.scheduleTime}` : ""}`;
  return (
    <li className="rounded-lg border border-slate-300 bg-white p-4">
      <h3 id={headingId} className="text-lg font-semibold">
        {plan.scheduleTime && plan.scheduledToday ? <span className="mr-2 font-mono">{plan.scheduleTime}</span> : null}
        {plan.title}
      </h3>
      <p className="text-slate-800">{studentsLabel(plan)}</p>
      <p className="text-sm text-slate-700">
        {AREA_LABEL[plan.area]} · {plan.minutesPerSession} minutes · {scheduleOf(plan)}
        {plan.scheduleTime && !plan.scheduledToday ? ` at ${plan.scheduleTime}` : ""}
      </p>
      {plan.logged.length ? (
        <p className="mt-2 font-medium text-green-900" role="status">
          Logged today: {plan.logged.map((s) => SESSION_STATUS_LABEL[s.status]).join(", ")}
        </p>
      ) : null}
      <div className="mt-3 flex flex-wrap gap-3">
        <Link href={`/sessions/new/${plan.id}?date=${today}`} className={buttonClass(plan.logged.length ? "secondary" : "primary")}>
          {plan.logged.length ? "Log another session" : "Log session"}
          <span className="sr-only">
            {" "}
            for {plan.title}, {when}
          </span>
        </Link>
        <Link href={`/plans/${plan.id}/sessions`} className="inline-flex min-h-11 items-center text-blue-800 underline">
          Sessions and dosage<span className="sr-only"> of {plan.title} ({studentsLabel(plan)})</span>
        </Link>
      </div>
    </li>
  );
}
