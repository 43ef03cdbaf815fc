import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { TwoFactorSetup } from "@/components/account/two-factor";
import { signOutAction } from "@/server/auth/actions";
import { getSessionState, pendingStepPath } from "@/server/auth/session";
import { twoFactorStatus } from "@/server/auth/two-factor";

export const metadata: Metadata = { title: "Set up two-factor authentication" };

/**
 * A required enrolment after the password (decision 033): an administrator,
 * or anyone in a district that requires it, whose grace is over. Nothing else
 * opens until it is done.
 */
export default async function RequiredSetupPage() {
  const state = await getSessionState();
  if (state.status === "signed-out") redirect("/sign-in");
  if (state.status !== "enrol-two-factor") redirect(pendingStepPath(state) ?? "/");
  const { pending } = await twoFactorStatus(state.userId);
  return (
    <main id="main" className="mx-auto mt-16 max-w-lg rounded-lg border border-slate-300 bg-white p-6 shadow-sm sm:p-8">
      <h1 className="mb-1 text-2xl font-semibold">Set up two-factor authentication</h1>
      <p className="mb-6 text-slate-700">
        {state.name}, your role or your district requires a second step at sign-in: a code from an app on your phone. Set it up now to continue.
      </p>
      <TwoFactorSetup pending={pending} continueHref="/" continueLabel="I saved my recovery codes: continue" />
      <form action={signOutAction} className="mt-6">
        <button type="submit" className="text-blue-800 underline">
          Cancel and sign out
        </button>
      </form>
    </main>
  );
}
