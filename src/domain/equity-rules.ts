// The equity dashboard's rules as a district sets them (decision 030): the
// risk-ratio threshold, the minimum cell size and n-size, and the subgroups
// the district does not report. Defaults after the federal
// significant-disproportionality rule (34 CFR 300.647; decision 023).
import { DEFAULT_EQUITY_RULES, type EquityRules } from "./dashboards";

/**
 * What an administrator may choose. The cell size never goes below 5, so no
 * setting can show a count small enough to point at a student; the CHECK in
 * the migration repeats these.
 */
export const EQUITY_RULE_BOUNDS = {
  threshold: { min: 1, max: 10 },
  minCell: { min: 5, max: 30 },
  minN: { min: 10, max: 100 },
} as const satisfies Record<keyof EquityRules, { min: number; max: number }>;

export interface DistrictEquityRules extends EquityRules {
  /** Subgroup keys whose rows are not shown; their students stay among "all other students". */
  hiddenSubgroups: readonly string[];
}

export const DEFAULT_DISTRICT_EQUITY_RULES: DistrictEquityRules = { ...DEFAULT_EQUITY_RULES, hiddenSubgroups: [] };

/** Why a set of rules cannot be saved, field by field (empty: it can). */
export function equityRuleProblems(r: EquityRules): Partial<Record<keyof EquityRules, string>> {
  const out: Partial<Record<keyof EquityRules, string>> = {};
  const { threshold, minCell, minN } = EQUITY_RULE_BOUNDS;
  if (!(r.threshold >= threshold.min && r.threshold <= threshold.max) || Math.round(r.threshold * 10) !== r.threshold * 10) {
    out.threshold = `Enter a ratio from ${threshold.min.toFixed(1)} to ${threshold.max.toFixed(1)}, with at most one decimal (such as 2.5).`;
  }
  if (!Number.isInteger(r.minCell) || r.minCell < minCell.min || r.minCell > minCell.max) out.minCell = `Enter a whole number from ${minCell.min} to ${minCell.max}.`;
  if (!Number.isInteger(r.minN) || r.minN < minN.min || r.minN > minN.max) out.minN = `Enter a whole number from ${minN.min} to ${minN.max}.`;
  else if (!out.minCell && r.minN < r.minCell) out.minN = "The n-size cannot be smaller than the minimum cell size.";
  return out;
}
