"use client";
import Link from "next/link";
import { useActionState } from "react";
import { errorsFor, type ActionState } from "@/components/ui/action-state";
import { SubmitButton } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import type { TwoFactorActionState } from "@/domain/two-factor";
import { changeTwoFactor, confirmTwoFactorSetup, resetStaffTwoFactor, startTwoFactorSetup, submitSecondFactor } from "@/server/auth/two-factor-actions";

// Two-factor authentication's forms (decision 033). Secrets and recovery codes
// are only ever in a page's markup or an action's answer: never in a URL,
// browser storage or a log.

const CODE_HINT = "The 6 digits your authenticator app shows now, or one of your recovery codes (like ABCDE-12345).";

/** The code step of a sign-in. */
export function SecondFactorForm() {
  const [state, action] = useActionState<ActionState, FormData>(submitSecondFactor, null);
  const signedOut = state && !state.ok && (state.error.code === "SIGNED_OUT" || state.error.code === "RATE_LIMITED");
  if (signedOut) {
    return (
      <>
        <FormMessage state={state} />
        <Link href="/sign-in" className="font-medium text-blue-800 underline">
          Sign in again
        </Link>
      </>
    );
  }
  return (
    <form action={action} noValidate>
      <FormMessage state={state && !state.ok && state.error.fieldErrors?.code ? null : state} />
      <TextField label="Code" name="code" autoComplete="one-time-code" required maxLength={20} hint={CODE_HINT} errors={errorsFor(state, "code")} />
      <SubmitButton>Verify</SubmitButton>
    </form>
  );
}

/** The ten recovery codes, shown once after enrolment or replacement. */
function RecoveryCodes({ codes, message }: { codes: string[]; message?: string }) {
  return (
    <div role="status" className="mb-4 rounded-md border border-green-700 bg-green-50 p-4 text-green-950">
      {message ? <p className="mb-2">{message}</p> : null}
      <h3 className="mb-1 font-semibold">Your recovery codes</h3>
      <p className="mb-2">
        Each one signs you in once if you lose your phone. Print them or write them down and keep them somewhere safe: they are shown only now.
      </p>
      <ol className="grid grid-cols-1 gap-1 font-mono text-lg min-[360px]:grid-cols-2">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ol>
    </div>
  );
}

export interface PendingSetup {
  qrSvg: string;
  secretText: string;
}

/**
 * Setting up: a button that offers a secret, then its QR code (inline SVG
 * made on the server) and the field for the first code. `continueHref` is
 * where the person goes once the recovery codes are saved.
 */
export function TwoFactorSetup({ pending, continueHref, continueLabel }: { pending: PendingSetup | null; continueHref: string; continueLabel: string }) {
  const [startState, start] = useActionState<ActionState, FormData>(startTwoFactorSetup, null);
  const [state, confirm] = useActionState<TwoFactorActionState, FormData>(confirmTwoFactorSetup, null);
  if (state?.ok && "recoveryCodes" in state) {
    return (
      <>
        <RecoveryCodes codes={state.recoveryCodes} message={state.message} />
        {/* A full page load, not a client navigation: the router's cached page (and this form's state, with the codes) must not come back. */}
        <a href={continueHref} className="inline-flex min-h-11 items-center rounded-md bg-blue-800 px-4 py-2 font-medium text-white hover:bg-blue-900">
          {continueLabel}
        </a>
      </>
    );
  }
  if (!pending) {
    return (
      <form action={start}>
        <FormMessage state={startState} />
        <p className="mb-3 text-slate-700">You need an authenticator app on your phone, such as Google Authenticator, Microsoft Authenticator or 1Password.</p>
        <SubmitButton>Set up two-factor authentication</SubmitButton>
      </form>
    );
  }
  return (
    <div>
      <ol className="mb-4 list-decimal space-y-2 pl-6">
        <li>Open your authenticator app and add an account.</li>
        <li>
          Scan this QR code. If you cannot scan it, type the key below it instead.
          <div role="img" aria-label="QR code to add this account to your authenticator app" className="my-3 h-48 w-48 border border-slate-300 bg-white" dangerouslySetInnerHTML={{ __html: pending.qrSvg }} />
          <p>
            Key: <span className="font-mono break-all">{pending.secretText}</span>
          </p>
        </li>
        <li>Enter the 6-digit code the app shows for this account.</li>
      </ol>
      <form action={confirm} noValidate>
        <FormMessage state={state && !state.ok && state.error.fieldErrors?.code ? null : (state as ActionState)} />
        <TextField label="Code from the app" name="code" id="setup-code" autoComplete="one-time-code" inputMode="numeric" required maxLength={20} errors={errorsFor(state as ActionState, "code")} />
        <SubmitButton>Turn on two-factor authentication</SubmitButton>
      </form>
    </div>
  );
}

/** For someone with two-factor on: new recovery codes, and turning it off where it is not required. */
export function TwoFactorManage({ required }: { required: boolean }) {
  const [codesState, newCodes] = useActionState<TwoFactorActionState, FormData>(changeTwoFactor, null);
  const [offState, turnOff] = useActionState<TwoFactorActionState, FormData>(changeTwoFactor, null);
  return (
    <div className="space-y-6">
      {codesState?.ok && "recoveryCodes" in codesState ? <RecoveryCodes codes={codesState.recoveryCodes} message={codesState.message} /> : null}
      <form action={newCodes} noValidate>
        <h3 className="mb-1 font-semibold">New recovery codes</h3>
        <p className="mb-2 text-slate-700">Used some, or lost the list? Ten new codes replace all the old ones.</p>
        <FormMessage state={codesState && !codesState.ok && codesState.error.fieldErrors?.code ? null : codesState?.ok && "recoveryCodes" in codesState ? null : (codesState as ActionState)} />
        <input type="hidden" name="change" value="new-codes" />
        <TextField label="Code from your app" name="code" id="new-codes-code" autoComplete="one-time-code" required maxLength={20} errors={errorsFor(codesState as ActionState, "code")} />
        <SubmitButton variant="secondary">Make new recovery codes</SubmitButton>
      </form>
      {required ? (
        <p className="text-slate-700">Two-factor authentication is required for your role or by your district, so it stays on. To move to a new phone, ask your administrator to reset it.</p>
      ) : (
        <form action={turnOff} noValidate>
          <h3 className="mb-1 font-semibold">Turn off two-factor authentication</h3>
          <FormMessage state={offState && !offState.ok && offState.error.fieldErrors?.code ? null : (offState as ActionState)} />
          <input type="hidden" name="change" value="disable" />
          <TextField label="Code from your app" name="code" id="turn-off-code" autoComplete="one-time-code" required maxLength={20} errors={errorsFor(offState as ActionState, "code")} />
          <SubmitButton variant="secondary">Turn off</SubmitButton>
        </form>
      )}
    </div>
  );
}

/** An administrator resets a staff member's second factor (Staff, then the person). */
export function ResetTwoFactor({ membershipId, name, enabledAt }: { membershipId: string; name: string; enabledAt: string | null }) {
  const [state, action] = useActionState<ActionState, FormData>(resetStaffTwoFactor, null);
  return (
    <section aria-labelledby="reset-two-factor" className="mt-8 max-w-xl border-t border-slate-300 pt-4">
      <h2 id="reset-two-factor" className="mb-2 text-lg font-semibold">
        Two-factor authentication
      </h2>
      <p className="mb-3 text-slate-700">
        {enabledAt ? `On since ${enabledAt}.` : "Not set up."} For someone who lost or replaced their phone: the reset removes their authenticator and recovery codes and signs {name} out everywhere; they set it up again at their next sign-in.
      </p>
      <FormMessage state={state} />
      <form action={action}>
        <input type="hidden" name="unverifiedMembershipId" value={membershipId} />
        <SubmitButton variant="secondary">Reset two-factor authentication</SubmitButton>
      </form>
    </section>
  );
}
