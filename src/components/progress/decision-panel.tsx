import type { ReactNode } from "react";
import { formatDay } from "@/components/students/format";
import { formatRate } from "@/domain/goals";
import { formatNumber, formatValue } from "@/domain/measures";
import { pointRuleName, TREND_RULE_NAME, type RecommendationKind } from "@/domain/progress";
import { aimlineText } from "@/domain/progress/graph";
import type { GoalGraphView } from "@/server/progress/graph";
import { SEASON_LABEL } from "@/domain/benchmarks";
import type { DistrictSettings } from "@/domain/settings";
import { GRADE_LABEL } from "@/server/students/schemas";

const RULE_LABEL = {
  "goal-met": "the goal-met check",
  trend: "the trend rule",
  "four-point": "the four-point rule",
  dosage: "the dosage and fidelity check",
  referral: "the referral check (changes already tried)",
  "data-sufficiency": "the data-sufficiency check",
} as const;

// Border colours by what the team should do (slate/blue palette, amber for a change): the words carry the meaning.
const KIND_STYLE: Record<RecommendationKind, string> = {
  continue: "border-blue-800",
  "raise-goal": "border-blue-800",
  "fade-or-exit": "border-blue-800",
  change: "border-amber-700",
  referral: "border-amber-700",
  insufficient: "border-slate-500",
};

function Part({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="border-t border-slate-200 pt-3">
      <h3 id={id} className="mb-1 font-semibold">
        {title}
      </h3>
      {children}
    </section>
  );
}

function Numbers({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 text-sm">
      {rows.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="text-slate-700">{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The district's precedence, as the sentence under the recommendation ends. */
const PRECEDENCE_WORDS: Record<DistrictSettings["rulePrecedence"], string> = {
  TREND_FIRST: "this district lets the trend rule decide once it has its points",
  FOUR_POINT_FIRST: "this district lets the four-point rule decide once it has its points",
};

const points = (n: number) => `${n} ${n === 1 ? "point" : "points"}`;

/** "The four-point rule: the latest 4 of 11 points", or what it still needs. */
function fourPointHeading(n: number, inPeriod: number): string {
  const name = `The ${pointRuleName(n)}`;
  return inPeriod >= n ? `${name}: the latest ${n} of ${points(inPeriod)}` : `${name}: needs ${points(n)}, ${inPeriod} so far`;
}

/** "The trend rule: least squares over 11 points (needs at least 6)", or what it still needs. */
function trendHeading(method: DistrictSettings["trendMethod"], minPoints: number, used: number | null, inPeriod: number): string {
  const how = method === "TUKEY" ? "Tukey's method" : "least squares";
  const name = `The ${TREND_RULE_NAME}`;
  if (used !== null) return `${name}: ${how} over ${points(used)} (needs at least ${minPoints})`;
  return inPeriod >= minPoints ? `${name}: no trend from ${points(inPeriod)} on one date` : `${name}: needs ${points(minPoints)}, ${inPeriod} so far`;
}

const percent = (p: number | undefined) => (p === undefined ? "not logged" : `${formatNumber(p, 1)}%`);

/**
 * Decision support beside the graph: the recommendation with its reason and
 * the rule that decided it, then every rule's data (four-point rule, trend,
 * ROI, gap, dosage and fidelity, probe schedule), all as the server computed them.
 */
export function DecisionPanel({ view }: { view: GoalGraphView }) {
  const { recommendation: rec, goal, settings } = view;
  const m = goal.measure;
  const fp = rec.fourPoint;
  const trend = rec.trend;
  return (
    <section aria-labelledby="decision-heading" className="rounded-lg border border-slate-300 bg-white p-4">
      <h2 id="decision-heading" className="mb-3 text-lg font-semibold">
        Decision support
      </h2>
      <div className={`mb-4 border-l-4 pl-3 ${KIND_STYLE[rec.kind]}`} data-testid="recommendation">
        <p className="text-sm text-slate-700">Recommendation</p>
        <p className="text-xl font-semibold">{rec.title}</p>
        <p className="mt-1">{rec.reason}</p>
        {rec.warning ? (
          <p role="note" className="mt-2 rounded-md border border-amber-700 bg-amber-50 p-2 font-medium text-amber-950">
            <span aria-hidden="true">⚠ </span>
            {rec.warning}
          </p>
        ) : null}
        {rec.overridden ? <p className="mt-2">{rec.overridden}</p> : null}
        <p className="mt-1 text-sm text-slate-700">
          Decided by {RULE_LABEL[rec.rule]}
          {rec.numbers.pointsUsed > 0 ? `, from ${rec.numbers.pointsUsed} ${rec.numbers.pointsUsed === 1 ? "point" : "points"}` : ""}
          {rec.basedOn && rec.rule !== rec.basedOn ? ` (after ${RULE_LABEL[rec.basedOn]})` : ""}. When the rules disagree, {PRECEDENCE_WORDS[settings.rulePrecedence]}.
        </p>
        {rec.notes.length ? (
          <ul className="mt-2 list-disc pl-5 text-sm text-slate-800">
            {rec.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        ) : null}
      </div>

      <div className="space-y-3">
        <Part id="rule-four-point" title={fourPointHeading(settings.fourPointRulePoints, rec.numbers.pointsInPeriod)}>
          <p>{fp.message}</p>
          {fp.sufficient ? (
            <ol className="mt-1 text-sm">
              {fp.points.map((p) => (
                <li key={`${p.date}-${p.score}`}>
                  {formatDay(p.date)}: {formatValue(m, p.score)} against the aimline {aimlineText(m, p.aimline)} ({p.side === "on" ? "on it" : p.side})
                </li>
              ))}
            </ol>
          ) : null}
        </Part>

        <Part id="rule-trend" title={trendHeading(settings.trendMethod, settings.trendMinPoints, trend.sufficient ? trend.available : null, rec.numbers.pointsInPeriod)}>
          <p>{trend.message}</p>
          {trend.sufficient ? (
            <Numbers
              rows={[
                ["Trend", formatRate(m, trend.trend.slopePerWeek)],
                ["Aimline", formatRate(m, trend.aimlineSlopePerWeek)],
                [`Projected on ${formatDay(trend.targetDate)}`, formatValue(m, trend.projectedValue)],
                ["Target", formatValue(m, trend.target)],
                ["Goal met by then?", trend.willMeetTarget ? "Yes, on this trend" : "No, not on this trend"],
              ]}
            />
          ) : null}
        </Part>

        <Part id="rule-roi" title="Rate of improvement since the baseline">
          <p>{rec.roi.message}</p>
        </Part>

        <Part id="rule-gap" title="Gap analysis">
          <p className="text-sm text-slate-700">
            {GRADE_LABEL[view.benchmarkKey.grade]}, {SEASON_LABEL[view.benchmarkKey.season].toLowerCase()} benchmark:{" "}
            {view.benchmark === null ? "none set for this measure" : `${formatValue(m, view.benchmark)} ${m.unit}`}
          </p>
          {rec.gap ? <p>{rec.gap.message}</p> : <p>Without a benchmark there is no gap to measure; an administrator can set one under Benchmarks.</p>}
        </Part>

        <Part id="rule-dosage" title="Dosage and fidelity">
          <p className="text-sm text-slate-700">
            From {formatDay(view.delivery.from)} to {formatDay(view.delivery.to)} (the period the rules judge)
          </p>
          <Numbers
            rows={[
              ["Minutes delivered", view.delivery.plannedMinutes === undefined ? "not logged" : `${formatNumber(view.delivery.deliveredMinutes ?? 0, 0)} of ${formatNumber(view.delivery.plannedMinutes, 0)} planned`],
              ["Dosage", `${percent(rec.delivery.dosagePercent)} (threshold ${rec.delivery.dosageThreshold}%)`],
              ["Fidelity", `${percent(rec.delivery.fidelityPercent)} (threshold ${rec.delivery.fidelityThreshold}%)`],
            ]}
          />
          <p className="mt-1">{rec.delivery.message}</p>
        </Part>

        <Part id="rule-schedule" title="Probe schedule">
          <p>
            {view.probeDue.message}
            {view.probeDue.overdue ? " A probe is overdue." : ""}
          </p>
        </Part>
      </div>
    </section>
  );
}
