/**
 * The district's decision-rule settings (issue 6: "The thresholds (points for
 * the four-point rule, minimum points for a trend, trend method) are district
 * settings"). Mirrors model DistrictSettings in prisma/schema.prisma; the
 * defaults here are that model's column defaults, so a district without a
 * settings row gets the same rules as one with the defaults saved.
 */

/** How the trend line is fitted: ordinary least squares over dates, or Tukey's three-group median method. */
export type TrendMethod = "OLS" | "TUKEY";

export interface ProgressSettings {
  /** How many most recent consecutive points the four-point rule judges (4 in the published rule). */
  fourPointRulePoints: number;
  /** Fewest points since the baseline before the trend rule may decide (the published rule says 6 to 8). */
  trendMinPoints: number;
  trendMethod: TrendMethod;
  /** Delivered minutes as a percentage of planned minutes below which non-response cannot be judged. */
  dosageThreshold: number;
  /** Fidelity percentage below which non-response cannot be judged. */
  fidelityThreshold: number;
}

export const DEFAULT_PROGRESS_SETTINGS: Readonly<ProgressSettings> = Object.freeze({
  fourPointRulePoints: 4,
  trendMinPoints: 6,
  trendMethod: "OLS",
  dosageThreshold: 80,
  fidelityThreshold: 80,
});
