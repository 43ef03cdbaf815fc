import { buttonClass } from "@/components/ui/button-class";
import { SelectField } from "@/components/ui/field";
import type { FilterOptions, Filters } from "@/server/dashboards/filters";

export type FilterKey = "year" | "window" | "school" | "grade" | "area" | "subgroup";

const LABEL: Record<FilterKey, string> = { year: "School year", window: "Screening window", school: "School", grade: "Grade", area: "Area", subgroup: "Subgroup" };
const EVERY: Record<FilterKey, string | undefined> = {
  year: undefined,
  window: "Every window",
  school: "Every school",
  grade: "Every grade",
  area: "Every area",
  subgroup: "Every student",
};

/**
 * The dashboard's filters as a GET form (works without JavaScript; ids and
 * codes only in the URL). A coordinator with one school is offered just it.
 * Not printed: the page's heading says what the figures are of.
 */
export function DashboardFilters({ action, keys, options, filters }: { action: string; keys: readonly FilterKey[]; options: FilterOptions; filters?: Partial<Filters> }) {
  const optionsOf: Record<FilterKey, readonly { value: string; label: string }[]> = {
    year: options.years,
    window: options.windows,
    school: options.schools,
    grade: options.grades,
    area: options.areas,
    subgroup: options.subgroups,
  };
  return (
    <form method="get" action={action} className="mb-4 flex flex-wrap items-end gap-x-3 print:hidden" aria-label="Filters">
      {keys
        .filter((k) => k !== "school" || options.schools.length > 1)
        .map((k) => (
          <SelectField
            key={k}
            label={LABEL[k]}
            name={k}
            options={optionsOf[k]}
            placeholder={EVERY[k]}
            defaultValue={filters?.[k] === undefined ? (k === "year" ? options.years[0]?.value : "") : String(filters[k])}
          />
        ))}
      <button type="submit" className={`${buttonClass("secondary")} mb-4`}>
        Show
      </button>
    </form>
  );
}

/** Why no figures are shown: the refused filter's message (role alert, as every refused filter in the app). */
export function FilterRefused({ message, pending }: { message: string; pending?: { queuedAt: string } }) {
  if (pending) {
    // Not an error: the figures are being computed by a job (decision 052). A status, not an alert, and no
    // automatic reload (WCAG 2.2.1): the reader reloads when they choose.
    return (
      <div role="status" className="mb-4 rounded-md border border-slate-400 bg-slate-50 p-3 text-slate-900">
        <p className="font-medium">Figures are being computed</p>
        <p className="mt-1">{message}</p>
        <p className="mt-1 text-sm text-slate-700">Queued at {pending.queuedAt.slice(11, 16)} UTC.</p>
      </div>
    );
  }
  return (
    <p role="alert" className="mb-4 rounded-md border border-red-700 bg-red-50 p-3 font-medium text-red-800">
      {message}
    </p>
  );
}
