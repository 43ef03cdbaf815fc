/**
 * The four-point rule (DOMAIN.md step 6), direction-aware: the most recent N
 * consecutive points of the period (N = the district's fourPointRulePoints,
 * 4 by default) against the aimline on their own dates.
 * - all N better than the aimline (above it when higher is better, below it
 *   when lower is better): raise the goal;
 * - all N worse: change instruction;
 * - otherwise: continue.
 * A point exactly on the aimline is neither better nor worse, so it makes the
 * run mixed: the rule fires only when every point is clearly on one side.
 */

import type { DateInput } from "../goals";
import type { Measure } from "../measures";
import { aimlineValueAt, type Aimline } from "./aimline";
import { monitoringPeriod, sideOf, type ProgressPoint } from "./points";
import { DEFAULT_DISTRICT_SETTINGS } from "../settings";
import { outcomeAction, pointRuleName, requirePointSetting, theMostRecent, tooFewPoints, type InsufficientData, type RuleOutcome } from "./sufficiency";

export interface FourPointRuleInput {
  measure: Measure;
  aimline: Aimline;
  /** The goal's valid points, any order; those on or before the baseline date are left out (monitoringPeriod). */
  points: readonly ProgressPoint[];
  /** Start of the current phase after a plan change: only its points are judged. */
  phaseStartDate?: DateInput;
  /** N, the district's fourPointRulePoints. */
  pointsToJudge?: number;
}

export interface JudgedPoint {
  /** "yyyy-mm-dd" */
  date: string;
  score: number;
  /** The aimline's value on the point's date. */
  aimline: number;
  side: "better" | "worse" | "on";
}

export interface FourPointDecision {
  sufficient: true;
  outcome: RuleOutcome;
  /** N */
  required: number;
  /** Points in the period (at least N). */
  available: number;
  /** The N points judged, oldest first. */
  points: JudgedPoint[];
  better: number;
  worse: number;
  on: number;
  /** "The 4 most recent points are below the aimline" */
  finding: string;
  /** "The 4 most recent points are below the aimline: change instruction." */
  message: string;
}

export type FourPointResult = FourPointDecision | InsufficientData;

export function fourPointRule({
  measure,
  aimline,
  points,
  phaseStartDate,
  pointsToJudge = DEFAULT_DISTRICT_SETTINGS.fourPointRulePoints,
}: FourPointRuleInput): FourPointResult {
  const n = requirePointSetting(pointsToJudge, 1, "The four-point rule's number of points");
  const period = monitoringPeriod(points, { baselineDate: aimline.baselineDate, phaseStartDate });
  const name = pointRuleName(n);
  if (period.points.length < n) return tooFewPoints(name, n, period);

  const judged = period.points.slice(-n).map((p): JudgedPoint => {
    const aim = aimlineValueAt(aimline, p.date);
    const side = sideOf(measure, p.score, aim);
    return { date: p.date, score: p.score, aimline: aim, side: side === 1 ? "better" : side === -1 ? "worse" : "on" };
  });
  const better = judged.filter((p) => p.side === "better").length;
  const worse = judged.filter((p) => p.side === "worse").length;
  const on = n - better - worse;

  const lower = measure.direction === "lower";
  const betterSide = lower ? "below" : "above";
  const worseSide = lower ? "above" : "below";
  // For a lower-is-better measure "below" is good news; say so, since a graph reader expects up to be good.
  const note = lower ? " (lower is better)" : "";
  let outcome: RuleOutcome = "continue";
  let finding: string;
  if (better === n) {
    outcome = "raise-goal";
    finding = `${theMostRecent(n)} ${betterSide} the aimline${note}`;
  } else if (worse === n) {
    outcome = "change";
    finding = `${theMostRecent(n)} ${worseSide} the aimline${note}`;
  } else if (on === n) {
    finding = `${theMostRecent(n)} on the aimline`;
  } else {
    const counts = [`${better} ${betterSide}`, `${worse} ${worseSide}`, `${on} on it`].join(", ");
    finding = `The ${n} most recent points are not all on one side of the aimline (${counts}${lower ? "; lower is better" : ""})`;
  }
  return {
    sufficient: true,
    outcome,
    required: n,
    available: period.points.length,
    points: judged,
    better,
    worse,
    on,
    finding,
    message: `${finding}: ${outcomeAction(outcome)}.`,
  };
}
