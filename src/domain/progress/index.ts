/**
 * Progress-monitoring statistics and decision rules (issue 6 "Underneath";
 * DOMAIN.md steps 5-6), pure functions with no I/O. The server computes them
 * and the graph and the decision panel render the results as they are, so the
 * browser never recomputes a statistic. The district's thresholds and trend
 * method are DistrictSettings from src/domain/settings.ts.
 */

export { aimline, aimlineValueAt, type Aimline, type AimlineInput } from "./aimline";
export { dosageGate, type Delivery, type DosageGate } from "./dosage";
export { fourPointRule, type FourPointDecision, type FourPointResult, type FourPointRuleInput, type JudgedPoint } from "./four-point-rule";
export {
  CURRENT_SCORE_POINTS,
  currentScore,
  DEFAULT_REALISTIC_MULTIPLE,
  gapAnalysis,
  gapRatio,
  SIGNIFICANT_GAP_RATIO,
  type CurrentScore,
  type GapAnalysis,
  type GapAnalysisInput,
} from "./gap";
export {
  monitoringPeriod,
  ON_LINE_TOLERANCE,
  sideOf,
  snapTo,
  pointsOnDays,
  sortPoints,
  type DatedPoint,
  type MonitoringPeriod,
  type MonitoringPeriodInput,
  type ProgressPoint,
} from "./points";
export {
  DEFAULT_REFERRAL_AFTER_PHASES,
  recommend,
  type BenchmarkInput,
  type DecidingRule,
  type Recommendation,
  type RecommendationInput,
  type RecommendationKind,
  type RecommendationNumbers,
} from "./recommend";
export { roiSinceBaseline, type RoiSinceBaseline, type RoiSinceBaselineInput } from "./roi";
export { pointRuleName, TREND_RULE_NAME, type InsufficientData, type RuleOutcome } from "./sufficiency";
export { olsTrend, trendLine, trendValueAt, tukeyThirds, tukeyTrend, type OlsLine, type TrendLine, type TukeyLine, type TukeyThird } from "./trend";
export { trendRule, type TrendDecision, type TrendRuleInput, type TrendRuleResult } from "./trend-rule";
