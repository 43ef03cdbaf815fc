/**
 * Data sufficiency (DOMAIN.md step 6: "A rule never fires on too little data;
 * it says what is missing"): the shared shape of a rule that cannot decide
 * yet, and the words for rules and their outcomes.
 */

import { onlyPoints, type MonitoringPeriod } from "./points";

/** What a decision rule can conclude once it has enough data. */
export type RuleOutcome = "continue" | "raise-goal" | "change";

/** A rule that cannot decide yet, with how many more points it needs. */
export interface InsufficientData {
  sufficient: false;
  /** Points the rule needs in the period. */
  required: number;
  /** Points in the period. */
  available: number;
  /** How many more points are needed (at least 1). */
  missing: number;
  /** "one-date": enough points, but all on one date, so no trend can be drawn. */
  reason: "too-few-points" | "one-date";
  /** "Only 3 points since the baseline; the trend rule needs 6 (3 more)." */
  message: string;
}

const NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"] as const;

/** "four-point rule" for the published 4; a district's other count reads the same way ("12-point rule" past ten). */
export function pointRuleName(points: number): string {
  return `${NUMBER_WORDS[points] ?? String(points)}-point rule`;
}

export const TREND_RULE_NAME = "trend rule";

/** "The 4 most recent points are", "The most recent point is": how a finding about the latest points starts. */
export function theMostRecent(n: number): string {
  return n === 1 ? "The most recent point is" : `The ${n} most recent points are`;
}

/** The action words of an outcome, as they end a rule's message. */
export function outcomeAction(outcome: RuleOutcome): string {
  if (outcome === "raise-goal") return "raise the goal";
  if (outcome === "change") return "change instruction";
  return "continue";
}

/** The rule needs `required` points in the period and has fewer. */
export function tooFewPoints(ruleName: string, required: number, period: MonitoringPeriod): InsufficientData {
  const available = period.points.length;
  const missing = required - available;
  return {
    sufficient: false,
    required,
    available,
    missing,
    reason: "too-few-points",
    message: `${onlyPoints(available)} ${period.label}; the ${ruleName} needs ${required} (${missing} more).`,
  };
}

/** Validates a rule's point count from the district settings. */
export function requirePointSetting(value: number, least: number, label: string): number {
  if (!Number.isInteger(value) || value < least) throw new RangeError(`${label} must be a whole number ≥ ${least}, got ${value}.`);
  return value;
}
