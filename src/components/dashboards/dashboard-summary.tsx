import Link from "next/link";
import type { FiguresAge } from "@/server/dashboards/run";
import { SEASON_LABEL } from "@/domain/benchmarks";
import { percentText } from "@/domain/dashboards";
import type { Outcome } from "@/server/dashboards/equity";
import { OUTCOME_LABEL } from "@/server/dashboards/equity";
import { SUBGROUP_LABEL, type Subgroup } from "@/server/dashboards/filters";
import type { DashboardSummary } from "@/server/dashboards/summary";
import { AREA_LABEL } from "@/server/tiers/schemas";
import { Freshness } from "./chart-panel";

export const DASHBOARDS = [
  { href: "/dashboards/health", title: "MTSS health", what: "Students per tier per area against 80/15/5, screening results per window and the movement between windows, Tier 2/3 students with no active plan." },
  { href: "/dashboards/behavior", title: "Behaviour", what: "Incidents per 100 students per school day per month against the year before, the big five, and the check-in/check-out students meeting their daily goal." },
  { href: "/dashboards/compliance", title: "Compliance", what: "IEP and 504 annual reviews, re-evaluations and referral evaluation deadlines, overdue and due soon, per school." },
  { href: "/dashboards/equity", title: "Equity", what: "Risk and risk ratio of each subgroup for Tier 3 placement, referral for evaluation, identification and major incidents, with small groups suppressed." },
  {
    href: "/dashboards/effectiveness",
    title: "Intervention effectiveness",
    what: "Per intervention and school: plans, students, goals met or on track by the decision rules and median ROI against goal ROI, split by delivery at or above the dosage and fidelity thresholds.",
  },
  { href: "/dashboards/delivery", title: "Delivery", what: "Planned against delivered minutes per school and month, plans with no session for two weeks, and probes overdue." },
] as const;

/** The dashboards the summary has no headline card for: the administrator's home links to them by name. */
export const LINKED_DASHBOARDS = DASHBOARDS.filter((d) => d.href !== "/dashboards/health" && d.href !== "/dashboards/equity");

/** Each dashboard's headline with a link into it (the dashboards' index and the administrator's home). */
export function DashboardSummaryView({ summary: s, age, headingLevel = 2 }: { summary: DashboardSummary; age: FiguresAge; headingLevel?: 2 | 3 }) {
  const H = headingLevel === 2 ? "h2" : "h3";
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <section aria-labelledby="summary-health" className="rounded-lg border border-slate-300 bg-white p-4">
        <H id="summary-health" className="mb-2 text-lg font-semibold">
          <Link href="/dashboards/health" className="text-blue-800 underline">
            MTSS health
          </Link>
        </H>
        {s.tiers.length ? (
          <ul className="mb-2 list-disc pl-5">
            {s.tiers.map((a) => (
              <li key={a.area}>
                {AREA_LABEL[a.area]}: {percentText(a.distribution.shares.TIER_1)} at Tier 1, {percentText(a.distribution.shares.TIER_2)} at Tier 2, {percentText(a.distribution.shares.TIER_3)} at Tier 3
                {a.withoutPlan ? `; ${a.withoutPlan} at Tier 2/3 with no active plan` : ""}
              </li>
            ))}
          </ul>
        ) : (
          <p className="mb-2 text-slate-700">No Tier 2 or 3 decisions this school year.</p>
        )}
        {s.latestWindow.length ? (
          <p className="mb-2">
            {SEASON_LABEL[s.latestWindow[0]!.season]} screening:{" "}
            {s.latestWindow.map((w) => `${AREA_LABEL[w.area]} ${percentText(w.shares.shares.AT_BENCHMARK)} at or above benchmark`).join(", ")}.
          </p>
        ) : null}
      </section>
      <section aria-labelledby="summary-equity" className="rounded-lg border border-slate-300 bg-white p-4">
        <H id="summary-equity" className="mb-2 text-lg font-semibold">
          <Link href="/dashboards/equity" className="text-blue-800 underline">
            Equity
          </Link>
        </H>
        {s.flagged.length ? (
          <>
            <p className="mb-1">Risk ratios at or above {s.threshold.toFixed(1)}:</p>
            <ul className="mb-2 list-disc pl-5">
              {s.flagged.map((f) => (
                <li key={`${f.outcome}-${f.subgroup}`}>
                  {SUBGROUP_LABEL[f.subgroup as Subgroup]}, {OUTCOME_LABEL[f.outcome as Outcome].toLowerCase()}: {f.ratio.toFixed(2)}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="mb-2">No subgroup&apos;s risk ratio is at or above {s.threshold.toFixed(1)} this school year.</p>
        )}
      </section>
      <section aria-labelledby="summary-behavior" className="rounded-lg border border-slate-300 bg-white p-4">
        <H id="summary-behavior" className="mb-2 text-lg font-semibold">
          <Link href="/dashboards/behavior" className="text-blue-800 underline">
            Behaviour
          </Link>
        </H>
        {s.behavior.year.rate !== null ? (
          <p className="mb-2">
            {s.behavior.year.rate.toFixed(2)} incidents per 100 students per school day
            {s.behavior.previousYear.rate !== null ? `, against ${s.behavior.previousYear.rate.toFixed(2)} in the same months of the year before` : ""}.
          </p>
        ) : (
          <p className="mb-2 text-slate-700">No incidents recorded this school year.</p>
        )}
        {s.behavior.cico.year.students ? (
          <p className="mb-2">
            Check-in/check-out: {s.behavior.cico.year.meeting} of {s.behavior.cico.year.students} students meeting their daily goal ({percentText(s.behavior.cico.year.share)}).
          </p>
        ) : null}
      </section>
      <section aria-labelledby="summary-compliance" className="rounded-lg border border-slate-300 bg-white p-4">
        <H id="summary-compliance" className="mb-2 text-lg font-semibold">
          <Link href="/dashboards/compliance" className="text-blue-800 underline">
            Compliance
          </Link>
        </H>
        <p className="mb-2">
          {s.compliance.overdue ? <strong className="text-red-800">{s.compliance.overdue} overdue</strong> : "Nothing overdue"}; {s.compliance.within30} due within 30 days (IEP/504 reviews,
          re-evaluations and referral evaluations).
        </p>
      </section>
      <div className="md:col-span-2">
        <Freshness age={age} />
      </div>
    </div>
  );
}
