"use client";
import { useActionState } from "react";
import { useResultKey } from "@/components/students/use-result-key";
import { errorsFor, valueOf, type ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { DataTable, Tr } from "@/components/ui/table";
import { SEASON_LABEL, SEASONS, type BenchmarkCell, type Season } from "@/domain/benchmarks";
import { saveBenchmarks } from "@/server/benchmarks/actions";
import { cellField, cellLabel, type BenchmarkPart } from "@/server/benchmarks/schemas";
import { GRADE_LABEL, GRADE_LEVELS, type GradeLevel } from "@/server/students/schemas";

const COLUMNS = ["Grade", ...SEASONS.flatMap((s) => [`${SEASON_LABEL[s]} benchmark`, `${SEASON_LABEL[s]} risk cut`])];

interface Props {
  measure: { id: string; name: string };
  /** The saved cells by "G3-WINTER". */
  cells: Readonly<Record<string, BenchmarkCell>>;
  version: string;
}

/** One measure's benchmarks as a grid of inputs, saved as a whole: a blank cell is cleared. */
export function BenchmarkGrid({ measure, cells, version }: Props) {
  const [state, action] = useActionState<ActionState, FormData>(saveBenchmarks, null);
  const key = useResultKey(state);
  const problems = Object.entries((state && !state.ok && state.error.fieldErrors) || {}).filter(([field]) => field !== "_form");

  const input = (part: BenchmarkPart, grade: GradeLevel, season: Season) => {
    const name = cellField(part, grade, season);
    const saved = cells[`${grade}-${season}`]?.[part];
    const invalid = Boolean(errorsFor(state, name)?.length);
    return (
      <td className="p-1">
        <label htmlFor={name} className="sr-only">
          {cellLabel(part, grade, season)}
        </label>
        <input
          id={name}
          name={name}
          inputMode="decimal"
          autoComplete="off"
          defaultValue={valueOf(state, name) ?? (saved == null ? "" : String(saved))}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? `${name}-error` : undefined}
          className="w-20 rounded-md border border-slate-500 bg-white px-2 py-1 text-right text-slate-900 aria-[invalid=true]:border-2 aria-[invalid=true]:border-red-700"
        />
      </td>
    );
  };

  return (
    // A new version (an upload, another administrator) remounts the grid with the table as it now is.
    <form action={action} key={`${measure.id}/${version}/${key}`} noValidate>
      <FormMessage state={state} />
      {problems.length ? (
        <ul className="mb-4 list-disc pl-6 text-red-800">
          {problems.map(([field, messages]) => (
            <li key={field} id={`${field}-error`}>
              <a href={`#${field}`} className="underline">
                {messages.join(" ")}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      <input type="hidden" name="unverifiedMeasureId" value={measure.id} />
      <input type="hidden" name="version" value={version} />
      <DataTable caption={`${measure.name}: benchmark and risk cut by grade and season`} columns={COLUMNS} className="text-sm">
        {GRADE_LEVELS.map((grade) => (
          <Tr key={grade}>
            <th scope="row" className="p-2 font-medium whitespace-nowrap">
              {GRADE_LABEL[grade]}
            </th>
            {SEASONS.map((season) => [input("benchmark", grade, season), input("riskCut", grade, season)])}
          </Tr>
        ))}
      </DataTable>
      <div className="mt-4">
        <SubmitButton>Save benchmarks</SubmitButton>
      </div>
    </form>
  );
}
