import type { Metadata } from "next";
import { SessionForm } from "@/components/sessions/session-form";
import { formatDay } from "@/components/students/format";
import { FormPage } from "@/components/ui/page";
import { getContext } from "@/server/auth/session";
import { getSessionForEdit, studentsLabel } from "@/server/sessions/queries";
import { AUTHOR_EDIT_DAYS } from "@/server/sessions/schemas";

export const metadata: Metadata = { title: "Change a session" };

export default async function EditSessionPage({ params }: { params: Promise<{ sessionId: string }> }) {
  const ctx = await getContext();
  const { right, plan, components, today, session } = await getSessionForEdit(ctx, (await params).sessionId);
  return (
    <FormPage
      back={{ href: `/plans/${plan.id}/sessions`, label: "Back to the plan's sessions" }}
      title={`Change the session of ${formatDay(session.date)}: ${plan.title}`}
      subtitle={studentsLabel(plan)}
      wide
    >
      {right === "expired" ? (
        <p className="rounded-md border border-slate-500 bg-slate-100 p-3">
          You can change a session you logged for {AUTHOR_EDIT_DAYS} days after logging it. Ask your coordinator to correct this one.
        </p>
      ) : (
        <SessionForm plan={plan} components={components} today={today} mode={{ kind: "edit", session }} />
      )}
    </FormPage>
  );
}
