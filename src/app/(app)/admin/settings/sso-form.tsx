"use client";
import { useActionState } from "react";
import { useResultKey } from "@/components/students/use-result-key";
import { errorsFor, valueOf, type ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { TextAreaField, TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { removeSsoSettings, saveSsoSettings } from "@/server/settings/sso-actions";

interface Props {
  provider: { label: string; issuer: string; clientId: string; allowedDomains: string[] } | null;
  passwordSignIn: boolean;
  /** Where the provider sends people back, to register with it. */
  callbackUrl: string;
}

/** The district's OpenID Connect identity provider (decision 034). */
export function SsoForm({ provider, passwordSignIn, callbackUrl }: Props) {
  const [state, action] = useActionState<ActionState, FormData>(saveSsoSettings, null);
  const [removed, remove] = useActionState<ActionState, FormData>(removeSsoSettings, null);
  const key = useResultKey(state);
  const submittedPassword = valueOf(state, "passwordSignIn");
  return (
    <>
      <form action={action} key={key} noValidate>
        <FormMessage state={state} />
        <p className="mb-3 text-sm text-slate-700">
          Register this app with your provider (Google Workspace, Microsoft Entra ID, or any OpenID Connect provider) as a web application with the redirect URI{" "}
          <code className="break-all rounded bg-slate-100 px-1">{callbackUrl}</code>. Staff are matched by their verified email to the accounts you added here; signing in never creates an account.
        </p>
        <TextField label="Provider name on the sign-in button" name="label" id="sso-label" required maxLength={60} hint='Shown as "Sign in with …", for example Google Workspace.' defaultValue={valueOf(state, "label") ?? provider?.label} errors={errorsFor(state, "label")} />
        <TextField
          label="Issuer URL"
          name="issuer"
          id="sso-issuer"
          type="url"
          required
          hint="Google: https://accounts.google.com. Microsoft Entra ID: https://login.microsoftonline.com/<tenant id>/v2.0. Its discovery document is checked when you save."
          defaultValue={valueOf(state, "issuer") ?? provider?.issuer}
          errors={errorsFor(state, "issuer")}
        />
        <TextField label="Client id" name="clientId" id="sso-client-id" required autoComplete="off" defaultValue={valueOf(state, "clientId") ?? provider?.clientId} errors={errorsFor(state, "clientId")} />
        <TextField
          label="Client secret"
          name="clientSecret"
          id="sso-client-secret"
          type="password"
          autoComplete="new-password"
          required={!provider}
          hint={provider ? "Stored encrypted and never shown. Leave empty to keep the stored secret." : "Stored encrypted and never shown again."}
          errors={errorsFor(state, "clientSecret")}
        />
        <TextAreaField
          label="Allowed email domains"
          name="allowedDomains"
          id="sso-domains"
          required
          rows={3}
          hint="One per line, for example maplevalley.k12.us. Staff whose sign-in email is in another domain are refused; staff find this district on the sign-in page by these domains."
          defaultValue={valueOf(state, "allowedDomains") ?? provider?.allowedDomains.join("\n")}
          errors={errorsFor(state, "allowedDomains")}
        />
        <div className="mb-4 flex items-start gap-2">
          <input
            id="sso-password-sign-in"
            name="passwordSignIn"
            type="checkbox"
            defaultChecked={state && !state.ok ? submittedPassword === "on" : passwordSignIn}
            className="mt-1 size-5"
            aria-describedby="sso-password-sign-in-hint"
          />
          <div>
            <label htmlFor="sso-password-sign-in" className="font-medium text-slate-900">
              Staff may still sign in with a password
            </label>
            <p id="sso-password-sign-in-hint" className="text-sm text-slate-700">
              Untick to require single sign-on for everyone in this district, you included: sign in through it once before you do.
            </p>
          </div>
        </div>
        <SubmitButton>Save single sign-on</SubmitButton>
      </form>
      {/* Outside the form: once removed, the form goes (no provider), the confirmation stays. */}
      <div className="mt-4">
        <FormMessage state={removed} />
      </div>
      {provider ? (
        <form action={remove} className="mt-4 border-t border-slate-200 pt-4">
          <SubmitButton variant="danger">Remove single sign-on</SubmitButton>
        </form>
      ) : null}
    </>
  );
}
