"use client";
import { useActionState } from "react";
import { errorsFor, textDefault, valueOf, valuesOf, type ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { CheckboxGroup, FieldErrors, SelectField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { createStudent, updateStudent } from "@/server/students/actions";
import { useResultKey } from "./use-result-key";
import {
  GENDER_LABEL,
  GENDERS,
  GRADE_LABEL,
  GRADE_LEVELS,
  GUARDIAN_ROWS,
  guardianField,
  MAX_AGE,
  MIN_AGE,
  RACE_LABEL,
  RACES,
} from "@/server/students/schemas";

const GRADE_OPTIONS = GRADE_LEVELS.map((value) => ({ value, label: GRADE_LABEL[value] }));
const GENDER_OPTIONS = GENDERS.map((value) => ({ value, label: GENDER_LABEL[value] }));
const RACE_OPTIONS = RACES.map((value) => ({ value, label: RACE_LABEL[value] }));

type Flag = "hispanicLatino" | "englishLearner" | "economicallyDisadvantaged";

export interface EditableStudent {
  id: string;
  version: number;
  localId: string;
  legalFirstName: string;
  legalMiddleName: string | null;
  legalLastName: string;
  preferredName: string | null;
  /** YYYY-MM-DD */
  /** Null for a student imported without one (decision 018): the form asks for it. */
  dateOfBirth: string | null;
  grade: string;
  schoolId: string;
  gender: string;
  hispanicLatino: boolean;
  races: string[];
  englishLearner: boolean;
  economicallyDisadvantaged: boolean;
  homeLanguage: string | null;
  guardians: { name: string; relationship: string; phone: string | null; email: string | null; preferredLanguage: string | null }[];
}

interface Props {
  /** Open schools the user may put a student in (and the student's own). */
  schools: { id: string; name: string }[];
  student?: EditableStudent;
}

function Checkbox({ name, label, defaultChecked, errors }: { name: string; label: string; defaultChecked: boolean; errors?: string[] }) {
  return (
    <div className="mb-2">
      <label className="flex items-center gap-2 text-slate-900">
        <input
          type="checkbox"
          id={name}
          name={name}
          defaultChecked={defaultChecked}
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={errors?.length ? `${name}-error` : undefined}
          className="h-4 w-4"
        />
        {label}
      </label>
      <FieldErrors name={name} errors={errors} />
    </div>
  );
}

const GUARDIAN_KEYS = { Name: "name", Relationship: "relationship", Phone: "phone", Email: "email", Language: "preferredLanguage" } as const;

/** Adds a student, or edits one (carrying the version it was loaded at) when `student` is given. */
export function StudentForm({ schools, student }: Props) {
  const [state, action] = useActionState<ActionState, FormData>(student ? updateStudent : createStudent, null);
  const formKey = useResultKey(state);
  // After an error the fields show what was sent; otherwise the stored record.
  const submitted = Boolean(state && !state.ok && state.values);
  const text = (field: string, stored: string | null | undefined) => textDefault(state, field, stored);
  const flag = (field: Flag) => (submitted ? valueOf(state, field) === "on" : Boolean(student?.[field]));
  const guardian = (row: number, part: keyof typeof GUARDIAN_KEYS) => text(guardianField(row, part), student?.guardians[row]?.[GUARDIAN_KEYS[part]]);

  return (
    <form action={action} noValidate key={formKey}>
      <FormMessage state={state} />
      {student ? (
        <>
          <input type="hidden" name="unverifiedStudentId" value={student.id} />
          <input type="hidden" name="version" value={student.version} />
        </>
      ) : null}

      <fieldset className="mb-6">
        <legend className="mb-2 text-lg font-semibold">Student</legend>
        <div className="grid gap-x-4 sm:grid-cols-2">
          <TextField label="Local student id" name="localId" required maxLength={32} autoComplete="off" hint="The district's student number; unique in the district." defaultValue={text("localId", student?.localId)} errors={errorsFor(state, "localId")} />
          <TextField label="Preferred name" name="preferredName" maxLength={80} autoComplete="off" hint="The name the student goes by, if not their legal first name." defaultValue={text("preferredName", student?.preferredName)} errors={errorsFor(state, "preferredName")} />
          <TextField label="Legal first name" name="legalFirstName" required maxLength={80} autoComplete="off" defaultValue={text("legalFirstName", student?.legalFirstName)} errors={errorsFor(state, "legalFirstName")} />
          <TextField label="Legal middle name" name="legalMiddleName" maxLength={80} autoComplete="off" defaultValue={text("legalMiddleName", student?.legalMiddleName)} errors={errorsFor(state, "legalMiddleName")} />
          <TextField label="Legal last name" name="legalLastName" required maxLength={80} autoComplete="off" defaultValue={text("legalLastName", student?.legalLastName)} errors={errorsFor(state, "legalLastName")} />
          <TextField label="Date of birth" name="dateOfBirth" type="date" required hint={`Pre-K to grade 12 students are ${MIN_AGE} to ${MAX_AGE} years old.`} defaultValue={text("dateOfBirth", student?.dateOfBirth)} errors={errorsFor(state, "dateOfBirth")} />
          <SelectField label="Gender" name="gender" options={GENDER_OPTIONS} defaultValue={text("gender", student?.gender ?? "NOT_SPECIFIED")} errors={errorsFor(state, "gender")} />
        </div>
      </fieldset>

      <fieldset className="mb-6">
        <legend className="mb-2 text-lg font-semibold">School</legend>
        <div className="grid gap-x-4 sm:grid-cols-2">
          <SelectField label="School" name="unverifiedSchoolId" required placeholder="Choose a school" options={schools.map((s) => ({ value: s.id, label: s.name }))} defaultValue={text("unverifiedSchoolId", student?.schoolId)} errors={errorsFor(state, "unverifiedSchoolId")} />
          <SelectField label="Grade" name="grade" required placeholder="Choose a grade" options={GRADE_OPTIONS} defaultValue={text("grade", student?.grade)} errors={errorsFor(state, "grade")} />
        </div>
      </fieldset>

      <fieldset className="mb-6">
        <legend className="mb-2 text-lg font-semibold">Ethnicity and race</legend>
        <p className="mb-2 text-sm text-slate-700">As reported by the family, in the federal categories.</p>
        <Checkbox name="hispanicLatino" label="Hispanic or Latino" defaultChecked={flag("hispanicLatino")} errors={errorsFor(state, "hispanicLatino")} />
        <CheckboxGroup label="Race (choose all that apply)" name="races" options={RACE_OPTIONS} defaultValues={valuesOf(state, "races") ?? student?.races ?? []} errors={errorsFor(state, "races")} />
      </fieldset>

      <fieldset className="mb-6">
        <legend className="mb-2 text-lg font-semibold">Language, programs and plans</legend>
        <div className="sm:w-1/2">
          <TextField label="Home language" name="homeLanguage" maxLength={60} defaultValue={text("homeLanguage", student?.homeLanguage)} errors={errorsFor(state, "homeLanguage")} />
        </div>
        <Checkbox name="englishLearner" label="English learner" defaultChecked={flag("englishLearner")} errors={errorsFor(state, "englishLearner")} />
        <Checkbox name="economicallyDisadvantaged" label="Economically disadvantaged" defaultChecked={flag("economicallyDisadvantaged")} errors={errorsFor(state, "economicallyDisadvantaged")} />
        <p className="mt-2 text-sm text-slate-700">IEP and 504 plans are recorded in the IEP and 504 section of the student&apos;s profile.</p>
      </fieldset>

      <fieldset className="mb-6">
        <legend className="mb-2 text-lg font-semibold">Guardians</legend>
        <p className="mb-2 text-sm text-slate-700">Up to {GUARDIAN_ROWS}, first contact first. Leave a row empty to skip it; empty a row to remove that guardian.</p>
        {Array.from({ length: GUARDIAN_ROWS }, (_, row) => (
          <fieldset key={row} className="mb-4 rounded-lg border border-slate-300 p-3">
            <legend className="px-1 font-medium">Guardian {row + 1}</legend>
            <div className="grid gap-x-4 sm:grid-cols-2">
              <TextField label="Name" name={guardianField(row, "Name")} maxLength={120} autoComplete="off" defaultValue={guardian(row, "Name")} errors={errorsFor(state, guardianField(row, "Name"))} />
              <TextField label="Relationship" name={guardianField(row, "Relationship")} maxLength={60} autoComplete="off" hint="For example Mother, Grandfather, Foster parent." defaultValue={guardian(row, "Relationship")} errors={errorsFor(state, guardianField(row, "Relationship"))} />
              <TextField label="Phone" name={guardianField(row, "Phone")} type="tel" maxLength={40} autoComplete="off" defaultValue={guardian(row, "Phone")} errors={errorsFor(state, guardianField(row, "Phone"))} />
              <TextField label="Email" name={guardianField(row, "Email")} type="email" maxLength={254} autoComplete="off" defaultValue={guardian(row, "Email")} errors={errorsFor(state, guardianField(row, "Email"))} />
              <TextField label="Preferred language" name={guardianField(row, "Language")} maxLength={60} autoComplete="off" defaultValue={guardian(row, "Language")} errors={errorsFor(state, guardianField(row, "Language"))} />
            </div>
          </fieldset>
        ))}
      </fieldset>

      <SubmitButton>{student ? "Save changes" : "Add student"}</SubmitButton>
    </form>
  );
}
