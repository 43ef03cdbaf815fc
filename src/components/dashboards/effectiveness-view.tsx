import Link from "next/link";
import { GroupedBarChart, type BarSeries } from "@/components/charts/grouped-bar-chart";
import type { FiguresAge } from "@/server/dashboards/run";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { percentText } from "@/domain/dashboards";
import { DELIVERY_BAND_LABEL, EFFECT_VERDICT_LABEL, MIN_JUDGED_FOR_VERDICT, WORKING_SHARE, type EffectVerdict, type OutcomeFigures } from "@/domain/intervention-outcomes";
import { schoolYearLabel } from "@/domain/screening";
import { interventionRowKey, verdictCountsOf, type EffectivenessRead, type EffectRow, type SchoolEffect, type VerdictCounts } from "@/server/dashboards/effectiveness";
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

/** The verdicts in the order a district acts on them: the problems first. */
const VERDICT_ORDER: readonly EffectVerdict[] = ["does-not-work", "not-delivered", "works", "too-little-data"];
const VERDICT_SHORT: Record<EffectVerdict, string> = {
  works: "working",
  "does-not-work": "not working, though delivered",
  "not-delivered": "not delivered as planned",
  "too-little-data": "too little data",
};

/** "2 not working, though delivered / 5 working", one line per verdict given, with the verdict's colour. */
function Verdicts({ counts }: { counts: VerdictCounts | undefined }) {
  const given = VERDICT_ORDER.filter((v) => (counts?.[v] ?? 0) > 0);
  if (!counts || given.length === 0) return <>—</>;
  return (
    <>
      {given.map((v) => (
        <span key={v} className={`block whitespace-nowrap ${VERDICT_CLASS[v]}`}>
          {counts[v]} {VERDICT_SHORT[v]}
        </span>
      ))}
    </>
  );
}

/** "40 of 52 (77%)": the goals delivered at or above both thresholds, of all the goals. */
function DeliveredShare({ s }: { s: SchoolEffect["split"] }) {
  if (s.all.goals === 0) return <>—</>;
  return <>{`${s.at.goals} of ${s.all.goals} (${percentText(s.at.goals / s.all.goals)})`}</>;
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

export function EffectivenessView({ data: e, filters, age, bySchool }: { data: EffectivenessRead; filters: Filters; age: FiguresAge; bySchool: boolean }) {
  const csv = (table: EffectivenessTable) => `/dashboards/effectiveness/export?${filterQuery({ table, ...filters } as Partial<Filters> & { table: string })}`;
  const year = schoolYearLabel(filters.year);
  const thresholds = `${e.thresholds.dosage}% of the planned minutes and ${e.thresholds.fidelity}% fidelity`;
  const empty = <p className="text-slate-700">No goal of a plan that ran in {year} for these students: no plan was approved for them, or the filters leave none.</p>;
  const summary = e.interventions.length
    ? `Share of goals met or on track per intervention, delivered at or above the thresholds and below: ${e.interventions
        .map((r) => `${r.name}: ${percentText(r.split.at.share)} and ${percentText(r.split.below.share)}`)
        .join("; ")}.`
    : "";
  // The district view (no school chosen among several: bySchool) lists one row per school, with how many of its
  // interventions got each verdict, instead of every intervention x school (about 1,000 rows at the scale district,
  // 222 KiB of page, issue 18); the per-intervention table says at how many schools each verdict was given. A school's
  // view lists its interventions; the CSV keeps every intervention and school. Figures kept before `schools` was
  // computed have none: the full table then, until the night's sweep computes them again.
  // The counts are kept with the figures (`verdicts`): the district view of kept figures does not read bySchool.
  const perSchool = bySchool && e.schools ? e.schools : null;
  const verdicts = perSchool ? verdictCountsOf(e) : null;
  const rows = e.bySchool ?? [];
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
                verdicts ? "Schools by verdict" : null,
              ]}
            >
              {e.interventions.map((r) => (
                <Tr key={`${r.interventionId}-${r.area}`}>
                  <th scope="row" className="p-2 text-left font-normal">
                    {r.name}
                    <span className="block text-xs text-slate-700">{AREA_LABEL[r.area]}</span>
                  </th>
                  <OutcomeCells r={r} />
                  {verdicts ? (
                    <Td>
                      <Verdicts counts={verdicts.perIntervention.get(interventionRowKey(r))} />
                    </Td>
                  ) : null}
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
        intro={
          perSchool ? (
            <p>
              One row per school, its interventions together; &ldquo;Interventions by verdict&rdquo; counts the school&apos;s interventions by the verdict each has
              there. Choose a school to see each of its interventions; the CSV download has every intervention and school.
            </p>
          ) : undefined
        }
        table={
          !(perSchool ?? rows).length ? (
            empty
          ) : perSchool && verdicts ? (
            <SchoolsTable
              schools={perSchool}
              verdicts={verdicts.perSchool}
              href={(schoolId) => `/dashboards/effectiveness?${filterQuery({ ...filters, school: schoolId })}#by-school`}
            />
          ) : (
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
              {rows.map((r) => (
                <Tr key={`${r.interventionId}-${r.area}-${r.school?.id}`}>
                  <Td>{r.name}</Td>
                  <Td>{r.school?.name}</Td>
                  <OutcomeCells r={r} />
                </Tr>
              ))}
            </DataTable>
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

/**
 * The district view's effectiveness per school: the school (a link to its
 * own view, each intervention there), its plans and students, the goals
 * delivered at or above the thresholds, the share met or on track as
 * delivered and below, and its interventions counted by verdict. A server
 * component: the rows are only read.
 */
function SchoolsTable({ schools, verdicts, href }: { schools: readonly SchoolEffect[]; verdicts: ReadonlyMap<string, VerdictCounts>; href: (schoolId: string) => string }) {
  return (
    <DataTable
      className="text-sm"
      caption="Goals met or on track per school"
      columns={[
        "School",
        { label: "Plans", numeric: true },
        { label: "Students", numeric: true },
        { label: "Goals delivered at or above the thresholds", numeric: true },
        { label: "Met or on track, delivered as planned", numeric: true },
        { label: "Met or on track, delivered below", numeric: true },
        "Interventions by verdict",
      ]}
    >
      {schools.map((s) => (
        <Tr key={s.school.id}>
          <th scope="row" className="p-2 text-left font-normal">
            <Link href={href(s.school.id)} className="text-blue-800 underline">
              {s.school.name}
              <span className="sr-only">: each intervention</span>
            </Link>
          </th>
          <Td numeric>{s.plans}</Td>
          <Td numeric>{s.students}</Td>
          <Td numeric>
            <DeliveredShare s={s.split} />
          </Td>
          <Td numeric>
            <Standing f={s.split.at} />
          </Td>
          <Td numeric>
            <Standing f={s.split.below} />
          </Td>
          <Td>
            <Verdicts counts={verdicts.get(s.school.id)} />
          </Td>
        </Tr>
      ))}
    </DataTable>
  );
}
