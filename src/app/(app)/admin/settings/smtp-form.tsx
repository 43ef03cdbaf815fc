"use client";
import { useActionState } from "react";
import { useResultKey } from "@/components/students/use-result-key";
import { errorsFor, valueOf, type ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { removeSmtpSettings, saveSmtpSettings } from "@/server/settings/smtp-actions";
import type { SmtpSettingsView } from "@/server/settings/smtp";

const SECURITY = [
  { value: "STARTTLS", label: "STARTTLS (usually port 587)" },
  { value: "TLS", label: "TLS from the start (usually port 465)" },
  { value: "NONE", label: "None (a relay on the district's own network)" },
] as const;

/** The SMTP server family progress reports are emailed through (decision 038). The password is never shown. */
export function SmtpForm({ smtp }: { smtp: SmtpSettingsView | null }) {
  const [state, action] = useActionState<ActionState, FormData>(saveSmtpSettings, null);
  const [removed, remove] = useActionState<ActionState, FormData>(removeSmtpSettings, null);
  const key = useResultKey(state);
  return (
    <>
      {smtp ? null : <p className="mb-3 text-sm text-slate-700">Email is not set up: family progress reports can be printed or downloaded, but not emailed to guardians.</p>}
      <form action={action} key={key} noValidate>
        <FormMessage state={state} />
        <TextField label="SMTP server" name="host" id="smtp-host" required hint="For example smtp.office365.com or smtp.gmail.com." defaultValue={valueOf(state, "host") ?? smtp?.host} errors={errorsFor(state, "host")} />
        <TextField label="Port" name="port" id="smtp-port" required inputMode="numeric" defaultValue={valueOf(state, "port") ?? (smtp ? String(smtp.port) : "587")} errors={errorsFor(state, "port")} />
        <SelectField label="Encryption" name="security" id="smtp-security" required options={SECURITY} defaultValue={valueOf(state, "security") ?? smtp?.security ?? "STARTTLS"} errors={errorsFor(state, "security")} />
        <TextField label="User name" name="username" id="smtp-username" autoComplete="off" hint="Leave empty when the server takes mail without signing in." defaultValue={valueOf(state, "username") ?? smtp?.username ?? ""} errors={errorsFor(state, "username")} />
        <TextField
          label="Password"
          name="password"
          id="smtp-password"
          type="password"
          autoComplete="new-password"
          hint={smtp?.hasPassword ? "Stored encrypted and never shown. Leave empty to keep the stored password." : "Stored encrypted and never shown again."}
          errors={errorsFor(state, "password")}
        />
        <TextField label="From address" name="fromAddress" id="smtp-from" type="email" required hint="Guardians see emails come from this address and reply to it." defaultValue={valueOf(state, "fromAddress") ?? smtp?.fromAddress} errors={errorsFor(state, "fromAddress")} />
        <SubmitButton>Save email settings</SubmitButton>
      </form>
      {/* Outside the form: once removed, the confirmation stays. */}
      <div className="mt-4">
        <FormMessage state={removed} />
      </div>
      {smtp ? (
        <form action={remove} className="mt-4 border-t border-slate-200 pt-4">
          <SubmitButton variant="danger">Remove email settings</SubmitButton>
        </form>
      ) : null}
    </>
  );
}
