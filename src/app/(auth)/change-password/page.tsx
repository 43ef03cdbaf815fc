import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { getSessionState } from "@/server/auth/session";

export const metadata: Metadata = { title: "Choose your password" };

/** After a temporary password from an administrator: nothing else opens until the person chooses their own (decision 025). */
export default async function ChangeTemporaryPasswordPage() {
  const state = await getSessionState();
  if (state.status === "signed-out") redirect("/sign-in");
  if (state.status !== "change-password") redirect("/");
  return (
    <main id="main" className="mx-auto mt-16 max-w-md rounded-lg border border-slate-300 bg-white p-6 shadow-sm sm:p-8">
      <h1 className="mb-1 text-2xl font-semibold">Choose your password</h1>
      <p className="mb-6 text-slate-700">
        {state.name}, you signed in with a temporary password from your administrator. It works only once: choose your own password now.
      </p>
      <ChangePasswordForm forced />
    </main>
  );
}
