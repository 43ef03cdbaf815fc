import Link from "next/link";
import type { FiguresAge } from "@/server/dashboards/run";
import { ShareBarChart, type ShareBar, type ShareSeries } from "@/components/charts/share-bar-chart";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { SEASON_LABEL } from "@/domain/benchmarks";
import { NEXT_LEVELS, percentText, TIER_REFERENCE, TIERS, type TierDistribution } from "@/domain/dashboards";
import { RISK_LABEL, RISK_LEVELS, schoolYearLabel } from "@/domain/screening";
import type { HealthTable } from "@/server/dashboards/csv";
import { filterQuery, type Filters } from "@/server/dashboards/filters";
import { tiersBySchool, type Health, type SchoolTiers } from "@/server/dashboards/health";
import { GRADE_LABEL } from "@/server/students/schemas";
import { AREA_LABEL, INTERVENTION_AREAS, TIER_LABEL } from "@/server/tiers/schemas";
import { ChartPanel } from "./chart-panel";

const TIER_SERIES: ShareSeries[] = [
  { key: "TIER_1", label: "Tier 1", color: "#15803d" },
  { key: "TIER_2", label: "Tier 2", color: "#b45309" },
  { key: "TIER_3", label: "Tier 3", color: "#991b1b" },
];
const RISK_SERIES: ShareSeries[] = [
  { key: "AT_BENCHMARK", label: RISK_LABEL.AT_BENCHMARK, color: "#15803d" },
  { key: "SOME_RISK", label: RISK_LABEL.SOME_RISK, color: "#b45309" },
  { key: "HIGH_RISK", label: RISK_LABEL.HIGH_RISK, color: "#991b1b" },
];
const pct = (share: number | null) => (share === null ? 0 : Math.round(share * 1000) / 10);
const tierBar = (label: string, d: Pick<TierDistribution, "shares">): ShareBar => ({ label, ...Object.fromEntries(TIERS.map((t) => [t, pct(d.shares[t])])) });
const gapText = (gap: number | null) => (gap === null ? "" : ` (${gap > 0 ? "+" : ""}${gap} points)`);

export function HealthView({ health: h, filters, age, bySchool }: { health: Health; filters: Filters; age: FiguresAge; bySchool: boolean }) {
  const csv = (table: HealthTable) => `/dashboards/health/export?${filterQuery({ table, ...filters } as Partial<Filters> & { table: string })}`;
  const year = schoolYearLabel(filters.year);
  // The district view (no school chosen among several: bySchool) lists one row per school: every school x grade x area cell of a
  // large district is about 1,500 rows nobody reads on a page (issue 18). A school's view lists its grades; the CSV keeps every cell.
  const perSchool = bySchool ? tiersBySchool(h.cells) : null;
  const tierSummary = h.areas.length
    ? `Students per tier per area against the 80/15/5 reference: ${h.areas.map((a) => `${AREA_LABEL[a.area]} ${TIERS.map((t) => percentText(a.distribution.shares[t])).join(" / ")}`).join("; ")}.`
    : "No tier decisions to show.";
  const windowSummary = h.windows.length
    ? `Screening results: ${h.windows.map((w) => `${SEASON_LABEL[w.season]} ${AREA_LABEL[w.area]}: ${percentText(w.shares.shares.AT_BENCHMARK)} at or above benchmark, ${percentText(w.shares.shares.HIGH_RISK)} high risk`).join("; ")}.`
    : "";
  return (
    <>
      <ChartPanel
        id="tiers"
        title="Students per tier per area"
        age={age}
        csvHref={csv("tiers")}
        intro={
          <p>
            Tiers in force on {h.asOf}. A healthy system has about 80% of students at Tier 1, 15% at Tier 2 and 5% at Tier 3; a student with no decision in an area is at
            Tier 1 there. Areas with no Tier 2 or 3 decision are left out.
          </p>
        }
        chart={h.areas.length ? <ShareBarChart summary={tierSummary} series={TIER_SERIES} bars={[tierBar("Reference", { shares: TIER_REFERENCE }), ...h.areas.map((a) => tierBar(AREA_LABEL[a.area], a.distribution))]} /> : undefined}
        table={
          h.areas.length ? (
            <DataTable
              className="text-sm"
              caption="Students per tier per area"
              columns={["Area", { label: "Students", numeric: true }, ...TIERS.map((t) => ({ label: TIER_LABEL[t], numeric: true })), { label: "Tier 2/3 with no active plan", numeric: true }]}
            >
              {h.areas.map((a) => (
                <Tr key={a.area}>
                  <th scope="row" className="p-2 text-left font-normal">
                    {AREA_LABEL[a.area]}
                    {a.distribution.coreConcern ? <span className="block text-xs text-red-800">Fewer than 80% at Tier 1: look at core instruction</span> : null}
                  </th>
                  <Td numeric>{a.distribution.total}</Td>
                  {TIERS.map((t) => (
                    <Td numeric key={t}>
                      {a.distribution.counts[t]} ({percentText(a.distribution.shares[t])}
                      <span className="sr-only">{gapText(a.distribution.gap[t])} against the reference</span>)
                    </Td>
                  ))}
                  <Td numeric>
                    {a.withoutPlan === null ? "—" : a.withoutPlan ? <Link href="/students?flag=noPlan" className="text-blue-800 underline">{a.withoutPlan}<span className="sr-only"> students with no active plan in {AREA_LABEL[a.area]}</span></Link> : 0}
                  </Td>
                </Tr>
              ))}
            </DataTable>
          ) : (
            <p className="text-slate-700">No Tier 2 or Tier 3 decision is in force in {year} for these students.</p>
          )
        }
      />
      <ChartPanel
        id="tiers-by-school"
        title="Tiers by school and grade"
        age={age}
        csvHref={csv("tiers-by-school")}
        intro={
          perSchool ? (
            <p>
              One row per school, its grades together. Choose a school to see its grades; the CSV download has every school, grade and area.
            </p>
          ) : undefined
        }
        table={
          !h.cells.length ? (
            <p className="text-slate-700">No students to show.</p>
          ) : perSchool ? (
            <SchoolTiersTable schools={perSchool} href={(schoolId) => `/dashboards/health?${filterQuery({ ...filters, school: schoolId })}#tiers-by-school`} />
          ) : (
            <DataTable
              className="text-sm"
              caption="Tiers by school and grade"
              columns={["School", "Grade", "Area", { label: "Students", numeric: true }, ...TIERS.map((t) => ({ label: TIER_LABEL[t], numeric: true })), { label: "No active plan", numeric: true }]}
            >
              {h.cells.map((c) => (
                <Tr key={`${c.schoolId}-${c.grade}-${c.area}`}>
                  <Td>{c.schoolName}</Td>
                  <Td>{GRADE_LABEL[c.grade]}</Td>
                  <Td>{AREA_LABEL[c.area]}</Td>
                  <Td numeric>{c.distribution.total}</Td>
                  {TIERS.map((t) => (
                    <Td numeric key={t}>
                      {percentText(c.distribution.shares[t])}
                    </Td>
                  ))}
                  <Td numeric>{c.withoutPlan ?? "—"}</Td>
                </Tr>
              ))}
            </DataTable>
          )
        }
      />
      <ChartPanel
        id="screening"
        title="Screening results per window"
        age={age}
        csvHref={csv("screening")}
        intro={<p>Each screened student once per area and window, at the most serious level of the area&apos;s measures (as the screening suggestions read it).</p>}
        chart={
          h.windows.length ? (
            <ShareBarChart
              summary={windowSummary}
              series={RISK_SERIES}
              bars={h.windows.map((w) => ({ label: `${SEASON_LABEL[w.season]} ${AREA_LABEL[w.area]}`, ...Object.fromEntries(RISK_LEVELS.map((l) => [l, pct(w.shares.shares[l])])) }))}
            />
          ) : undefined
        }
        table={
          h.windows.length ? (
            <DataTable className="text-sm" caption="Screening results per window" columns={["Window", "Area", { label: "Screened", numeric: true }, ...RISK_LEVELS.map((l) => ({ label: RISK_LABEL[l], numeric: true }))]}>
              {h.windows.map((w) => (
                <Tr key={`${w.season}-${w.area}`}>
                  <Td>{SEASON_LABEL[w.season]}</Td>
                  <Td>{AREA_LABEL[w.area]}</Td>
                  <Td numeric>{w.shares.screened}</Td>
                  {RISK_LEVELS.map((l) => (
                    <Td numeric key={l}>
                      {w.shares.counts[l]} ({percentText(w.shares.shares[l])})
                    </Td>
                  ))}
                </Tr>
              ))}
            </DataTable>
          ) : (
            <p className="text-slate-700">No screening scores with a benchmark in {year} for these students.</p>
          )
        }
      />
      <ChartPanel
        id="movement"
        title="Movement between windows"
        age={age}
        csvHref={csv("movement")}
        intro={<p>Where the students of each level in one window stand in the next.</p>}
        table={
          h.movements.length ? (
            <DataTable
              className="text-sm"
              caption="Movement between windows"
              columns={["From", "Level then", { label: "Students", numeric: true }, ...NEXT_LEVELS.map((l) => ({ label: l === "NOT_SCREENED" ? "Not screened" : RISK_LABEL[l], numeric: true })), { label: "Improved", numeric: true }]}
            >
              {h.movements.flatMap((m) =>
                m.rows
                  .filter((r) => r.total > 0)
                  .map((r) => (
                    <Tr key={`${m.from}-${m.area}-${r.from}`}>
                      <Td>
                        {SEASON_LABEL[m.from]} to {SEASON_LABEL[m.to]}, {AREA_LABEL[m.area]}
                      </Td>
                      <Td>{RISK_LABEL[r.from]}</Td>
                      <Td numeric>{r.total}</Td>
                      {NEXT_LEVELS.map((l) => (
                        <Td numeric key={l}>
                          {r.to[l]}
                        </Td>
                      ))}
                      <Td numeric>{percentText(r.improved)}</Td>
                    </Tr>
                  )),
              )}
            </DataTable>
          ) : (
            <p className="text-slate-700">No student was screened in two windows of {year} in these filters.</p>
          )
        }
      />
    </>
  );
}

/**
 * The district view's tiers per school: the school (a link to its grades),
 * its students, and per area the Tier 1 / 2 / 3 shares and the Tier 2/3
 * students with no active plan. A server component: the rows are only read.
 */
function SchoolTiersTable({ schools, href }: { schools: SchoolTiers[]; href: (schoolId: string) => string }) {
  const areas = INTERVENTION_AREAS.filter((area) => schools.some((s) => s.areas.some((a) => a.area === area)));
  return (
    <DataTable
      className="text-sm"
      caption="Tiers by school"
      columns={[
        "School",
        { label: "Students", numeric: true },
        ...areas.flatMap((area) => [
          { label: `${AREA_LABEL[area]}: Tier 1 / 2 / 3`, numeric: true },
          { label: `${AREA_LABEL[area]}: no active plan`, numeric: true },
        ]),
      ]}
    >
      {schools.map((s) => (
        <Tr key={s.schoolId}>
          <th scope="row" className="p-2 text-left font-normal">
            <Link href={href(s.schoolId)} className="text-blue-800 underline">
              {s.schoolName}
              <span className="sr-only">: tiers by grade</span>
            </Link>
          </th>
          <Td numeric>{s.students}</Td>
          {areas.map((area) => {
            const a = s.areas.find((x) => x.area === area);
            return [
              <Td numeric key={`${area}-tiers`} className={a?.distribution.coreConcern ? "whitespace-nowrap text-red-800" : "whitespace-nowrap"}>
                {a ? TIERS.map((t) => percentText(a.distribution.shares[t])).join(" / ") : "—"}
                {a?.distribution.coreConcern ? <span className="sr-only"> (fewer than 80% at Tier 1)</span> : null}
              </Td>,
              <Td numeric key={`${area}-plan`}>
                {a?.withoutPlan ?? "—"}
              </Td>,
            ];
          })}
        </Tr>
      ))}
    </DataTable>
  );
}
