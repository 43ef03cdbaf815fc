/**
 * The referral packet's readiness checklist (issue 16): before a team calls
 * the packet final, does the intervention record show what the district asks
 * of a referral? Pure: the server counts the record (plans, valid probes,
 * fidelity, guardians, the consent request) and this says, item by item,
 * what is met and what is missing, in words a coordinator can act on.
 *
 * The district sets the rules (DistrictSettings.packet*); the defaults are
 * the common ones: at least two interventions, at least six data points in
 * each, fidelity at least 80% in each, and the guardians informed.
 */

import { formatDay } from "../time-zone";

export interface PacketRules {
  /** Interventions (plans that have started; drafts do not count) the record must show. */
  minInterventions: number;
  /** Valid progress-monitoring points each of those interventions must have. */
  minDataPoints: number;
  /** Fidelity (% of the plan's components delivered), since its start, each must reach. */
  minFidelity: number;
  /** Whether a guardian on record must have been informed (the referral's consent request or consent). */
  requireGuardiansInformed: boolean;
}

export const DEFAULT_PACKET_RULES: Readonly<PacketRules> = {
  minInterventions: 2,
  minDataPoints: 6,
  minFidelity: 80,
  requireGuardiansInformed: true,
};

/** What a district may choose: fewer than these would not be evidence of anything; more than these no record will ever show. */
export const PACKET_RULE_BOUNDS = {
  minInterventions: { min: 1, max: 6 },
  minDataPoints: { min: 3, max: 30 },
  minFidelity: { min: 50, max: 100 },
} as const satisfies Record<Exclude<keyof PacketRules, "requireGuardiansInformed">, { min: number; max: number }>;

/** One intervention as the checklist reads it. */
export interface PacketIntervention {
  title: string;
  /** Valid probes on the student's goals of this plan (invalid ones are never evidence). */
  dataPoints: number;
  /** Components delivered / expected since the plan's start, %; null with no session logged. */
  fidelityPercent: number | null;
}

export interface PacketEvidence {
  /** The student's plans that have started (active, completed or discontinued). */
  interventions: readonly PacketIntervention[];
  /** Guardians on the student's record. */
  guardianCount: number;
  /** The day the guardians were asked for consent (or gave it): the recorded moment they were told of the referral. */
  guardiansInformedOn: string | null;
  /**
   * The first contact with the family logged since the referral was made
   * (the guardian contact log, decision 038), "Phone call" and its day; null
   * when none. Optional: a caller without the log passes nothing.
   */
  guardiansContacted?: { on: string; method: string } | null;
}

export type ReadinessKey = "interventions" | "dataPoints" | "fidelity" | "guardians";

export interface ReadinessItem {
  key: ReadinessKey;
  /** The rule, as the checklist states it: "At least 2 interventions". */
  label: string;
  met: boolean;
  /** What the record shows, or what is missing. */
  detail: string;
}

export interface Readiness {
  items: ReadinessItem[];
  /** Every item met. */
  ready: boolean;
  /** The items not met, in checklist order. */
  missing: ReadinessItem[];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
/** "A", "A and B", "A, B and C". */
const listOf = (names: readonly string[]) => (names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`);
// One decimal when not whole, so 79.6% never reads as the 80% it falls short of.
const pct = (n: number) => `${Number.isInteger(n) ? n : n.toFixed(1)}%`;

export function packetReadiness(rules: PacketRules, evidence: PacketEvidence): Readiness {
  const plans = evidence.interventions;
  const items: ReadinessItem[] = [];

  const count = plans.length;
  items.push({
    key: "interventions",
    label: `At least ${plural(rules.minInterventions, "intervention")}`,
    met: count >= rules.minInterventions,
    detail:
      count >= rules.minInterventions
        ? `${plural(count, "intervention")} on record.`
        : `${count === 0 ? "No intervention" : plural(count, "intervention")} on record: ${rules.minInterventions - count} more needed.`,
  });

  // Every intervention on record is judged, not just the best ones: a packet
  // that left out a short or poorly delivered plan would overstate the record.
  const few = plans.filter((p) => p.dataPoints < rules.minDataPoints);
  items.push({
    key: "dataPoints",
    label: `At least ${plural(rules.minDataPoints, "data point")} in each intervention`,
    met: count > 0 && few.length === 0,
    detail:
      count === 0
        ? "No intervention, so no data points."
        : few.length === 0
          ? `Every intervention has at least ${rules.minDataPoints} (${plans.map((p) => `${p.title}: ${p.dataPoints}`).join("; ")}).`
          : `Too few in ${listOf(few.map((p) => `${p.title} (${p.dataPoints}, ${rules.minDataPoints - p.dataPoints} more needed)`))}.`,
  });

  const unlogged = plans.filter((p) => p.fidelityPercent === null);
  const low = plans.filter((p) => p.fidelityPercent !== null && p.fidelityPercent < rules.minFidelity);
  const problems = [
    ...low.map((p) => `${p.title} (${pct(p.fidelityPercent!)})`),
    ...unlogged.map((p) => `${p.title} (no session logged)`),
  ];
  items.push({
    key: "fidelity",
    label: `Fidelity at least ${rules.minFidelity}% in each intervention`,
    met: count > 0 && problems.length === 0,
    detail:
      count === 0
        ? "No intervention, so no fidelity."
        : problems.length === 0
          ? `Every intervention reaches ${rules.minFidelity}% (${plans.map((p) => `${p.title}: ${pct(p.fidelityPercent!)}`).join("; ")}).`
          : `Below ${rules.minFidelity}% or not known: ${listOf(problems)}.`,
  });

  if (rules.requireGuardiansInformed) {
    // Told of the referral: asked for consent (or gave it), or a contact with the family logged since it was made.
    const contacted = evidence.guardiansContacted ?? null;
    const informed = evidence.guardianCount > 0 && (evidence.guardiansInformedOn !== null || contacted !== null);
    items.push({
      key: "guardians",
      label: "Guardians informed",
      met: informed,
      detail: !informed
        ? evidence.guardianCount === 0
          ? "No guardian on the student's record: add one, then record the consent request."
          : "The referral records no consent request and no contact with the family is logged since it was made: record the day the guardians were asked, or log the contact."
        : evidence.guardiansInformedOn !== null
          ? `Guardians asked for consent on ${formatDay(evidence.guardiansInformedOn)}.`
          : `${contacted!.method} with the family on ${formatDay(contacted!.on)} (the contact log); no consent request recorded yet.`,
    });
  }

  const missing = items.filter((i) => !i.met);
  return { items, ready: missing.length === 0, missing };
}

/** Why a final packet is marked final though items are missing: required then, at most this long. */
export const FINAL_NOTE_MAX = 1000;

/**
 * Whether the packet may be marked final: when every item is met, or with a
 * written reason when some are not. A referral must never wait on the
 * checklist (the team, or a parent's request, may move to evaluation at any
 * time; an MTSS record cannot delay it), so a missing item is a reason to
 * write down, not a lock. Returns the message to show, or null when allowed.
 */
export function finalRefusal(readiness: Readiness, note: string): string | null {
  if (readiness.ready) return null;
  if (note.trim().length > 0) return null;
  return `Say why the packet is final with ${plural(readiness.missing.length, "item")} missing (${readiness.missing.map((i) => i.label.toLowerCase()).join("; ")}).`;
}
