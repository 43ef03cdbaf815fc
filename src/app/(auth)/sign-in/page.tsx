import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getSessionState, pendingStepPath } from "@/server/auth/session";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage() {
  const state = await getSessionState();
  if (state.status === "ready") redirect("/");
  if (state.status === "choose-district") redirect("/choose-district");
  if (state.status === "invited") redirect("/invitations");
  if (state.status === "change-password") redirect("/change-password");
  if (state.status === "second-factor" || state.status === "enrol-two-factor") redirect(pendingStepPath(state)!);
  return (
    <main id="main" className="mx-auto mt-16 max-w-md rounded-lg border border-slate-300 bg-white p-8 shadow-sm">
      <h1 className="mb-1 text-2xl font-semibold">Sign in</h1>
      <p className="mb-6 text-slate-700">MTSS case management for your district.</p>
      <SignInForm />
    </main>
  );
}
