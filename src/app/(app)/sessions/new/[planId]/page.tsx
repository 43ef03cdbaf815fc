import type { Metadata } from "next";
import { SessionForm } from "@/components/sessions/session-form";
import { FormPage } from "@/components/ui/page";
import { getContext } from "@/server/auth/session";
import { getLogSessionForm, studentsLabel } from "@/server/sessions/queries";

export const metadata: Metadata = { title: "Log a session" };

export default async function LogSessionPage({ params, searchParams }: { params: Promise<{ planId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getContext();
  const { plan, date, today, components, probeGoals, clientKey } = await getLogSessionForm(ctx, (await params).planId, await searchParams);
  return (
    <FormPage back={{ href: "/sessions", label: "Back to Today" }} title={`Log a session: ${plan.title}`} subtitle={studentsLabel(plan)} wide>
      <SessionForm plan={plan} components={components} today={today} mode={{ kind: "new", clientKey, date, probeGoals }} />
    </FormPage>
  );
}
