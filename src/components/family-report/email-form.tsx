"use client";
import { useActionState } from "react";
import { useResultKey } from "@/components/students/use-result-key";
import { errorsFor, valueOf, type ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { emailFamilyReport } from "@/server/family-report/actions";

/**
 * "Email to guardian" (decision 038): the guardian's address on record, which
 * the sender may correct; the PDF goes as an attachment through the
 * district's SMTP server and the disclosure is recorded once it is sent.
 */
export function EmailReportForm({ planId, studentId, guardianId, guardianEmail }: { planId: string; studentId: string; guardianId: string | null; guardianEmail: string | null }) {
  const [state, action] = useActionState<ActionState, FormData>(emailFamilyReport, null);
  const key = useResultKey(state);
  return (
    <form action={action} key={key} noValidate className="max-w-md rounded-md border border-slate-300 p-3">
      <h2 className="mb-2 text-lg font-semibold">Email to guardian</h2>
      <FormMessage state={state} />
      <input type="hidden" name="unverifiedPlanId" value={planId} />
      <input type="hidden" name="unverifiedStudentId" value={studentId} />
      {guardianId ? <input type="hidden" name="unverifiedGuardianId" value={guardianId} /> : null}
      <TextField
        label="Guardian's email"
        name="email"
        id="family-report-email"
        type="email"
        required
        autoComplete="off"
        hint={guardianEmail ? "The address on the student's record. The PDF is attached; sending it is recorded as a disclosure." : "No email on the student's record for this guardian: type the address they gave you."}
        defaultValue={valueOf(state, "email") ?? guardianEmail ?? ""}
        errors={errorsFor(state, "email")}
      />
      <SubmitButton>Email the report</SubmitButton>
    </form>
  );
}
