import type { Metadata } from "next";
import Link from "next/link";
import { ScreeningFilters } from "@/components/screening/filters";
import { FilterNotice } from "@/components/ui/filter-notice";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { Section } from "@/components/ui/section";
import { AREA_LABEL } from "@/server/tiers/schemas";
import { getContext } from "@/server/auth/session";
import { getScreeningOverview, SCREENING_FILTERS, windowName } from "@/server/screening/queries";
import { readQuery, type SearchParams } from "@/server/search-params";

export const metadata: Metadata = { title: "Screening" };

export default async function ScreeningPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const ctx = await getContext();
  const { values, notUnderstood } = readQuery(SCREENING_FILTERS, await searchParams);
  const o = await getScreeningOverview(ctx, values);
  const { window, school } = o.filters;
  const query = (extra: Record<string, string> = {}) => new URLSearchParams({ window: window?.id ?? "", school: school?.id ?? "", ...extra }).toString();
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">Universal screening</h1>
      <p className="mb-4 max-w-3xl text-slate-700">
        Every student is screened in the fall, winter and spring windows. Each score falls into a risk level by the district&apos;s benchmarks for the grade and season;
        after a window, the students whose risk level suggests a different tier are listed for a decision.
      </p>
      <FilterNotice notUnderstood={notUnderstood} showing="the screening summary" />
      <ScreeningFilters action="/screening" windows={o.filters.windows} window={window} schools={o.filters.schools} school={school} />
      {!window ? (
        <p>The district has no screening windows yet; an administrator sets them under Screening windows.</p>
      ) : !school ? (
        <p>You have no school to show.</p>
      ) : (
        <>
          <nav aria-label="Screening tasks" className="mb-6">
            <ul className="flex flex-wrap gap-x-6 gap-y-2">
              {o.canEnter ? (
                <>
                  <li>
                    <Link className="text-blue-800 underline" href={`/screening/grid?${query()}`}>
                      Enter scores by grade
                    </Link>
                  </li>
                  <li>
                    <Link className="text-blue-800 underline" href="/screening/classes">
                      Enter scores by class
                    </Link>
                  </li>
                  <li>
                    <Link className="text-blue-800 underline" href="/screening/upload">
                      Upload a file of scores
                    </Link>
                  </li>
                </>
              ) : null}
              {o.canDecide ? (
                <li>
                  <Link className="text-blue-800 underline" href={`/screening/suggestions?${query()}`}>
                    Tier suggestions
                  </Link>
                </li>
              ) : null}
              {o.canExport ? (
                <li>
                  <a className="text-blue-800 underline" href={`/screening/export?${query()}`}>
                    Download the scores (CSV)
                  </a>
                </li>
              ) : null}
            </ul>
          </nav>
          <Section id="summary-heading" title={`${school.name}: ${windowName(window)}`}>
            <p className="mb-3 text-slate-700">{o.students} students enrolled. Students screened per measure, by risk level:</p>
            {o.summaries.length ? (
              <DataTable
                caption={`Students by risk level, ${school.name}, ${windowName(window)}`}
                columns={["Measure", "Area", { label: "At or above benchmark", numeric: true }, { label: "Some risk", numeric: true }, { label: "High risk", numeric: true }, { label: "No benchmark", numeric: true }, { label: "Not screened", numeric: true }]}
              >
                {o.summaries.map(({ screener, counts }) => {
                  const screened = counts.AT_BENCHMARK + counts.SOME_RISK + counts.HIGH_RISK + counts.noBenchmark;
                  return (
                    <Tr key={screener.id}>
                      <th scope="row" className="p-2 text-left font-medium">
                        {screener.name}
                      </th>
                      <Td>{AREA_LABEL[screener.area]}</Td>
                      <Td numeric>{counts.AT_BENCHMARK}</Td>
                      <Td numeric>{counts.SOME_RISK}</Td>
                      <Td numeric>{counts.HIGH_RISK}</Td>
                      <Td numeric>{counts.noBenchmark}</Td>
                      <Td numeric>{Math.max(0, o.students - screened)}</Td>
                    </Tr>
                  );
                })}
              </DataTable>
            ) : (
              <p>The district has no screening measures yet.</p>
            )}
          </Section>
        </>
      )}
    </>
  );
}
