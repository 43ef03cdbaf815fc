/**
 * The assistant's day beyond today (issue 13): scheduled sessions of earlier
 * school days this week that nobody logged, so a session missed on the day is
 * not lost, and, on a day with nothing scheduled, when the next one is.
 * School days are Monday to Friday; a closure is logged as a session with the
 * status "school closed", so it does not show as missed.
 */
import { addDays, isoWeekday } from "./dosage";

export interface SchedulablePlan {
  id: string;
  /** ISO weekdays (1 = Monday ... 5 = Friday). */
  scheduleDays: readonly number[];
  scheduleTime: string | null;
  /** yyyy-mm-dd. */
  startDate: string;
  endDate: string | null;
}

export interface MissedSession {
  planId: string;
  /** yyyy-mm-dd, before today in the same week. */
  date: string;
  weekday: number;
}

/**
 * For each plan, the days of this week before today on its schedule (and
 * within its dates) with no session logged for it. `loggedDays` holds
 * "planId/yyyy-mm-dd" for every session of the week. Oldest first, then by
 * the plan's time.
 */
export function missedThisWeek<P extends SchedulablePlan>(plans: readonly P[], loggedDays: ReadonlySet<string>, today: string): (MissedSession & { plan: P })[] {
  const monday = addDays(today, 1 - isoWeekday(today));
  const out: (MissedSession & { plan: P })[] = [];
  for (let date = monday; date < today; date = addDays(date, 1)) {
    const weekday = isoWeekday(date);
    if (weekday > 5) continue;
    for (const plan of plans) {
      if (!plan.scheduleDays.includes(weekday) || date < plan.startDate || (plan.endDate && date > plan.endDate)) continue;
      if (!loggedDays.has(`${plan.id}/${date}`)) out.push({ planId: plan.id, date, weekday, plan });
    }
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || (a.plan.scheduleTime ?? "99").localeCompare(b.plan.scheduleTime ?? "99"));
}

/**
 * The next school day after today on which any plan meets, with the plans
 * that meet then in order of time; null when no plan has fixed days (or none
 * meets in the next two weeks, before its end date).
 */
export function nextScheduled<P extends SchedulablePlan>(plans: readonly P[], today: string): { date: string; weekday: number; plans: P[] } | null {
  for (let n = 1; n <= 14; n++) {
    const date = addDays(today, n);
    const weekday = isoWeekday(date);
    if (weekday > 5) continue;
    const meeting = plans
      .filter((p) => p.scheduleDays.includes(weekday) && date >= p.startDate && !(p.endDate && date > p.endDate))
      .sort((a, b) => (a.scheduleTime ?? "99").localeCompare(b.scheduleTime ?? "99"));
    if (meeting.length) return { date, weekday, plans: meeting };
  }
  return null;
}
