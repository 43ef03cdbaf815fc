import type { Metadata } from "next";
import { Pagination } from "@/components/caseloads/pagination";
import { ScreeningFilters } from "@/components/screening/filters";
import { ScreeningGridForm } from "@/components/screening/grid-form";
import { FilterNotice } from "@/components/ui/filter-notice";
import { SelectField } from "@/components/ui/field";
import { BackLink } from "@/components/ui/page";
import { getContext } from "@/server/auth/session";
import { getScreeningGrid, SCREENING_FILTERS, windowName } from "@/server/screening/queries";
import { GRID_PAGE_SIZE } from "@/server/screening/schemas";
import { z } from "zod";
import { pageKey, readQuery, type SearchParams } from "@/server/search-params";
import { GRADE_LABEL, GRADE_LEVELS } from "@/server/students/schemas";

export const metadata: Metadata = { title: "Enter screening scores" };

const rangeOf = (m: { min?: number; max?: number }) =>
  m.min !== undefined && m.max !== undefined ? `${m.min} to ${m.max}` : m.min !== undefined ? `${m.min} or more` : m.max !== undefined ? `up to ${m.max}` : "any number";

export default async function ScreeningGridPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const ctx = await getContext();
  const query = readQuery({ ...SCREENING_FILTERS, grade: z.enum(GRADE_LEVELS).optional(), page: pageKey }, await searchParams);
  const { page } = query.values;
  const g = await getScreeningGrid(ctx, query.values);
  // A grade the school has no students in shows the school's first grade instead: said, not silent.
  const notUnderstood = query.values.grade && g.grade !== query.values.grade ? [...query.notUnderstood, "grade"] : query.notUnderstood;
  const { window, school } = g.filters;
  const pageCount = Math.max(1, Math.ceil(g.total / GRID_PAGE_SIZE));
  const hrefFor = (n: number) => `/screening/grid?${new URLSearchParams({ window: window?.id ?? "", school: school?.id ?? "", grade: g.grade ?? "", page: String(n) })}`;
  return (
    <>
      <BackLink href="/screening">Screening</BackLink>
      <h1 className="mb-2 text-2xl font-semibold">Enter screening scores</h1>
      <p className="mb-4 max-w-3xl text-slate-700">A school and grade at a time, one page of students after another. Each saved score shows its risk level from the district&apos;s benchmarks.</p>
      <FilterNotice notUnderstood={notUnderstood} showing="the scores" />
      <ScreeningFilters action="/screening/grid" windows={g.filters.windows} window={window} schools={g.filters.schools} school={school}>
        {g.grades.length ? (
          <div className="w-full sm:w-auto sm:min-w-40">
            <SelectField label="Grade" name="grade" options={g.grades.map((x) => ({ value: x, label: GRADE_LABEL[x] }))} defaultValue={g.grade} />
          </div>
        ) : null}
      </ScreeningFilters>
      {!window ? (
        <p>The district has no screening windows yet; an administrator sets them under Screening windows.</p>
      ) : g.screeners.length === 0 ? (
        <p>The district has no screening measures yet; an administrator chooses them under Screening windows.</p>
      ) : !school || !g.grade ? (
        <p>There are no students to show.</p>
      ) : (
        <>
          <h2 className="mb-2 text-lg font-semibold">
            {school.name}, {GRADE_LABEL[g.grade].toLowerCase()}: {windowName(window)}
          </h2>
          <p className="mb-2 text-sm text-slate-700">
            {g.total} students; page {page} of {pageCount}.
          </p>
          <ScreeningGridForm
            key={`${window.id}-${school.id}-${g.grade}-${page}`}
            windowId={window.id}
            target={{ schoolId: school.id, grade: g.grade }}
            measures={g.screeners.map((s) => ({ id: s.id, name: s.name, unit: s.measure.unit, range: rangeOf(s.measure) }))}
            students={g.rows}
            caption={`Screening scores, ${school.name}, ${GRADE_LABEL[g.grade].toLowerCase()}, ${windowName(window)}`}
          />
          <Pagination label="Pages of students" page={page} pageCount={pageCount} hrefFor={hrefFor} />
        </>
      )}
    </>
  );
}
