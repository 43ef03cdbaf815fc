"use client";
import { useActionState } from "react";
import { formatDay } from "@/components/students/format";
import { useResultKey } from "@/components/students/use-result-key";
import { errorsFor, valueOf, type ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { FieldErrors, SelectField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { formatValue } from "@/domain/measures";
import { MAX_PROBE_NOTE, scoreRule } from "@/domain/probes";
import { enterGroupProbes } from "@/server/probes/actions";
import type { GridRow, GroupGridProps } from "@/server/probes/queries";
import { measureField, noteField, scoreField } from "@/server/probes/schemas";
import { useClientKey } from "./use-client-key";

const cellInputClass = "block rounded-md border border-slate-500 bg-white px-2 py-1.5 text-slate-900 aria-[invalid=true]:border-red-700";

/** One cell's input with its (visually hidden) label naming the student and the measure, and its error under it. */
function CellInput({ id, name, label, errors, defaultValue, numeric, maxLength }: { id: string; name: string; label: string; errors?: string[]; defaultValue?: string; numeric?: { decimal: boolean }; maxLength: number }) {
  // A score is a few digits; a note gets the room.
  return (
    <>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <input
        id={id}
        name={name}
        defaultValue={defaultValue}
        inputMode={numeric ? (numeric.decimal ? "decimal" : "numeric") : undefined}
        autoComplete="off"
        maxLength={maxLength}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? `${id}-error` : undefined}
        className={`${cellInputClass} ${numeric ? "w-24" : "w-full min-w-48"}`}
      />
      <FieldErrors name={id} errors={errors} />
    </>
  );
}

function Row({ row, state }: { row: GridRow; state: ActionState }) {
  const m = row.measure;
  const what = `${row.studentName}, ${m.name}`;
  return (
    <Tr className="align-top">
      <th scope="row" className="p-2 text-left font-medium">
        {row.studentName}
      </th>
      <Td>
        {m.name}
        <span className="block text-sm text-slate-700">
          {m.unit}. {scoreRule(m)}
        </span>
      </Td>
      <Td>
        <input type="hidden" name={measureField(row.id)} value={row.measureId} />
        <CellInput
          id={`grid-${row.id}-score`}
          name={scoreField(row.id)}
          label={`Score for ${what}`}
          numeric={{ decimal: m.decimals > 0 }}
          maxLength={40}
          defaultValue={valueOf(state, scoreField(row.id))}
          errors={errorsFor(state, scoreField(row.id))}
        />
      </Td>
      <Td>
        <CellInput
          id={`grid-${row.id}-note`}
          name={noteField(row.id)}
          label={`Note for ${what}`}
          maxLength={MAX_PROBE_NOTE}
          defaultValue={valueOf(state, noteField(row.id))}
          errors={errorsFor(state, noteField(row.id))}
        />
      </Td>
      <Td className="whitespace-nowrap">{row.last ? `${formatValue(m, row.last.score)} on ${formatDay(row.last.date)}` : "None yet"}</Td>
    </Tr>
  );
}

/**
 * A group's probes on one date: one row per goal of the plan (a student with
 * two goals has two rows), a score and a note per row, Tab going through the
 * cells row by row. Blank rows are skipped. The server checks every row
 * before saving any; each problem shows under its cell. Works without
 * JavaScript.
 */
export function GroupProbeGrid({ planId, planStartDate, rows, today, givers, currentUserId, clientKey }: GroupGridProps) {
  const [state, action] = useActionState<ActionState, FormData>(enterGroupProbes, null);
  const key = useResultKey(state);
  const submissionKey = useClientKey(state, clientKey);
  return (
    <form action={action} key={key} noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="unverifiedPlanId" value={planId} />
      <input type="hidden" name="clientKey" value={submissionKey} />
      <div className="grid max-w-2xl gap-x-4 sm:grid-cols-2">
        <TextField
          label="Date given"
          name="date"
          type="date"
          required
          min={planStartDate}
          max={today}
          hint={`For every row. From ${formatDay(planStartDate)} (the plan's start) to today.`}
          defaultValue={valueOf(state, "date") ?? today}
          errors={errorsFor(state, "date")}
        />
        <SelectField
          label="Given by"
          name="unverifiedGivenByUserId"
          hint="For every row."
          options={givers.map((g) => ({ value: g.userId, label: g.userId === currentUserId ? `${g.name} (you)` : g.name }))}
          defaultValue={valueOf(state, "unverifiedGivenByUserId") ?? currentUserId}
          errors={errorsFor(state, "unverifiedGivenByUserId")}
        />
      </div>
      <p className="mb-2 text-slate-700">Leave a row blank to skip it.</p>
      <DataTable caption="Scores to enter, one row per goal" columns={["Student", "Measure", "Score", "Note (optional)", "Latest probe"]} className="mb-4">
        {rows.map((row) => (
          <Row key={row.id} row={row} state={state} />
        ))}
      </DataTable>
      <SubmitButton>Save probes</SubmitButton>
    </form>
  );
}
