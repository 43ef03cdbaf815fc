"use client";
import { useActionState } from "react";
import { errorsFor, valueOf, type ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { saveClassScreeningScores, saveScreeningScores } from "@/server/screening/actions";
import { RiskText } from "./filters";
import { ScrollRegion } from "@/components/ui/scroll-region";

export interface GridMeasure {
  id: string;
  name: string;
  unit: string;
  range: string;
}

export interface GridStudent {
  id: string;
  name: string;
  localId: string;
  cells: { measureId: string; score: number | null; level: "AT_BENCHMARK" | "SOME_RISK" | "HIGH_RISK" | null; hasBenchmark: boolean }[];
}

const field = (part: "score" | "was", studentId: string, measureId: string) => `${part}:${studentId}:${measureId}`;

/**
 * The entry grid: a row per student, a number input per screening measure.
 * Tab moves along a row and on to the next student; the form posts without
 * JavaScript; a problem in any cell saves nothing and is shown at the cell.
 */
export function ScreeningGridForm({
  windowId,
  target,
  measures,
  students,
  caption,
}: {
  windowId: string;
  /** The grid's students: a school's grade, or a class's roster (decision 020). */
  target: { schoolId: string; grade: string } | { classId: string };
  measures: readonly GridMeasure[];
  students: readonly GridStudent[];
  caption: string;
}) {
  const [state, action] = useActionState<ActionState, FormData>("classId" in target ? saveClassScreeningScores : saveScreeningScores, null);
  return (
    <form action={action} noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="unverifiedWindowId" value={windowId} />
      {"classId" in target ? (
        <input type="hidden" name="unverifiedClassId" value={target.classId} />
      ) : (
        <>
          <input type="hidden" name="unverifiedSchoolId" value={target.schoolId} />
          <input type="hidden" name="grade" value={target.grade} />
        </>
      )}
      <ScrollRegion label={caption}>
        <table className="w-full border-collapse text-left">
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr className="border-b border-slate-400">
              <th scope="col" className="p-2">
                Student
              </th>
              {measures.map((m) => (
                <th key={m.id} scope="col" className="p-2">
                  {m.name}
                  <span className="block text-sm font-normal text-slate-700">
                    {m.unit}, {m.range}
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {students.map((s) => (
              <tr key={s.id} className="border-b border-slate-200 align-top">
                <th scope="row" className="p-2 font-normal">
                  <span className="font-medium">{s.name}</span>
                  <span className="block text-sm text-slate-700">{s.localId}</span>
                </th>
                {s.cells.map((c) => {
                  const name = field("score", s.id, c.measureId);
                  const errors = errorsFor(state, name);
                  const m = measures.find((x) => x.id === c.measureId)!;
                  const shown = c.score === null ? "" : String(c.score);
                  return (
                    <td key={c.measureId} className="p-2">
                      <input type="hidden" name={field("was", s.id, c.measureId)} value={shown} />
                      <input
                        id={name}
                        name={name}
                        // After an error, what was typed; otherwise the saved score.
                        key={`${name}-${state && !state.ok ? "err" : shown}`}
                        defaultValue={state && !state.ok ? (valueOf(state, name) ?? shown) : shown}
                        inputMode="decimal"
                        autoComplete="off"
                        maxLength={20}
                        aria-label={`${m.name}, ${s.name}`}
                        aria-invalid={errors ? true : undefined}
                        aria-describedby={errors ? `${name}-error` : `${name}-level`}
                        className="block min-h-11 w-24 rounded-md border border-slate-500 bg-white px-2 py-2 text-slate-900 aria-[invalid=true]:border-red-700"
                      />
                      <span id={`${name}-level`} className="mt-1 block text-sm">
                        {c.score === null ? <span className="text-slate-700">{c.hasBenchmark ? "not entered" : "no benchmark for the grade"}</span> : <RiskText level={c.level} />}
                      </span>
                      {errors ? (
                        <span id={`${name}-error`} className="mt-1 block text-sm font-medium text-red-800">
                          {errors.join(" ")}
                        </span>
                      ) : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <p className="mt-2 text-sm text-slate-700">A blank cell leaves the saved score as it is; to correct a score, type the new one.</p>
      <div className="mt-4">
        <SubmitButton>Save scores</SubmitButton>
      </div>
    </form>
  );
}
