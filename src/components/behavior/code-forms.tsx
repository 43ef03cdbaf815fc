"use client";
import { useActionState } from "react";
import { useResultKey } from "@/components/students/use-result-key";
import { errorsFor, textDefault, type ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { RadioGroup, SelectField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { EDFI_CODE_VALUES, EDFI_DESCRIPTOR_OF_KIND, SEVERITY_LABEL, type BehaviorCodeKind } from "@/domain/behavior-codes";
import { createBehaviorCode, installDefaultBehaviorCodes, setBehaviorCodeRetired, updateBehaviorCode } from "@/server/behavior/actions";
import type { BehaviorCodeView } from "@/server/behavior/codes";
import { MAX_CODE_LABEL } from "@/server/behavior/schemas";
import { Fold } from "@/components/ui/fold";

const SEVERITY_OPTIONS = [
  { value: "MINOR", label: SEVERITY_LABEL.MINOR, description: "Handled by the staff member who records it." },
  { value: "MAJOR", label: SEVERITY_LABEL.MAJOR, description: "Goes to the school's coordinator or administrator for review." },
];

/**
 * Adds a code to one list, or edits `code` (with the version it was loaded
 * at): its name, class (behaviours) and Ed-Fi mapping. Folded away unless
 * the last try failed.
 */
export function CodeForm({ kind, code }: { kind: BehaviorCodeKind; code?: BehaviorCodeView }) {
  const [state, action] = useActionState<ActionState, FormData>(code ? updateBehaviorCode : createBehaviorCode, null);
  const key = useResultKey(state);
  const prefix = code ? `code-${code.id}` : `new-${kind}`;
  const descriptor = EDFI_DESCRIPTOR_OF_KIND[kind];
  return (
    <div className="mt-2">
      <FormMessage state={state} />
      <Fold open={Boolean(state && !state.ok)} summary={code ? `Edit “${code.label}”` : "Add a code"}>
        <form action={action} key={key} noValidate className="mt-3">
          {code ? (
            <>
              <input type="hidden" name="unverifiedCodeId" value={code.id} />
              <input type="hidden" name="version" value={code.version} />
            </>
          ) : (
            <input type="hidden" name="kind" value={kind} />
          )}
          <TextField id={`${prefix}-label`} label="Name" name="label" required maxLength={MAX_CODE_LABEL} defaultValue={textDefault(state, "label", code?.label)} errors={errorsFor(state, "label")} />
          {kind === "BEHAVIOR" ? (
            <RadioGroup id={`${prefix}-severity`} label="Class" name="severity" required options={SEVERITY_OPTIONS} defaultValue={textDefault(state, "severity", code?.severity)} errors={errorsFor(state, "severity")} />
          ) : null}
          {descriptor ? (
            <SelectField
              id={`${prefix}-edfi`}
              label={`Ed-Fi ${descriptor} value`}
              name="edfiCodeValue"
              hint="What the code reports as in state reporting."
              placeholder="Not mapped"
              options={(EDFI_CODE_VALUES[descriptor] ?? []).map((v) => ({ value: v, label: v }))}
              defaultValue={textDefault(state, "edfiCodeValue", code?.edfiCodeValue)}
              errors={errorsFor(state, "edfiCodeValue")}
            />
          ) : null}
          <SubmitButton>{code ? "Save code" : "Add code"}</SubmitButton>
        </form>
      </Fold>
    </div>
  );
}

/** Retires a code (kept on past incidents, offered no more) or restores it. */
export function RetireCodeForm({ code }: { code: BehaviorCodeView }) {
  const [state, action] = useActionState<ActionState, FormData>(setBehaviorCodeRetired, null);
  return (
    <form action={action} className="mt-2">
      <FormMessage state={state} />
      <input type="hidden" name="unverifiedCodeId" value={code.id} />
      <input type="hidden" name="retired" value={code.retired ? "false" : "true"} />
      <SubmitButton variant="secondary">{code.retired ? `Restore “${code.label}”` : `Retire “${code.label}”`}</SubmitButton>
    </form>
  );
}

/** Adds the default codes the district lacks. */
export function InstallDefaultsForm() {
  const [state, action] = useActionState<ActionState, FormData>(installDefaultBehaviorCodes, null);
  return (
    <form action={action} className="mb-4">
      <FormMessage state={state} />
      <SubmitButton>Add the default codes</SubmitButton>
    </form>
  );
}
