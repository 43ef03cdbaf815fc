"use client";
import { useActionState } from "react";
import { useResultKey } from "@/components/students/use-result-key";
import { errorsFor, textDefault, valuesOf, type ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { CheckboxGroup, RadioGroup, SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { createIntervention, updateIntervention } from "@/server/interventions/actions";
import { DOSAGE_LIMITS, EVIDENCE_OPTIONS, MAX_COMPONENT, MAX_COMPONENTS, MAX_AT_HOME, MAX_DESCRIPTION, MAX_NAME, MAX_SOURCE_URL } from "@/server/interventions/schemas";
import { GRADE_LABEL, GRADE_LEVELS } from "@/server/students/schemas";
import { AREA_OPTIONS, TIER_OPTIONS } from "@/server/tiers/schemas";

const GRADE_OPTIONS = GRADE_LEVELS.map((g) => ({ value: g, label: GRADE_LABEL[g] }));

export interface EditableIntervention {
  id: string;
  version: number;
  name: string;
  area: string;
  tiers: string[];
  description: string;
  atHome: string;
  atHomeEs: string;
  evidenceLevel: string;
  sourceUrl: string | null;
  minutesPerSession: number | null;
  sessionsPerWeek: number | null;
  weeks: number | null;
  groupSizeMin: number | null;
  groupSizeMax: number | null;
  gradeMin: string | null;
  gradeMax: string | null;
  components: { label: string }[];
  measures: { id: string }[];
}

interface Props {
  /** The district's measures in use. */
  measures: { id: string; name: string; unit: string }[];
  intervention?: EditableIntervention;
}

const DOSAGE_FIELDS = [
  { name: "minutesPerSession", label: "Minutes per session" },
  { name: "sessionsPerWeek", label: "Sessions per week" },
  { name: "weeks", label: "Weeks" },
  { name: "groupSizeMin", label: "Smallest group" },
  { name: "groupSizeMax", label: "Largest group" },
] as const;

/** Adds an intervention to the library, or edits one (carrying the version it was loaded at) when `intervention` is given. */
export function InterventionForm({ measures, intervention }: Props) {
  const [state, action] = useActionState<ActionState, FormData>(intervention ? updateIntervention : createIntervention, null);
  const formKey = useResultKey(state);
  const text = (field: string, stored: string | number | null | undefined) => textDefault(state, field, stored);

  return (
    <form action={action} noValidate key={formKey}>
      <FormMessage state={state} />
      {intervention ? (
        <>
          <input type="hidden" name="unverifiedInterventionId" value={intervention.id} />
          <input type="hidden" name="version" value={intervention.version} />
        </>
      ) : null}

      <TextField label="Name" name="name" required maxLength={MAX_NAME} autoComplete="off" hint="Unique in the district's library." defaultValue={text("name", intervention?.name)} errors={errorsFor(state, "name")} />
      <SelectField label="Area" name="area" required placeholder="Choose an area" options={AREA_OPTIONS} defaultValue={text("area", intervention?.area)} errors={errorsFor(state, "area")} />
      <CheckboxGroup label="Tiers it suits" name="tiers" hint="Choose at least one." options={TIER_OPTIONS} defaultValues={valuesOf(state, "tiers") ?? intervention?.tiers ?? []} errors={errorsFor(state, "tiers")} />
      <TextAreaField label="Description" name="description" rows={6} maxLength={MAX_DESCRIPTION} hint="What it is, who it is for, and who can deliver it." defaultValue={text("description", intervention?.description)} errors={errorsFor(state, "description")} />
      <TextAreaField
        label="At home (for families, in English)"
        name="atHome"
        rows={4}
        maxLength={MAX_AT_HOME}
        hint="What a family can do at home to help, in short plain sentences without acronyms. The family progress report prints it."
        defaultValue={text("atHome", intervention?.atHome)}
        errors={errorsFor(state, "atHome")}
      />
      <TextAreaField
        label="At home, in Spanish (translation)"
        name="atHomeEs"
        rows={4}
        maxLength={MAX_AT_HOME}
        lang="es"
        hint="A person's translation of the text above, for Spanish-speaking families. Left blank, their report shows the English text and says so."
        defaultValue={text("atHomeEs", intervention?.atHomeEs)}
        errors={errorsFor(state, "atHomeEs")}
      />

      <RadioGroup
        label="Evidence level (ESSA)"
        name="evidenceLevel"
        required
        hint="Use the level the review you cite supports; when in doubt, choose a lower one."
        options={EVIDENCE_OPTIONS}
        defaultValue={text("evidenceLevel", intervention?.evidenceLevel ?? "NOT_RATED")}
        errors={errorsFor(state, "evidenceLevel")}
      />
      <TextField
        label="Source link"
        name="sourceUrl"
        type="url"
        maxLength={MAX_SOURCE_URL}
        autoComplete="off"
        hint="The review the evidence level comes from (What Works Clearinghouse, Evidence for ESSA, the NCII tools charts), starting with https://."
        defaultValue={text("sourceUrl", intervention?.sourceUrl)}
        errors={errorsFor(state, "sourceUrl")}
      />

      <fieldset className="mb-4">
        <legend className="font-medium text-slate-900">Recommended dosage</legend>
        <p className="text-sm text-slate-700">Whole numbers; leave blank what the intervention does not specify.</p>
        <div className="mt-2 grid gap-x-4 sm:grid-cols-3">
          {DOSAGE_FIELDS.map((f) => (
            <TextField
              key={f.name}
              label={f.label}
              name={f.name}
              type="number"
              hint={`${DOSAGE_LIMITS[f.name].min} to ${DOSAGE_LIMITS[f.name].max}`}
              defaultValue={text(f.name, intervention?.[f.name])}
              errors={errorsFor(state, f.name)}
            />
          ))}
        </div>
      </fieldset>

      <fieldset className="mb-4">
        <legend className="font-medium text-slate-900">Grades it was built for</legend>
        <p className="text-sm text-slate-700">A plan for a student outside these grades is flagged for approval. Leave blank what the source does not state.</p>
        <div className="mt-2 grid gap-x-4 sm:grid-cols-2">
          <SelectField label="Lowest grade" name="gradeMin" placeholder="Not stated" options={GRADE_OPTIONS} defaultValue={text("gradeMin", intervention?.gradeMin)} errors={errorsFor(state, "gradeMin")} />
          <SelectField label="Highest grade" name="gradeMax" placeholder="Not stated" options={GRADE_OPTIONS} defaultValue={text("gradeMax", intervention?.gradeMax)} errors={errorsFor(state, "gradeMax")} />
        </div>
      </fieldset>

      <TextAreaField
        label="Components every session includes"
        name="components"
        rows={8}
        hint={`One per line, in session order; at most ${MAX_COMPONENTS}, each up to ${MAX_COMPONENT} characters. This is the fidelity checklist when a session is logged.`}
        defaultValue={text("components", intervention?.components.map((c) => c.label).join("\n"))}
        errors={errorsFor(state, "components")}
      />
      {measures.length ? (
        <CheckboxGroup
          label="Measures that fit it"
          name="unverifiedMeasureIds"
          hint="For goals and progress monitoring."
          options={measures.map((m) => ({ value: m.id, label: `${m.name} (${m.unit})` }))}
          defaultValues={valuesOf(state, "unverifiedMeasureIds") ?? intervention?.measures.map((m) => m.id) ?? []}
          errors={errorsFor(state, "unverifiedMeasureIds")}
        />
      ) : (
        <p className="mb-4 text-slate-700">The district has no measures yet, so none can be chosen.</p>
      )}

      <SubmitButton>{intervention ? "Save changes" : "Add intervention"}</SubmitButton>
    </form>
  );
}
