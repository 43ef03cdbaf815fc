import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SecondFactorForm } from "@/components/account/two-factor";
import { signOutAction } from "@/server/auth/actions";
import { getSessionState, pendingStepPath } from "@/server/auth/session";

export const metadata: Metadata = { title: "Enter your code" };

/** The second step of a sign-in (decision 033): nothing opens until a code from the authenticator app or a recovery code is accepted. */
export default async function SecondFactorPage() {
  const state = await getSessionState();
  if (state.status === "signed-out") redirect("/sign-in");
  if (state.status !== "second-factor") redirect(pendingStepPath(state) ?? "/");
  return (
    <main id="main" className="mx-auto mt-16 max-w-md rounded-lg border border-slate-300 bg-white p-6 shadow-sm sm:p-8">
      <h1 className="mb-1 text-2xl font-semibold">Enter your code</h1>
      <p className="mb-6 text-slate-700">{state.name}, your account has two-factor authentication. Open your authenticator app and enter the code it shows for this account.</p>
      <SecondFactorForm />
      <form action={signOutAction} className="mt-6">
        <button type="submit" className="text-blue-800 underline">
          Cancel and sign out
        </button>
      </form>
      <p className="mt-4 text-sm text-slate-700">Lost your phone and your recovery codes? Ask your administrator to reset your two-factor authentication.</p>
    </main>
  );
}
