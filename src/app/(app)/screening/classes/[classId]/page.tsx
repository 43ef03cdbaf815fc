import type { Metadata } from "next";
import { ScreeningGridForm } from "@/components/screening/grid-form";
import { SelectField } from "@/components/ui/field";
import { buttonClass } from "@/components/ui/button-class";
import { windowLabel } from "@/components/screening/filters";
import { FilterNotice } from "@/components/ui/filter-notice";
import { BackLink } from "@/components/ui/page";
import { getContext } from "@/server/auth/session";
import { getClassScreeningGrid, SCREENING_FILTERS, windowName } from "@/server/screening/queries";
import { readQuery, type SearchParams } from "@/server/search-params";

export const metadata: Metadata = { title: "Enter screening scores for a class" };

const rangeOf = (m: { min?: number; max?: number }) =>
  m.min !== undefined && m.max !== undefined ? `${m.min} to ${m.max}` : m.min !== undefined ? `${m.min} or more` : m.max !== undefined ? `up to ${m.max}` : "any number";

export default async function ClassScreeningGridPage({ params, searchParams }: { params: Promise<{ classId: string }>; searchParams: Promise<SearchParams> }) {
  const ctx = await getContext();
  const { classId } = await params;
  const { values, notUnderstood } = readQuery({ window: SCREENING_FILTERS.window }, await searchParams);
  const g = await getClassScreeningGrid(ctx, classId, values);
  const { cls, window } = g;
  return (
    <>
      <BackLink href="/screening/classes">Classes</BackLink>
      <h1 className="mb-2 text-2xl font-semibold">Screening scores: {cls.title}</h1>
      <p className="mb-4 max-w-3xl text-slate-700">
        {cls.schoolName}. Each saved score shows its risk level from the district&apos;s benchmarks.
      </p>
      <FilterNotice notUnderstood={notUnderstood} showing="the class's scores" />
      {g.windows.length ? (
        <form method="get" className="mb-4 flex flex-wrap items-end gap-x-4">
          <div className="w-full sm:w-auto sm:min-w-64">
            <SelectField label="Screening window" name="window" options={[...g.windows].reverse().map((w) => ({ value: w.id, label: windowLabel(w) }))} defaultValue={window?.id} />
          </div>
          <button type="submit" className={`${buttonClass("secondary")} mb-4`}>
            Show
          </button>
        </form>
      ) : null}
      {!window ? (
        <p>The district has no screening windows yet; an administrator sets them under Screening windows.</p>
      ) : g.screeners.length === 0 ? (
        <p>The district has no screening measures yet; an administrator chooses them under Screening windows.</p>
      ) : g.rows.length === 0 ? (
        <p>No students are enrolled in this class now.</p>
      ) : (
        <>
          <h2 className="mb-2 text-lg font-semibold">
            {cls.title}: {windowName(window)}
          </h2>
          <ScreeningGridForm
            key={`${window.id}-${cls.id}`}
            windowId={window.id}
            target={{ classId: cls.id }}
            measures={g.screeners.map((s) => ({ id: s.id, name: s.name, unit: s.measure.unit, range: rangeOf(s.measure) }))}
            students={g.rows}
            caption={`Screening scores, ${cls.title}, ${windowName(window)}`}
          />
        </>
      )}
    </>
  );
}
