import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getSessionState, pendingStepPath } from "@/server/auth/session";
import { isSsoRefusal, SSO_REFUSALS } from "@/domain/sso";
import { SignInForm } from "./sign-in-form";
import { SsoForm } from "./sso-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const state = await getSessionState();
  if (state.status === "ready") redirect("/");
  if (state.status === "choose-district") redirect("/choose-district");
  if (state.status === "invited") redirect("/invitations");
  if (state.status === "change-password") redirect("/change-password");
  if (state.status === "second-factor" || state.status === "enrol-two-factor") redirect(pendingStepPath(state)!);
  // A single sign-on that came back refused (?sso=reason) or failed inside Auth.js (?error=type): no personal data in either.
  const { sso, error } = await searchParams;
  const ssoProblem = isSsoRefusal(sso) ? SSO_REFUSALS[sso] : typeof error === "string" ? SSO_REFUSALS.failed : null;
  return (
    <main id="main" className="mx-auto mt-16 max-w-md rounded-lg border border-slate-300 bg-white p-8 shadow-sm">
      <h1 className="mb-1 text-2xl font-semibold">Sign in</h1>
      <p className="mb-6 text-slate-700">MTSS case management for your district.</p>
      {ssoProblem ? (
        <p role="alert" className="mb-4 rounded-md border border-red-700 bg-red-50 p-3 text-red-900">
          {ssoProblem}
        </p>
      ) : null}
      <SignInForm />
      <section aria-labelledby="sso-heading" className="mt-8 border-t border-slate-300 pt-6">
        <h2 id="sso-heading" className="mb-1 text-lg font-semibold">
          Single sign-on
        </h2>
        <p className="mb-3 text-sm text-slate-700">If your district signs in with Google, Microsoft or another provider, enter your work email.</p>
        <SsoForm />
      </section>
    </main>
  );
}
