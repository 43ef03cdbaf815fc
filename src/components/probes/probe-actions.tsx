"use client";
import { useActionState } from "react";
import { errorsFor, textDefault, type ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { TextAreaField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import type { Measure } from "@/domain/measures";
import { MAX_INVALID_REASON, MAX_PROBE_NOTE, scoreRule } from "@/domain/probes";
import { correctProbe, setProbeValidity } from "@/server/probes/actions";
import type { ProbeRow } from "@/server/probes/queries";
import { Fold } from "@/components/ui/fold";

const summaryClass = "cursor-pointer font-medium text-blue-800 underline";

/** Corrects a probe's date, score or note, at the version it was shown. Folded away until opened (or the last try failed). */
function CorrectForm({ probe, measure }: { probe: ProbeRow; measure: Measure }) {
  const [state, action] = useActionState<ActionState, FormData>(correctProbe, null);
  const id = (field: string) => `probe-${probe.id}-${field}`;
  const failed = Boolean(state && !state.ok);
  return (
    <div>
      <FormMessage state={state} />
      <Fold open={failed} summary="Correct" summaryClassName={summaryClass}>
        <form action={action} noValidate className="mt-2 min-w-64">
          <input type="hidden" name="unverifiedProbeId" value={probe.id} />
          <input type="hidden" name="version" value={probe.version} />
          <TextField id={id("date")} label="Date given" name="date" type="date" required defaultValue={textDefault(state, "date", probe.date)} errors={errorsFor(state, "date")} />
          <TextField
            id={id("score")}
            label={`Score (${measure.unit})`}
            name="score"
            required
            inputMode={measure.decimals > 0 ? "decimal" : "numeric"}
            autoComplete="off"
            maxLength={40}
            hint={scoreRule(measure)}
            defaultValue={textDefault(state, "score", probe.score)}
            errors={errorsFor(state, "score")}
          />
          <TextField id={id("note")} label="Note" name="note" maxLength={MAX_PROBE_NOTE} defaultValue={textDefault(state, "note", probe.note)} errors={errorsFor(state, "note")} />
          <SubmitButton>Save correction</SubmitButton>
        </form>
      </Fold>
    </div>
  );
}

/**
 * Marks a probe invalid (the reason is required) or restores it. One action
 * state for both, so its outcome stays in view when the probe flips between
 * the two.
 */
function ValidityForm({ probe }: { probe: ProbeRow }) {
  const [state, action] = useActionState<ActionState, FormData>(setProbeValidity, null);
  const hidden = (
    <>
      <input type="hidden" name="unverifiedProbeId" value={probe.id} />
      <input type="hidden" name="version" value={probe.version} />
      <input type="hidden" name="valid" value={probe.invalid ? "yes" : "no"} />
    </>
  );
  return (
    <div>
      <FormMessage state={state} />
      {probe.invalid ? (
        <form action={action}>
          {hidden}
          <p className="mb-2 text-sm text-slate-700">It counts again in the trend and the decision rules.</p>
          <SubmitButton variant="secondary">Restore</SubmitButton>
        </form>
      ) : (
        <Fold open={Boolean(state && !state.ok)} summary="Mark invalid" summaryClassName={summaryClass}>
          <form action={action} noValidate className="mt-2 min-w-64">
            {hidden}
            <TextAreaField
              id={`probe-${probe.id}-reason`}
              label="Why it is not valid"
              name="reason"
              required
              rows={2}
              maxLength={MAX_INVALID_REASON}
              hint="The probe is kept and shown, but left out of the trend and the decision rules."
              defaultValue={textDefault(state, "reason", "")}
              errors={errorsFor(state, "reason")}
            />
            <SubmitButton variant="secondary">Mark invalid</SubmitButton>
          </form>
        </Fold>
      )}
    </div>
  );
}

/** The changes a probe table offers for one probe: correct it, and mark it invalid or restore it. */
export function ProbeActions({ probe, measure }: { probe: ProbeRow; measure: Measure }) {
  return (
    <div className="space-y-2">
      <CorrectForm probe={probe} measure={measure} />
      <ValidityForm probe={probe} />
    </div>
  );
}
