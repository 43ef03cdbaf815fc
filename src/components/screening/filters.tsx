import { buttonClass } from "@/components/ui/button-class";
import { SelectField } from "@/components/ui/field";
import { SEASON_LABEL, type Season } from "@/domain/benchmarks";
import { schoolYearLabel } from "@/domain/screening";

export interface WindowOption {
  id: string;
  season: Season;
  schoolYear: number;
  startDate: string;
  endDate: string;
}

/** "Winter 2026-27 (2027-01-11 to 2027-01-29)". */
export const windowLabel = (w: WindowOption) => `${SEASON_LABEL[w.season]} ${schoolYearLabel(w.schoolYear)} (${w.startDate} to ${w.endDate})`;

/** The window and school a screening page shows, as a GET form (works without JavaScript); extra choices (a grade) come as children. */
export function ScreeningFilters({
  action,
  windows,
  window,
  schools,
  school,
  children,
}: {
  action: string;
  windows: readonly WindowOption[];
  window: WindowOption | null;
  schools: readonly { id: string; name: string }[];
  school: { id: string } | null;
  children?: React.ReactNode;
}) {
  return (
    <form method="get" action={action} className="mb-4 flex flex-wrap items-end gap-x-4">
      <div className="w-full sm:w-auto sm:min-w-64">
        <SelectField label="Screening window" name="window" options={[...windows].reverse().map((w) => ({ value: w.id, label: windowLabel(w) }))} defaultValue={window?.id} />
      </div>
      {schools.length > 1 ? (
        <div className="w-full sm:w-auto sm:min-w-56">
          <SelectField label="School" name="school" options={schools.map((s) => ({ value: s.id, label: s.name }))} defaultValue={school?.id} />
        </div>
      ) : null}
      {children}
      <button type="submit" className={`${buttonClass("secondary")} mb-4`}>
        Show
      </button>
    </form>
  );
}

/** A risk level as words (never colour alone), with a mark for scanning a column. */
export function RiskText({ level }: { level: "AT_BENCHMARK" | "SOME_RISK" | "HIGH_RISK" | null }) {
  if (!level) return <span className="text-slate-700">no benchmark</span>;
  const text = { AT_BENCHMARK: "at benchmark", SOME_RISK: "some risk", HIGH_RISK: "high risk" }[level];
  const cls = { AT_BENCHMARK: "text-green-900", SOME_RISK: "text-amber-900", HIGH_RISK: "font-semibold text-red-900" }[level];
  return <span className={cls}>{text}</span>;
}
