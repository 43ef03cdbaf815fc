"use client";
import { useActionState } from "react";
import { useResultKey } from "@/components/students/use-result-key";
import { errorsFor, textDefault, type ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { RadioGroup, TextAreaField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { archiveAccommodation, createAccommodation, updateAccommodation } from "@/server/accommodations/actions";
import type { AccommodationRecord } from "@/server/accommodations/queries";
import { ACCOMMODATION_SOURCE_OPTIONS, MAX_ACCOMMODATION_DESCRIPTION } from "@/server/accommodations/schemas";
import { Fold } from "@/components/ui/fold";

/**
 * Adds an accommodation for a student, or edits `accommodation` (carrying the
 * version it was loaded at). Folded away in a <details> unless the last try
 * failed, so the problems are in view (also without JavaScript). `today`
 * comes from the server (yyyy-mm-dd, UTC): a new accommodation starts today
 * unless changed.
 */
export function AccommodationForm({ studentId, accommodation, today }: { studentId: string; accommodation?: AccommodationRecord; today: string }) {
  const [state, action] = useActionState<ActionState, FormData>(accommodation ? updateAccommodation : createAccommodation, null);
  const key = useResultKey(state);
  // Ids unique on the page: every current accommodation has its edit form.
  const prefix = accommodation ? `accommodation-${accommodation.id}` : "new-accommodation";
  const id = (field: string) => `${prefix}-${field}`;
  const text = (field: string, stored?: string | null) => textDefault(state, field, stored);
  return (
    <div className="mt-3">
      {/* Outside the fold: a success closes it (the accommodation shows above), the message stays. */}
      <FormMessage state={state} />
      <Fold open={Boolean(state && !state.ok)} summary={accommodation ? "Edit or end this accommodation" : "Add an accommodation"}>
        <form action={action} key={key} noValidate className="mt-3">
          {accommodation ? (
            <>
              <input type="hidden" name="unverifiedAccommodationId" value={accommodation.id} />
              <input type="hidden" name="version" value={accommodation.version} />
            </>
          ) : (
            <input type="hidden" name="unverifiedStudentId" value={studentId} />
          )}
          <TextAreaField
            id={id("description")}
            label="Accommodation"
            name="description"
            required
            rows={2}
            maxLength={MAX_ACCOMMODATION_DESCRIPTION}
            hint={`What staff must do, in at most ${MAX_ACCOMMODATION_DESCRIPTION} characters. For example: Extended time (1.5x) on tests.`}
            defaultValue={text("description", accommodation?.description)}
            errors={errorsFor(state, "description")}
          />
          <RadioGroup
            id={id("source")}
            label="Comes from"
            name="source"
            required
            options={ACCOMMODATION_SOURCE_OPTIONS}
            defaultValue={text("source", accommodation?.source)}
            errors={errorsFor(state, "source")}
          />
          <div className="grid gap-x-4 sm:grid-cols-2">
            <TextField
              id={id("startDate")}
              label="Start date"
              name="startDate"
              type="date"
              required
              defaultValue={text("startDate", accommodation ? accommodation.startDate : today)}
              errors={errorsFor(state, "startDate")}
            />
            <TextField
              id={id("endDate")}
              label="Last day"
              name="endDate"
              type="date"
              hint="Leave empty while it applies. Set it to end the accommodation."
              defaultValue={text("endDate", accommodation?.endDate)}
              errors={errorsFor(state, "endDate")}
            />
          </div>
          <SubmitButton>{accommodation ? "Save accommodation" : "Add accommodation"}</SubmitButton>
        </form>
      </Fold>
    </div>
  );
}

/** Removes an accommodation entered by mistake; folded away like the edit, so one press cannot do it by accident. */
export function ArchiveAccommodationForm({ accommodationId }: { accommodationId: string }) {
  const [state, action] = useActionState<ActionState, FormData>(archiveAccommodation, null);
  return (
    <div className="mt-3">
      <FormMessage state={state} />
      <Fold open={Boolean(state && !state.ok)} summary="Remove (entered by mistake)">
        <form action={action} className="mt-2">
          <input type="hidden" name="unverifiedAccommodationId" value={accommodationId} />
          <p className="mb-2 text-sm text-slate-700">
            For an accommodation that never applied. One that no longer applies gets a last day instead. Nothing is deleted: it stays with the past accommodations.
          </p>
          <SubmitButton variant="secondary">Remove accommodation</SubmitButton>
        </form>
      </Fold>
    </div>
  );
}
