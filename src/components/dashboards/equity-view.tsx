import { ShareBarChart } from "@/components/charts/share-bar-chart";
import type { FiguresAge } from "@/server/dashboards/run";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { NO_RATIO_TEXT, percentText, type RiskCell } from "@/domain/dashboards";
import { OUTCOME_LABEL, type Equity, type EquityOutcome } from "@/server/dashboards/equity";
import { filterQuery, SUBGROUP_LABEL, type Filters } from "@/server/dashboards/filters";
import { ChartPanel } from "./chart-panel";

const ratioText = (cell: RiskCell) => (cell.kind === "shown" && cell.ratio !== null ? cell.ratio.toFixed(2) : "—");

/** Risk per shown subgroup as bars (suppressed ones are not drawn: a bar would be a number). */
function riskBars(o: EquityOutcome) {
  const shown = o.rows.filter((r) => r.cell.kind === "shown");
  return shown.map((r) => ({ label: SUBGROUP_LABEL[r.subgroup], risk: r.cell.kind === "shown" ? Math.round(r.cell.risk * 1000) / 10 : 0, rest: r.cell.kind === "shown" ? Math.round((1 - r.cell.risk) * 1000) / 10 : 0 }));
}

function Cells({ cell }: { cell: RiskCell }) {
  if (cell.kind === "suppressed") {
    return (
      <>
        <Td numeric colSpan={5}>
          {cell.text}
          <span className="sr-only"> students: suppressed to protect their privacy</span>
        </Td>
      </>
    );
  }
  return (
    <>
      <Td numeric>{cell.total}</Td>
      <Td numeric>{cell.count}</Td>
      <Td numeric>{percentText(cell.risk, 1)}</Td>
      <Td numeric>{percentText(cell.comparisonRisk, 1)}</Td>
      <Td numeric className={cell.flagged ? "font-semibold text-red-800" : undefined}>
        {ratioText(cell)}
        {cell.flagged ? <span className="block text-xs">at or above the threshold</span> : null}
        {cell.noRatio ? <span className="block text-xs text-slate-700">{NO_RATIO_TEXT[cell.noRatio]}</span> : null}
      </Td>
    </>
  );
}

export function EquityView({ equity: e, filters, age }: { equity: Equity; filters: Filters; age: FiguresAge }) {
  const csvHref = `/dashboards/equity/export?${filterQuery(filters)}`;
  return (
    <>
      <p className="mb-4 max-w-3xl text-slate-700">
        For each outcome, the risk of each subgroup (the share of its students with the outcome) and its risk ratio: the subgroup&apos;s risk divided by the risk of all
        other students here. A ratio of {e.rules.threshold.toFixed(1)} or more is highlighted. A subgroup of fewer than {e.rules.minCell} students, or with 1 to {e.rules.minCell - 1}{" "}
        students with the outcome, shows only &ldquo;fewer than {e.rules.minCell}&rdquo;; a ratio needs at least {e.rules.minN} students on each side. Tier 3 placement is read
        on {e.asOf}; the other outcomes over the school year. {e.students} students in all. These rules are the district&apos;s (an administrator sets them in Settings).
        {e.hidden.length ? ` Not reported by the district: ${e.hidden.map((g) => SUBGROUP_LABEL[g]).join(", ")} (their students still count among all other students).` : ""}
      </p>
      {e.outcomes.map((o) => {
        const bars = riskBars(o);
        const flagged = o.rows.filter((r) => r.cell.kind === "shown" && r.cell.flagged).map((r) => SUBGROUP_LABEL[r.subgroup]);
        const summary = `${OUTCOME_LABEL[o.outcome]}: risk per subgroup. ${bars.map((b) => `${b.label} ${b.risk}%`).join(", ")}.${flagged.length ? ` At or above the threshold: ${flagged.join(", ")}.` : ""}`;
        return (
          <ChartPanel
            key={o.outcome}
            id={`outcome-${o.outcome}`}
            title={OUTCOME_LABEL[o.outcome]}
            age={age}
            csvHref={csvHref}
            chart={bars.length ? <ShareBarChart summary={summary} series={[{ key: "risk", label: "Risk (with the outcome)", color: "#991b1b" }, { key: "rest", label: "Without", color: "#64748b" }]} bars={bars} /> : undefined}
            table={
              <DataTable
                className="text-sm"
                caption={`${OUTCOME_LABEL[o.outcome]}: risk and risk ratio per subgroup`}
                columns={["Group", { label: "Students", numeric: true }, { label: "With the outcome", numeric: true }, { label: "Risk", numeric: true }, { label: "Risk of all others", numeric: true }, { label: "Risk ratio", numeric: true }]}
              >
                <Tr className="bg-slate-50">
                  <th scope="row" className="p-2 text-left font-semibold">
                    All students
                  </th>
                  {o.all.kind === "shown" ? (
                    <>
                      <Td numeric>{o.all.total}</Td>
                      <Td numeric>{o.all.count}</Td>
                      <Td numeric>{percentText(o.all.risk, 1)}</Td>
                      <Td numeric>—</Td>
                      <Td numeric>—</Td>
                    </>
                  ) : (
                    <Cells cell={o.all} />
                  )}
                </Tr>
                {o.rows.map((r) => (
                  <Tr key={r.subgroup}>
                    <th scope="row" className="p-2 text-left font-normal">
                      {SUBGROUP_LABEL[r.subgroup]}
                    </th>
                    <Cells cell={r.cell} />
                  </Tr>
                ))}
              </DataTable>
            }
          />
        );
      })}
    </>
  );
}
