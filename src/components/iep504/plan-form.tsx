"use client";
import { useActionState } from "react";
import { useResultKey } from "@/components/students/use-result-key";
import { errorsFor, textDefault, type ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { RadioGroup, SelectField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { createService, createSpecialEdPlan, updateService, updateSpecialEdPlan } from "@/server/iep504/actions";
import type { ServiceView, SpecialEdPlanView } from "@/server/iep504/queries";
import { Fold } from "@/components/ui/fold";
import {
  DISABILITY_OPTIONS,
  FREQUENCIES,
  FREQUENCY_LABEL,
  MAX_SERVICE_TEXT,
  MAX_URL,
  PLAN_STATUSES,
  PLAN_STATUS_LABEL,
  PLAN_TYPES,
  PLAN_TYPE_LABEL,
  PROVIDER_ROLE_SUGGESTIONS,
  SERVICE_AREA_SUGGESTIONS,
  SETTING_SUGGESTIONS,
} from "@/server/iep504/schemas";

const STATUS_OPTIONS = PLAN_STATUSES.map((value) => ({ value, label: PLAN_STATUS_LABEL[value] }));
const TYPE_OPTIONS = PLAN_TYPES.map((value) => ({ value, label: PLAN_TYPE_LABEL[value] }));
const FREQUENCY_OPTIONS = FREQUENCIES.map((value) => ({ value, label: FREQUENCY_LABEL[value] }));

export interface StaffOption {
  id: string;
  name: string;
}

/**
 * Adds an IEP or 504 record for a student, or edits `plan` (with the version
 * it was loaded at). The disability category and last evaluation are offered
 * only to those who may see them (showDisability). Folded away unless the
 * last try failed.
 */
export function SpecialEdPlanForm({ studentId, plan, staff, showDisability }: { studentId: string; plan?: SpecialEdPlanView; staff: StaffOption[]; showDisability: boolean }) {
  const [state, action] = useActionState<ActionState, FormData>(plan ? updateSpecialEdPlan : createSpecialEdPlan, null);
  const key = useResultKey(state);
  const prefix = plan ? `iep504-${plan.id}` : "new-iep504";
  const id = (field: string) => `${prefix}-${field}`;
  const text = (field: string, stored?: string | null) => textDefault(state, field, stored);
  const staffOptions = staff.map((s) => ({ value: s.id, label: s.name }));
  return (
    <div className="mt-3">
      <FormMessage state={state} />
      <Fold open={Boolean(state && !state.ok)} summary={plan ? "Edit this record" : "Add an IEP or 504 record"}>
        <form action={action} key={key} noValidate className="mt-3">
          {plan ? (
            <>
              <input type="hidden" name="unverifiedPlanId" value={plan.id} />
              <input type="hidden" name="version" value={plan.version} />
            </>
          ) : (
            <>
              <input type="hidden" name="unverifiedStudentId" value={studentId} />
              <RadioGroup id={id("type")} label="Plan" name="type" required inline options={TYPE_OPTIONS} defaultValue={text("type")} errors={errorsFor(state, "type")} />
            </>
          )}
          <div className="grid gap-x-4 sm:grid-cols-2">
            <SelectField id={id("status")} label="Status" name="status" required options={STATUS_OPTIONS} placeholder="Choose…" defaultValue={text("status", plan?.status)} errors={errorsFor(state, "status")} />
            <TextField id={id("startDate")} label="Start date" name="startDate" type="date" required defaultValue={text("startDate", plan?.startDate)} errors={errorsFor(state, "startDate")} />
            <TextField id={id("lastMeetingDate")} label="Last meeting" name="lastMeetingDate" type="date" defaultValue={text("lastMeetingDate", plan?.lastMeetingDate)} errors={errorsFor(state, "lastMeetingDate")} />
            <TextField
              id={id("annualReviewDue")}
              label="Annual review due"
              name="annualReviewDue"
              type="date"
              hint="Within one year of the last meeting."
              defaultValue={text("annualReviewDue", plan?.annualReviewDue)}
              errors={errorsFor(state, "annualReviewDue")}
            />
            {showDisability ? (
              <TextField id={id("lastEvaluationDate")} label="Last evaluation" name="lastEvaluationDate" type="date" defaultValue={text("lastEvaluationDate", plan?.lastEvaluationDate)} errors={errorsFor(state, "lastEvaluationDate")} />
            ) : null}
            <TextField
              id={id("reevaluationDue")}
              label="Re-evaluation due"
              name="reevaluationDue"
              type="date"
              hint="Three years for an IEP; the district's period for a 504 plan."
              defaultValue={text("reevaluationDue", plan?.reevaluationDue)}
              errors={errorsFor(state, "reevaluationDue")}
            />
            <SelectField id={id("unverifiedCaseManagerId")} label="Case manager" name="unverifiedCaseManagerId" options={staffOptions} placeholder="Nobody named" defaultValue={text("unverifiedCaseManagerId", plan?.caseManager?.id)} errors={errorsFor(state, "unverifiedCaseManagerId")} />
            {showDisability && plan?.type !== "SECTION_504" ? (
              <SelectField
                id={id("disabilityCategory")}
                label="Disability category (IEP)"
                name="disabilityCategory"
                hint="The IDEA category. Seen only by administrators, coordinators of the school and the case manager."
                options={DISABILITY_OPTIONS}
                placeholder="Not recorded"
                defaultValue={text("disabilityCategory", plan?.disabilityCategory?.code)}
                errors={errorsFor(state, "disabilityCategory")}
              />
            ) : null}
          </div>
          <TextField
            id={id("documentUrl")}
            label="Link to the document in the district's IEP system"
            name="documentUrl"
            type="url"
            maxLength={MAX_URL}
            defaultValue={text("documentUrl", plan?.documentUrl)}
            errors={errorsFor(state, "documentUrl")}
          />
          <SubmitButton>{plan ? "Save record" : "Add record"}</SubmitButton>
        </form>
      </Fold>
    </div>
  );
}

/** Adds a service to a record, or edits `service`. */
export function ServiceForm({ planId, service, staff, today }: { planId: string; service?: ServiceView; staff: StaffOption[]; today: string }) {
  const [state, action] = useActionState<ActionState, FormData>(service ? updateService : createService, null);
  const key = useResultKey(state);
  const prefix = service ? `service-${service.id}` : `new-service-${planId}`;
  const id = (field: string) => `${prefix}-${field}`;
  const text = (field: string, stored?: string | number | null) => textDefault(state, field, stored);
  return (
    <div className="mt-2">
      <FormMessage state={state} />
      <Fold open={Boolean(state && !state.ok)} summary={service ? "Edit or end this service" : "Add a service"}>
        <form action={action} key={key} noValidate className="mt-3">
          {service ? (
            <>
              <input type="hidden" name="unverifiedServiceId" value={service.id} />
              <input type="hidden" name="version" value={service.version} />
            </>
          ) : (
            <input type="hidden" name="unverifiedPlanId" value={planId} />
          )}
          <datalist id={id("areas")}>
            {SERVICE_AREA_SUGGESTIONS.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
          <datalist id={id("roles")}>
            {PROVIDER_ROLE_SUGGESTIONS.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
          <datalist id={id("settings")}>
            {SETTING_SUGGESTIONS.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
          <div className="grid gap-x-4 sm:grid-cols-2">
            <TextField id={id("area")} label="Service" name="area" required maxLength={MAX_SERVICE_TEXT} list={id("areas")} defaultValue={text("area", service?.area)} errors={errorsFor(state, "area")} />
            <TextField id={id("minutes")} label="Minutes" name="minutes" type="number" inputMode="numeric" min={1} required defaultValue={text("minutes", service?.minutes)} errors={errorsFor(state, "minutes")} />
            <SelectField id={id("frequency")} label="How often" name="frequency" required options={FREQUENCY_OPTIONS} defaultValue={text("frequency", service?.frequency ?? "WEEKLY")} errors={errorsFor(state, "frequency")} />
            <TextField id={id("providerRole")} label="Provider role" name="providerRole" required maxLength={MAX_SERVICE_TEXT} list={id("roles")} defaultValue={text("providerRole", service?.providerRole)} errors={errorsFor(state, "providerRole")} />
            <SelectField
              id={id("unverifiedProviderId")}
              label="Provider"
              name="unverifiedProviderId"
              hint="The person who logs its minutes."
              options={staff.map((s) => ({ value: s.id, label: s.name }))}
              placeholder="Nobody named"
              defaultValue={text("unverifiedProviderId", service?.provider?.id)}
              errors={errorsFor(state, "unverifiedProviderId")}
            />
            <TextField id={id("setting")} label="Setting" name="setting" required maxLength={MAX_SERVICE_TEXT} list={id("settings")} defaultValue={text("setting", service?.setting)} errors={errorsFor(state, "setting")} />
            <TextField id={id("startDate")} label="Start date" name="startDate" type="date" required defaultValue={text("startDate", service ? service.startDate : today)} errors={errorsFor(state, "startDate")} />
            <TextField id={id("endDate")} label="Last day" name="endDate" type="date" hint="Leave empty while it applies." defaultValue={text("endDate", service?.endDate)} errors={errorsFor(state, "endDate")} />
          </div>
          <SubmitButton>{service ? "Save service" : "Add service"}</SubmitButton>
        </form>
      </Fold>
    </div>
  );
}
