/**
 * The statistics of the intervention effectiveness and delivery dashboards
 * (issue 18; decision 029). Pure functions: the server reads the goals, their
 * probes and the sessions in a fixed number of statements, the decision rules
 * (recommend) judge each goal as its goal page does, and these functions turn
 * the judgements into the dashboards' figures, so a page, its CSV and a test
 * cannot disagree.
 *
 * The question the effectiveness dashboard answers is the one DOMAIN.md puts
 * first at every review: was the plan delivered? A goal's outcome is read
 * together with the delivery the dosage gate judged (delivered minutes and
 * fidelity over the goal's monitoring period, against the district's
 * thresholds), so an intervention that does not work (goals not on track
 * although delivered as planned) is told apart from one that was not
 * delivered (goals judged on too little delivery).
 */
import { daysBetween, toIsoDay } from "./goals";
import { plannedDosage, type DosagePlan, type Period } from "./dosage";
import { goalStanding, medianOrNull, standingShares, type GoalStanding, type StandingShares } from "./dashboards";
import type { Recommendation } from "./progress/recommend";

/** Delivered at or above both of the district's thresholds over the period judged, or below either (or not logged). */
export type DeliveryBand = "at" | "below";
export const DELIVERY_BANDS: readonly DeliveryBand[] = ["at", "below"];
export const DELIVERY_BAND_LABEL: Readonly<Record<DeliveryBand, string>> = {
  at: "Delivered at or above the thresholds",
  below: "Delivered below the thresholds",
};

/** One goal as the effectiveness dashboard counts it. */
export interface GoalOutcome {
  standing: GoalStanding;
  /** The student's ROI per week since the baseline (least squares, else the two-point ROI); null with no point since the baseline. */
  roi: number | null;
  /** The aimline's slope per week: (target - baseline) / weeks to the target date. */
  goalRoi: number;
  band: DeliveryBand;
}

/**
 * A goal's outcome from its recommendation: its standing by the decision
 * rules (goalStanding), its ROI against the goal ROI, and the band of the
 * delivery the recommendation's own dosage gate judged (the same thresholds
 * and the same period as on the goal page: nothing is re-judged here).
 */
export function goalOutcome(rec: Pick<Recommendation, "kind" | "warning" | "roi" | "aimline" | "delivery">): GoalOutcome {
  return {
    standing: goalStanding(rec),
    roi: rec.roi.olsPerWeek ?? rec.roi.simplePerWeek ?? null,
    goalRoi: rec.aimline.slopePerWeek,
    band: rec.delivery.ok ? "at" : "below",
  };
}

export interface OutcomeFigures extends StandingShares {
  /** Goals with an ROI (a point since the baseline): the medians are of these. */
  withRoi: number;
  /** The median ROI per week of the goals with an ROI; null with none. */
  medianRoi: number | null;
  /** The median goal ROI of the same goals, so both medians describe the same students. */
  medianGoalRoi: number | null;
}

/** The share of goals met or on track (among those the rules could judge) and the median ROI against the median goal ROI. */
export function outcomeFigures(goals: readonly GoalOutcome[]): OutcomeFigures {
  const withRoi = goals.filter((g) => g.roi !== null);
  return {
    ...standingShares(goals.map((g) => g.standing)),
    withRoi: withRoi.length,
    medianRoi: medianOrNull(withRoi.map((g) => g.roi!)),
    medianGoalRoi: medianOrNull(withRoi.map((g) => g.goalRoi)),
  };
}

export interface EffectivenessSplit {
  all: OutcomeFigures;
  at: OutcomeFigures;
  below: OutcomeFigures;
}

/** outcomeFigures of all the goals, and of those delivered at or above the thresholds and below. */
export function effectivenessSplit(goals: readonly GoalOutcome[]): EffectivenessSplit {
  return { all: outcomeFigures(goals), at: outcomeFigures(goals.filter((g) => g.band === "at")), below: outcomeFigures(goals.filter((g) => g.band === "below")) };
}

/** Judged goals delivered as planned needed before the dashboard says whether an intervention works. */
export const MIN_JUDGED_FOR_VERDICT = 3;
/** The share of judged, delivered goals met or on track at or above which an intervention reads as working. */
export const WORKING_SHARE = 0.5;

export type EffectVerdict = "works" | "does-not-work" | "not-delivered" | "too-little-data";
export const EFFECT_VERDICT_LABEL: Readonly<Record<EffectVerdict, string>> = {
  works: "Works when delivered",
  "does-not-work": "Not working, though delivered",
  "not-delivered": "Not delivered as planned",
  "too-little-data": "Too little data to say",
};

/**
 * What the figures say, judged only on goals delivered as planned:
 * - at least MIN_JUDGED_FOR_VERDICT such goals could be judged: "works" when
 *   WORKING_SHARE or more of them are met or on track, otherwise "does not
 *   work" (delivered and still not on track: the intervention, not the
 *   delivery, is in question);
 * - otherwise, when most of its goals were delivered below the thresholds:
 *   "not delivered" (nothing can be said of the intervention until it is);
 * - otherwise too little data.
 */
export function effectVerdict(split: EffectivenessSplit, minJudged = MIN_JUDGED_FOR_VERDICT): EffectVerdict {
  if (split.at.judged >= minJudged) return split.at.share !== null && split.at.share >= WORKING_SHARE ? "works" : "does-not-work";
  if (split.below.goals > split.at.goals) return "not-delivered";
  return "too-little-data";
}

// ---------------------------------------------------------------------------
// Delivery

/** "2026-09" of a day. */
export const monthOf = (date: string) => toIsoDay(date).slice(0, 7);

const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
/** "September 2026" of "2026-09". */
export const monthLabel = (month: string) => `${MONTH_NAMES[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;

/** The calendar months a period touches, each clipped to the period, in order. */
export function monthsOf(period: Period): { month: string; period: Period }[] {
  const out: { month: string; period: Period }[] = [];
  if (period.from > period.to) return out;
  let [y, m] = period.from.slice(0, 7).split("-").map(Number) as [number, number];
  for (;;) {
    const month = `${y}-${String(m).padStart(2, "0")}`;
    if (month > period.to.slice(0, 7)) break;
    const first = `${month}-01`;
    const last = toIsoDay(new Date(Date.UTC(y, m, 0)));
    out.push({ month, period: { from: first < period.from ? period.from : first, to: last > period.to ? period.to : last } });
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
  return out;
}

/**
 * A plan's planned minutes per calendar month of a period, by the plan's own
 * dosage arithmetic (plannedDosage: its meeting days, its phases, no minutes
 * on the days in `notPlanned`), so the months add up to what its plan page
 * plans for the same days.
 */
export function plannedByMonth(plan: DosagePlan, period: Period, notPlanned: ReadonlySet<string> = new Set()): { month: string; minutes: number }[] {
  return monthsOf(period).map(({ month, period: p }) => ({ month, minutes: plannedDosage(plan, p, notPlanned).minutes }));
}

/** Delivered minutes as a percentage of planned; null when nothing was planned. */
export function deliveredPercent(planned: number, delivered: number): number | null {
  if (planned < 0 || delivered < 0) throw new RangeError(`Minutes cannot be negative, got ${planned} planned and ${delivered} delivered.`);
  return planned > 0 ? (delivered / planned) * 100 : null;
}

/** Days without a delivered session after which an active plan is listed ("no session for two weeks"). */
export const NO_SESSION_DAYS = 14;

/**
 * An active plan has had no session held for more than `days` days: counted
 * from its last held session, or from its start when none was held (a plan
 * that started this week is not late yet).
 */
export function noSessionFor(lastHeld: string | null, planStart: string, today: string, days = NO_SESSION_DAYS): boolean {
  const from = lastHeld !== null && lastHeld >= planStart ? lastHeld : planStart;
  return daysBetween(from, today) > days;
}
