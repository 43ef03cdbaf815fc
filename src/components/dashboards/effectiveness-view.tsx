import { GroupedBarChart, type BarSeries } from "@/components/charts/grouped-bar-chart";
import type { FiguresAge } from "@/server/dashboards/run";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { percentText } from "@/domain/dashboards";
import { DELIVERY_BAND_LABEL, EFFECT_VERDICT_LABEL, MIN_JUDGED_FOR_VERDICT, WORKING_SHARE, type EffectVerdict, type OutcomeFigures } from "@/domain/intervention-outcomes";
import { schoolYearLabel } from "@/domain/screening";
import type { EffectRow, Effectiveness } from "@/server/dashboards/effectiveness";
import { filterQuery, type Filters } from "@/server/dashboards/filters";
import { EFFECTIVENESS_TABLE_LABEL, type EffectivenessTable } from "@/server/dashboards/outcomes-csv";
import { AREA_LABEL } from "@/server/tiers/schemas";
import { ChartPanel } from "./chart-panel";

const SERIES: BarSeries[] = [
  { key: "at", label: DELIVERY_BAND_LABEL.at, color: "#15803d" },
  { key: "below", label: DELIVERY_BAND_LABEL.below, color: "#b45309" },
];
const VERDICT_CLASS: Record<EffectVerdict, string> = {
  works: "text-green-800",
  "does-not-work": "font-semibold text-red-800",
  "not-delivered": "font-semibold text-amber-900",
  "too-little-data": "text-slate-700",
};

/** "2 of 3 judged (67%)", with how many goals there were when some could not be judged. */
function Standing({ f }: { f: OutcomeFigures }) {
  if (f.goals === 0) return <>—</>;
  return (
    <>
      {f.judged ? `${f.metOrOnTrack} of ${f.judged} (${percentText(f.share)})` : "none judged"}
      {f.judged < f.goals ? <span className="block text-xs text-slate-700">of {f.goals} goals</span> : null}
    </>
  );
}

/** An intervention's (or its school's) figures: plans, students, goals on track as delivered and below, and the verdict. */
function OutcomeCells({ r }: { r: EffectRow }) {
  return (
    <>
      <Td numeric>{r.plans}</Td>
      <Td numeric>{r.students}</Td>
      <Td numeric>
        <Standing f={r.split.at} />
      </Td>
      <Td numeric>
        <Standing f={r.split.below} />
      </Td>
      <Td className={VERDICT_CLASS[r.verdict]}>{EFFECT_VERDICT_LABEL[r.verdict]}</Td>
    </>
  );
}

const roiText = (n: number | null, decimals: number) => (n === null ? "—" : n.toFixed(decimals));

function Growth({ f, decimals }: { f: OutcomeFigures; decimals: number }) {
  if (f.withRoi === 0) return <>—</>;
  return (
    <>
      {roiText(f.medianRoi, decimals)} vs {roiText(f.medianGoalRoi, decimals)}
      <span className="block text-xs text-slate-700">
        {f.withRoi} {f.withRoi === 1 ? "goal" : "goals"}
      </span>
    </>
  );
}

export function EffectivenessView({ data: e, filters, age }: { data: Effectiveness; filters: Filters; age: FiguresAge }) {
  const csv = (table: EffectivenessTable) => `/dashboards/effectiveness/export?${filterQuery({ table, ...filters } as Partial<Filters> & { table: string })}`;
  const year = schoolYearLabel(filters.year);
  const thresholds = `${e.thresholds.dosage}% of the planned minutes and ${e.thresholds.fidelity}% fidelity`;
  const empty = <p className="text-slate-700">No goal of a plan that ran in {year} for these students: no plan was approved for them, or the filters leave none.</p>;
  const summary = e.interventions.length
    ? `Share of goals met or on track per intervention, delivered at or above the thresholds and below: ${e.interventions
        .map((r) => `${r.name}: ${percentText(r.split.at.share)} and ${percentText(r.split.below.share)}`)
        .join("; ")}.`
    : "";
  return (
    <>
      <ChartPanel
        id="interventions"
        title={EFFECTIVENESS_TABLE_LABEL.interventions}
        age={age}
        csvHref={csv("interventions")}
        intro={
          <>
            <p>
              Each goal is judged by the decision rules as on its goal page, on {e.asOf}: goal met, on track, not on track, or too little data (too few points, or a
              change held back because the plan was not delivered). Shares are of the goals the rules could judge. Goals are split by the delivery the rules judged:
              the student&apos;s delivered minutes and fidelity since the baseline or the last plan change, against the district&apos;s thresholds ({thresholds}).
            </p>
            <p className="mt-1">
              &ldquo;{EFFECT_VERDICT_LABEL.works}&rdquo; or &ldquo;{EFFECT_VERDICT_LABEL["does-not-work"]}&rdquo; is read only from goals delivered as planned (at least{" "}
              {MIN_JUDGED_FOR_VERDICT} judged; working when {WORKING_SHARE * 100}% or more are met or on track); &ldquo;{EFFECT_VERDICT_LABEL["not-delivered"]}&rdquo; when most of
              its goals were delivered below the thresholds.
            </p>
          </>
        }
        chart={
          e.interventions.length ? (
            <GroupedBarChart
              layout="rows"
              percent
              summary={summary}
              series={SERIES}
              groups={e.interventions.map((r) => ({
                label: r.name,
                at: r.split.at.share === null ? null : Math.round(r.split.at.share * 1000) / 10,
                below: r.split.below.share === null ? null : Math.round(r.split.below.share * 1000) / 10,
              }))}
            />
          ) : undefined
        }
        table={
          e.interventions.length ? (
            <DataTable
              className="text-sm"
              caption={EFFECTIVENESS_TABLE_LABEL.interventions}
              columns={[
                "Intervention",
                { label: "Plans", numeric: true },
                { label: "Students", numeric: true },
                { label: "Met or on track, delivered as planned", numeric: true },
                { label: "Met or on track, delivered below", numeric: true },
                "Verdict",
              ]}
            >
              {e.interventions.map((r) => (
                <Tr key={`${r.interventionId}-${r.area}`}>
                  <th scope="row" className="p-2 text-left font-normal">
                    {r.name}
                    <span className="block text-xs text-slate-700">{AREA_LABEL[r.area]}</span>
                  </th>
                  <OutcomeCells r={r} />
                </Tr>
              ))}
            </DataTable>
          ) : (
            empty
          )
        }
      />
      <ChartPanel
        id="by-school"
        title={EFFECTIVENESS_TABLE_LABEL["by-school"]}
        age={age}
        csvHref={csv("by-school")}
        table={
          e.bySchool.length ? (
            <DataTable
              className="text-sm"
              caption={EFFECTIVENESS_TABLE_LABEL["by-school"]}
              columns={[
                "Intervention",
                "School",
                { label: "Plans", numeric: true },
                { label: "Students", numeric: true },
                { label: "Delivered as planned", numeric: true },
                { label: "Delivered below", numeric: true },
                "Verdict",
              ]}
            >
              {e.bySchool.map((r) => (
                <Tr key={`${r.interventionId}-${r.area}-${r.school?.id}`}>
                  <Td>{r.name}</Td>
                  <Td>{r.school?.name}</Td>
                  <OutcomeCells r={r} />
                </Tr>
              ))}
            </DataTable>
          ) : (
            empty
          )
        }
      />
      <ChartPanel
        id="growth"
        title={EFFECTIVENESS_TABLE_LABEL.growth}
        age={age}
        csvHref={csv("growth")}
        intro={
          <p>
            Per intervention and measure (ROIs of different measures are in different units): the median of the students&apos; rate of improvement per week since the
            baseline against the median goal ROI (the aimline&apos;s slope) of the same goals, for goals with a probe since the baseline. A median ROI below the goal&apos;s
            means most students are not growing fast enough to meet their goals.
          </p>
        }
        table={
          e.growth.length ? (
            <DataTable
              className="text-sm"
              caption={EFFECTIVENESS_TABLE_LABEL.growth}
              columns={[
                "Intervention",
                "Measure",
                { label: "ROI vs goal ROI, delivered as planned", numeric: true },
                { label: "Delivered below", numeric: true },
                { label: "All goals", numeric: true },
              ]}
            >
              {e.growth.map((g) => (
                <Tr key={`${g.interventionId}-${g.name}-${g.measure}`}>
                  <Td>{g.name}</Td>
                  <Td>
                    {g.measure}
                    <span className="block text-xs text-slate-700">{g.unit} per week</span>
                  </Td>
                  <Td numeric>
                    <Growth f={g.split.at} decimals={g.decimals} />
                  </Td>
                  <Td numeric>
                    <Growth f={g.split.below} decimals={g.decimals} />
                  </Td>
                  <Td numeric>
                    <Growth f={g.split.all} decimals={g.decimals} />
                  </Td>
                </Tr>
              ))}
            </DataTable>
          ) : (
            empty
          )
        }
      />
    </>
  );
}
