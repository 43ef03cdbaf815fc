/**
 * Why a goal needs review ("Needs review" lists, issue 6): a decision rule
 * calls for a change of the goal or the instruction, or progress monitoring
 * is overdue.
 *
 * Overdue (DOMAIN.md step 5: probes weekly at Tier 3, every one to two weeks
 * at Tier 2): the expected interval follows the student's current tier in the
 * plan's area; a student on a plan with no Tier 3 decision in force is
 * monitored as at Tier 2 (every two weeks), the looser of the two, so nobody
 * is flagged for a weekly schedule nobody set.
 */

import { daysBetween, formatDayMonth, requireDay, toIsoDay, type DateInput } from "../goals";
import { formatValue, type Measure } from "../measures";
import type { Recommendation } from "./recommend";
import { theMostRecent } from "./sufficiency";

export type TierLevel = "TIER_1" | "TIER_2" | "TIER_3";

/** Days allowed between two probes, by tier: 7 at Tier 3, 14 otherwise. */
export function probeIntervalDays(tier: TierLevel | null | undefined): number {
  return tier === "TIER_3" ? 7 : 14;
}

export interface ProbeDueInput {
  /** The latest VALID probe of the goal, if any. */
  lastProbeDate?: DateInput | null;
  baselineDate: DateInput;
  /** No probe is owed before the intervention starts: monitoring begins on the later of this and the baseline date. */
  planStartDate: DateInput;
  tier: TierLevel | null | undefined;
  today: DateInput;
}

export interface ProbeDue {
  /** More than the interval has passed since the last probe (or since monitoring began). */
  overdue: boolean;
  intervalDays: number;
  /** Days since the last probe, or since monitoring began when there is none after it. */
  daysSince: number;
  /** "yyyy-mm-dd" the days are counted from. */
  countedFrom: string;
  /** Whether countedFrom is a probe (else the start of monitoring). */
  fromProbe: boolean;
  /** "The last probe was 11 days ago (20 November); at Tier 3 probes are due weekly." */
  message: string;
}

export function probeDue({ lastProbeDate, baselineDate, planStartDate, tier, today }: ProbeDueInput): ProbeDue {
  const intervalDays = probeIntervalDays(tier);
  const since = requireDay(baselineDate, "The baseline date") > requireDay(planStartDate, "The plan's start date") ? baselineDate : planStartDate;
  const fromProbe = lastProbeDate != null && requireDay(lastProbeDate, "The last probe date") >= requireDay(since, "The start of monitoring");
  const countedFrom = toIsoDay(fromProbe ? lastProbeDate! : since);
  const daysSince = daysBetween(countedFrom, today);
  const overdue = daysSince > intervalDays;
  const rule =
    tier === "TIER_3"
      ? "at Tier 3 probes are due weekly"
      : tier === "TIER_2"
        ? "at Tier 2 probes are due every two weeks"
        : "with no Tier 2 or 3 decision in force in this area, probes are due every two weeks (as at Tier 2)";
  if (daysSince < 0) return { overdue, intervalDays, daysSince, countedFrom, fromProbe, message: `Monitoring begins on ${formatDayMonth(countedFrom, today)}.` };
  const days = `${daysSince} ${daysSince === 1 ? "day" : "days"}`;
  const when = fromProbe
    ? `The last probe was ${days} ago (${formatDayMonth(countedFrom, today)})`
    : `No probe since monitoring began ${days} ago (${formatDayMonth(countedFrom, today)})`;
  return { overdue, intervalDays, daysSince, countedFrom, fromProbe, message: `${when}; ${rule}.` };
}

/** What a decision rule asks of the team. */
export type RuleReview = {
  outcome: "change" | "raise-goal" | "fade-or-exit";
  /** "Change instruction" */
  title: string;
  /** The rule's finding, without a full stop: "The 4 most recent points are below the aimline". */
  finding: string;
};

const RULE_TITLES: Record<RuleReview["outcome"], string> = {
  change: "Change instruction",
  "raise-goal": "Raise the goal",
  "fade-or-exit": "Goal met: consider fading or exit",
};

/**
 * The rule's call behind a recommendation, before the dosage gate: the goal is
 * met, or the deciding rule (trend or four-point) says raise the goal or
 * change instruction. Undefined when it says continue or has too little data.
 *
 * The gate is left out on purpose: a "change" on too little delivery turns
 * into "deliver the plan first" on the goal page, which is as much a reason to
 * review the goal as an intensification is. Lists can then skip the session
 * logs and recommend() with no delivery.
 */
export function ruleReview(measure: Measure, rec: Recommendation): RuleReview | undefined {
  if (rec.rule === "goal-met") {
    const finding = `${theMostRecent(rec.numbers.pointsUsed)} at or beyond the target ${formatValue(measure, rec.aimline.target)}`;
    return { outcome: "fade-or-exit", title: RULE_TITLES["fade-or-exit"], finding };
  }
  const decided = rec.basedOn === "trend" ? rec.trend : rec.basedOn === "four-point" ? rec.fourPoint : undefined;
  if (!decided?.sufficient || decided.outcome === "continue") return undefined;
  return { outcome: decided.outcome, title: RULE_TITLES[decided.outcome], finding: decided.finding };
}

/**
 * The plan's phase in force on `today` as the decision rules take it: its
 * start when it is a change (phase 2 or later), and how many phases came
 * before it (changes already tried, for the referral check). A phase dated
 * after today has not started.
 */
export function phaseInForce(phases: readonly { number: number; startDate: DateInput }[], today: DateInput): { phaseStartDate?: string; previousPhases: number } {
  const day = requireDay(today, "Today");
  const started = phases.filter((p) => requireDay(p.startDate, "A phase's start date") <= day).sort((a, b) => a.number - b.number);
  const current = started.at(-1);
  return {
    phaseStartDate: current && current.number > 1 ? toIsoDay(current.startDate) : undefined,
    previousPhases: Math.max(0, started.length - 1),
  };
}
