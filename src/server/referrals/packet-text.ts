import "server-only";
import type { PeriodSummary } from "@/domain/dosage";
import { formatRate } from "@/domain/goals";
import type { ClockState } from "@/domain/iep504/clock";
import { formatValue } from "@/domain/measures";
import { formatDay } from "@/domain/time-zone";
import type { GoalGraphView } from "@/server/progress/graph";
import type { PacketPlan } from "@/server/referrals/packet";

// The packet's sentences and figures, written once for the printable page
// (src/components/referrals/packet-page.tsx) and the PDF
// (src/server/pdf/referral-packet.tsx), so both say the same thing in the
// same words. Here, below both, because a server module never imports from
// src/components; not in src/domain because it reads the server's view types.

const n = (v: number) => v.toLocaleString("en-US");
const pct = (v: number | null) => (v === null ? "not known" : `${Math.round(v)}%`);

/** "Evaluation due Jan 14, 2027: 39 days left", or where the clock stands before consent. */
export function clockText(clock: ClockState | null): string {
  if (!clock) return "The clock starts at the parent's consent.";
  const left =
    clock.daysLeft < 0
      ? `${-clock.daysLeft} ${clock.daysLeft === -1 ? "day" : "days"} overdue`
      : clock.daysLeft === 0
        ? "due today"
        : `${clock.daysLeft} ${clock.daysLeft === 1 ? "day" : "days"} left`;
  return `Evaluation due ${formatDay(clock.due)}: ${left}${clock.dueIsSchoolDay ? "" : ` (not a school day: the last school day before it is ${formatDay(clock.lastSchoolDay)})`}.`;
}

/** "Mar 2, 2026 to Jun 5, 2026" or "since Sep 8, 2026". */
export const planDates = (p: Pick<PacketPlan, "startDate" | "endDate">) => (p.endDate ? `${formatDay(p.startDate)} to ${formatDay(p.endDate)}` : `since ${formatDay(p.startDate)}`);

/** Planned vs delivered for the student since the plan's start, as label and value rows. */
export function dosageRows(d: PeriodSummary | null): [string, string][] {
  if (!d) return [["Delivery", "The plan has not started yet."]];
  return [
    ["Planned", `${n(d.planned.minutes)} min in ${n(d.planned.sessions)} sessions`],
    ["Delivered", `${n(d.delivered.minutes)} min in ${n(d.delivered.sessions)} sessions (${pct(d.minutesPercent)} of planned minutes)`],
    ["Attendance", pct(d.attendancePercent)],
    ["Fidelity", `${pct(d.fidelityPercent)} of the plan's components delivered`],
  ];
}

/** "Oral reading fluency: 41 to 72 words correct per minute by Mar 12, 2027". */
export const goalTitle = (g: GoalGraphView) =>
  `${g.goal.measure.name}: ${formatValue(g.goal.measure, g.goal.baselineValue)} to ${formatValue(g.goal.measure, g.goal.targetValue)} ${g.goal.measure.unit} by ${formatDay(g.goal.targetDate)}`;

/** A goal's figures: baseline, target, the goal ROI against the student's, the trend and aimline, the gap, the recommendation. */
export function goalRows(g: GoalGraphView): [string, string][] {
  const m = g.goal.measure;
  const r = g.recommendation;
  const rows: [string, string][] = [
    ["Baseline", `${formatValue(m, g.goal.baselineValue)} ${m.unit} on ${formatDay(g.goal.baselineDate)}`],
    ["Target", `${formatValue(m, g.goal.targetValue)} ${m.unit} by ${formatDay(g.goal.targetDate)}`],
    ["Goal ROI", formatRate(m, g.goal.roiPerWeek)],
    [
      "ROI since baseline",
      r.roi.olsPerWeek !== undefined
        ? `${formatRate(m, r.roi.olsPerWeek)} (${r.roi.pointCount} points; ${r.roi.olsPerWeek >= g.goal.roiPerWeek === (m.direction === "higher") ? "keeping pace with" : "short of"} the goal ROI)`
        : r.roi.message,
    ],
    ["Aimline", formatRate(m, r.aimline.slopePerWeek)],
    ["Trend", r.trend.sufficient ? formatRate(m, r.trend.trend.slopePerWeek) : "Not enough points for a trend yet."],
  ];
  if (r.gap) rows.push(["Gap analysis", r.gap.message]);
  else rows.push(["Gap analysis", g.benchmark === null ? "No benchmark set for the student's grade this season." : "Not enough points for a gap analysis."]);
  rows.push(["Recommendation", `${r.title}: ${r.reason}`]);
  return rows;
}
