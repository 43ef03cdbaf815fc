/**
 * The dosage gate (DOMAIN.md step 4: "a student who got 40% of the planned
 * minutes has not shown non-response, the plan has not been delivered"):
 * before a rule's "change instruction" becomes a recommendation to intensify
 * or refer, the period's delivered dosage and fidelity must both be at or
 * above the district's thresholds.
 */

import { capitalized } from "../goals";
import { formatNumber } from "../measures";
import { DEFAULT_DISTRICT_SETTINGS, type DistrictSettings } from "../settings";

export interface Delivery {
  /** Delivered minutes as a percentage of planned minutes for the period; undefined when nothing was logged. */
  dosagePercent?: number;
  /** Fidelity percentage for the period; undefined when none was recorded. */
  fidelityPercent?: number;
}

export interface DosageGate {
  /** Both are known and at or above their thresholds. */
  ok: boolean;
  dosagePercent?: number;
  fidelityPercent?: number;
  dosageThreshold: number;
  fidelityThreshold: number;
  /** What fails, e.g. "dosage 40% of the planned minutes (threshold 80%)"; empty when ok. */
  shortfalls: string[];
  message: string;
}

/** What a failed gate says instead of "intensify". */
export const NOT_NON_RESPONSE = "the data cannot show non-response yet. Deliver the plan as written before intensifying it.";

// One decimal, so 79.5% is not shown as "80%" beside a threshold of 80% it failed.
function percent(value: number): string {
  return `${formatNumber(value, 1)}%`;
}

/**
 * Checks delivery against the thresholds. A percentage exactly at its
 * threshold passes ("below 80% is a flag"). An unknown percentage fails:
 * "the student did not respond" needs evidence that the plan was delivered,
 * and no log is no evidence.
 */
export function dosageGate(
  { dosagePercent, fidelityPercent }: Delivery,
  { dosageThreshold, fidelityThreshold }: Pick<DistrictSettings, "dosageThreshold" | "fidelityThreshold"> = DEFAULT_DISTRICT_SETTINGS,
): DosageGate {
  const shortfalls: string[] = [];
  if (dosagePercent === undefined) shortfalls.push("no dosage was logged for the period");
  else if (dosagePercent < dosageThreshold) shortfalls.push(`dosage was ${percent(dosagePercent)} of the planned minutes (threshold ${percent(dosageThreshold)})`);
  if (fidelityPercent === undefined) shortfalls.push("no fidelity was recorded for the period");
  else if (fidelityPercent < fidelityThreshold) shortfalls.push(`fidelity was ${percent(fidelityPercent)} (threshold ${percent(fidelityThreshold)})`);
  const ok = shortfalls.length === 0;
  const message = ok
    ? `Dosage ${percent(dosagePercent ?? 0)} and fidelity ${percent(fidelityPercent ?? 0)} are at or above the thresholds (${percent(dosageThreshold)} and ${percent(fidelityThreshold)}).`
    : `${capitalized(shortfalls.join(" and "))}: ${NOT_NON_RESPONSE}`;
  return { ok, dosagePercent, fidelityPercent, dosageThreshold, fidelityThreshold, shortfalls, message };
}
