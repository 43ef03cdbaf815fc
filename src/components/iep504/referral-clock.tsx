import { formatDay } from "@/components/students/format";
import type { ClockState } from "@/domain/iep504/clock";

/** "Evaluation due 2 Feb 2027: 12 days left" or "… 3 days overdue", with the last school day when the due date is not one. */
export function ReferralClock({ clock }: { clock: ClockState | null }) {
  if (!clock) return <span className="text-slate-700">The clock starts at the parent&apos;s consent.</span>;
  const left =
    clock.daysLeft < 0
      ? `${-clock.daysLeft} ${clock.daysLeft === -1 ? "day" : "days"} overdue`
      : clock.daysLeft === 0
        ? "due today"
        : `${clock.daysLeft} ${clock.daysLeft === 1 ? "day" : "days"} left${clock.schoolDaysLeft !== null ? ` (${clock.schoolDaysLeft} school days)` : ""}`;
  return (
    <span>
      Evaluation due <time dateTime={clock.due}>{formatDay(clock.due)}</time>: <span className={clock.overdue ? "font-semibold text-red-800" : "font-semibold"}>{left}</span>
      {clock.dueIsSchoolDay ? null : <span className="block text-sm text-slate-700">Not a school day: the last school day before it is {formatDay(clock.lastSchoolDay)}.</span>}
    </span>
  );
}
