"use client";
import { useActionState } from "react";
import { errorsFor, valueOf, type ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { createSchool, updateSchool } from "@/server/schools/actions";
import { SCHOOL_LEVEL_LABEL, SCHOOL_LEVELS } from "@/server/schools/schemas";

const LEVEL_OPTIONS = SCHOOL_LEVELS.map((value) => ({ value, label: SCHOOL_LEVEL_LABEL[value] }));

interface Props {
  school?: { id: string; name: string; level: string; code: string | null; archived: boolean };
}

/** Adds a school, or edits one when `school` is given. */
export function SchoolForm({ school }: Props) {
  const [state, action] = useActionState<ActionState, FormData>(school ? updateSchool : createSchool, null);
  return (
    <form action={action} noValidate key={state?.ok ? "saved" : "editing"}>
      <FormMessage state={state} />
      {school ? <input type="hidden" name="unverifiedSchoolId" value={school.id} /> : null}
      <TextField label="School name" name="name" required maxLength={120} defaultValue={valueOf(state, "name") ?? school?.name} errors={errorsFor(state, "name")} />
      <SelectField label="Level" name="level" required options={LEVEL_OPTIONS} placeholder="Choose a level" defaultValue={valueOf(state, "level") ?? school?.level} errors={errorsFor(state, "level")} />
      <TextField label="School code" name="code" hint="The state or SIS code, if there is one." maxLength={20} defaultValue={valueOf(state, "code") ?? school?.code} errors={errorsFor(state, "code")} />
      {school ? (
        <label className="mb-4 flex items-center gap-2">
          <input type="checkbox" name="archived" defaultChecked={school.archived} className="h-4 w-4" />
          Archived (closed; kept for history)
        </label>
      ) : null}
      <SubmitButton>{school ? "Save school" : "Add school"}</SubmitButton>
    </form>
  );
}
