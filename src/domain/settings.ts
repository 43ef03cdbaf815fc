/**
 * A district's thresholds for the dosage and fidelity flags and for the
 * decision rules (DOMAIN.md, process steps 4 and 6). Pure data: the server
 * stores one row per district (DistrictSettings); no row means these defaults.
 */

export const TREND_METHODS = ["OLS", "TUKEY"] as const;
/** OLS: ordinary least squares over dates; TUKEY: Tukey's three-group median method. */
export type TrendMethod = (typeof TREND_METHODS)[number];

/**
 * Which rule decides when the four-point and trend rules both have their
 * points and disagree (decision 011). TREND_FIRST, the default: the trend
 * uses every point of the period, and the research on CBM decision rules
 * finds decisions from a few points the less dependable ones (Ardoin,
 * Christ, Morena, Cormier & Klingbeil 2013, a review of CBM-R decision
 * rules). FOUR_POINT_FIRST: the latest points, for a district that wants the
 * quickest reaction to a recent slide.
 */
export const RULE_PRECEDENCES = ["TREND_FIRST", "FOUR_POINT_FIRST"] as const;
export type RulePrecedence = (typeof RULE_PRECEDENCES)[number];

export interface DistrictSettings {
  /** Delivered minutes below this percentage of the planned minutes is a flag. */
  dosageThreshold: number;
  /** Plan components delivered below this percentage is a flag. */
  fidelityThreshold: number;
  /** Consecutive points above or below the aimline that fire the four-point rule. */
  fourPointRulePoints: number;
  /** Points needed before a trend is computed and compared with the aimline. */
  trendMinPoints: number;
  trendMethod: TrendMethod;
  /** Which rule decides when both can and they disagree. */
  rulePrecedence: RulePrecedence;
}

/** The published defaults: 80% dosage and fidelity, four points, a trend after six. */
export const DEFAULT_DISTRICT_SETTINGS: Readonly<DistrictSettings> = {
  dosageThreshold: 80,
  fidelityThreshold: 80,
  fourPointRulePoints: 4,
  trendMinPoints: 6,
  trendMethod: "OLS",
  rulePrecedence: "TREND_FIRST",
};

/**
 * What a district may choose. Below 50% a flag would not mean much; a
 * four-point rule on fewer than 3 points reacts to noise, and a trend on
 * fewer than 4 points is not one.
 */
export const SETTING_BOUNDS = {
  dosageThreshold: { min: 50, max: 100 },
  fidelityThreshold: { min: 50, max: 100 },
  fourPointRulePoints: { min: 3, max: 6 },
  trendMinPoints: { min: 4, max: 12 },
} as const satisfies Record<Exclude<keyof DistrictSettings, "trendMethod" | "rulePrecedence">, { min: number; max: number }>;
