import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ROLE_LABEL } from "@/domain/permissions";
import { signOutAction } from "@/server/auth/actions";
import { getSessionState, pendingStepPath } from "@/server/auth/session";
import { listMyInvitations } from "@/server/invitations/queries";
import { InvitationAnswer } from "./invitation-answer";

export const metadata: Metadata = { title: "Invitations" };

const DAY = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", dateStyle: "medium" });

/**
 * Shown after sign-in when a district has invited the person (decision 009):
 * which district, which role and schools. Nothing of theirs reaches that
 * district unless they accept.
 */
export default async function InvitationsPage() {
  const state = await getSessionState();
  if (state.status === "signed-out") redirect("/sign-in");
  if (state.status === "change-password") redirect("/change-password");
  if (state.status === "second-factor" || state.status === "enrol-two-factor") redirect(pendingStepPath(state)!);
  const userId = state.status === "ready" ? state.ctx.userId : state.userId;
  const invitations = await listMyInvitations(userId);
  if (invitations.length === 0) redirect("/");
  const worksSomewhere = state.status !== "invited";
  return (
    <main id="main" className="mx-auto my-8 max-w-lg px-4 sm:my-16">
      <div className="rounded-lg border border-slate-300 bg-white p-5 shadow-sm sm:p-8">
        <h1 className="mb-1 text-2xl font-semibold">{invitations.length === 1 ? "You are invited" : "Your invitations"}</h1>
        <p className="mb-6 text-slate-700">
          Accept to start working in the district with the role below. Until you accept, that district sees only the name and email its
          administrator typed, and nothing about your sign-ins or your work elsewhere.
        </p>
        <ul className="space-y-4">
          {invitations.map((i) => (
            <li key={i.id} className="rounded-md border border-slate-300 p-4">
              <h2 className="text-lg font-semibold">{i.districtName}</h2>
              <dl className="mb-4 mt-2 space-y-1">
                <div className="flex flex-wrap gap-x-2">
                  <dt className="font-medium text-slate-800">Role:</dt>
                  <dd>{ROLE_LABEL[i.role]}</dd>
                </div>
                <div className="flex flex-wrap gap-x-2">
                  <dt className="font-medium text-slate-800">Schools:</dt>
                  <dd>{i.schools.length ? i.schools.join(", ") : "All schools of the district"}</dd>
                </div>
                <div className="flex flex-wrap gap-x-2">
                  <dt className="font-medium text-slate-800">Invited on:</dt>
                  <dd>{DAY.format(i.invitedAt)}</dd>
                </div>
              </dl>
              <InvitationAnswer invitationId={i.id} districtName={i.districtName} />
            </li>
          ))}
        </ul>
        <div className="mt-6 flex flex-wrap items-center gap-4">
          {worksSomewhere ? (
            <Link href="/" className="text-blue-800 underline">
              Decide later and continue to your work
            </Link>
          ) : null}
          <form action={signOutAction}>
            <button type="submit" className="text-blue-800 underline">
              Sign out
            </button>
          </form>
        </div>
      </div>
    </main>
  );
}
