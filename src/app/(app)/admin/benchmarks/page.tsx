import type { Metadata } from "next";
import { SubmitButton } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { FilterNotice } from "@/components/ui/filter-notice";
import { Section } from "@/components/ui/section";
import { SEASON_LABEL, SEASON_MONTHS, SEASONS, type BenchmarkCell } from "@/domain/benchmarks";
import type { Measure } from "@/domain/measures";
import { getContext } from "@/server/auth/session";
import { getBenchmarksPage } from "@/server/benchmarks/queries";
import { readQuery, type SearchParams } from "@/server/search-params";
import { z } from "zod";
import { BenchmarkGrid } from "./benchmark-grid";
import { UploadForm } from "./upload-form";

export const metadata: Metadata = { title: "Benchmarks" };

const MONTH = new Intl.DateTimeFormat("en-US", { month: "long", timeZone: "UTC" });
const monthName = (m: number) => MONTH.format(new Date(Date.UTC(2000, m - 1, 1)));
const SEASON_WINDOWS = SEASONS.map((s) => `${SEASON_LABEL[s].toLowerCase()} ${monthName(SEASON_MONTHS[s][0]!)} to ${monthName(SEASON_MONTHS[s].at(-1)!)}`).join(", ");

function scaleOf(m: Measure) {
  const range = m.min !== undefined && m.max !== undefined ? `from ${m.min} to ${m.max}` : m.min !== undefined ? `${m.min} or more` : m.max !== undefined ? `up to ${m.max}` : "any value";
  return `${m.unit}, ${range}; ${m.direction === "higher" ? "higher" : "lower"} scores are better, so the risk cut is ${m.direction === "higher" ? "below" : "above"} the benchmark.`;
}

export default async function BenchmarksPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const ctx = await getContext();
  // ?measure= that is not an id at all is reported and the default measure shown; a well-formed id
  // that is not one of the district's current measures names a record, and stays not found (logged).
  const { values, notUnderstood } = readQuery({ measure: z.uuid().optional() }, await searchParams);
  const { measures, chosen } = await getBenchmarksPage(ctx, values.measure);
  const cells: Record<string, BenchmarkCell> = Object.fromEntries(chosen?.rows.map((r) => [`${r.grade}-${r.season}`, r]) ?? []);
  return (
    <>
      <h1 className="mb-1 text-2xl font-semibold">Benchmarks</h1>
      <p className="mb-4 max-w-3xl text-slate-700">
        The scores {ctx.districtName} expects per grade and screening season. A score at or beyond the benchmark is at benchmark; beyond the risk cut it is well below
        benchmark. Progress graphs compare a student with the benchmark of the season a probe falls in: {SEASON_WINDOWS}.
      </p>

      <FilterNotice notUnderstood={notUnderstood} showing="the default measure" />
      <div className="mb-6 rounded-lg border border-slate-300 bg-white p-4">
        {measures.length ? (
          <form method="get" action="/admin/benchmarks" className="flex flex-wrap items-end gap-4">
            <div className="min-w-72">
              <SelectField label="Measure" name="measure" options={measures.map((m) => ({ value: m.id, label: m.name }))} defaultValue={chosen?.id} />
            </div>
            <div className="mb-4">
              <SubmitButton>Show benchmarks</SubmitButton>
            </div>
          </form>
        ) : (
          <p>The district has no measures yet.</p>
        )}
      </div>

      {chosen ? (
        <Section id="table-heading" title={chosen.measure.name}>
          <p className="mb-3 text-sm text-slate-700">{scaleOf(chosen.measure)} Leave a cell blank for no benchmark; clearing one and saving removes it.</p>
          <BenchmarkGrid measure={{ id: chosen.id, name: chosen.measure.name }} cells={cells} version={chosen.version} />
          <p className="mt-4">
            <a href={`/admin/benchmarks/export?measure=${chosen.id}`} className="text-blue-800 underline">
              Download this table as a CSV file
            </a>
          </p>
        </Section>
      ) : null}

      <Section id="upload-heading" title="Upload benchmarks">
        <UploadForm />
      </Section>
    </>
  );
}
