import type { Metadata } from "next";
import { PlanForm } from "@/components/plans/plan-form";
import { FormPage } from "@/components/ui/page";
import { getContext } from "@/server/auth/session";
import { getPlanForEdit } from "@/server/plans/queries";
import { todayIso } from "@/server/students/schemas";
import { AREA_LABEL } from "@/server/tiers/schemas";

export const metadata: Metadata = { title: "Edit plan" };

export default async function EditPlanPage({ params }: { params: Promise<{ planId: string }> }) {
  const ctx = await getContext();
  const { plan, interventions, interventionists } = await getPlanForEdit(ctx, (await params).planId);
  const back = { href: `/plans/${plan.id}`, label: "Back to the plan" };
  const title = `Edit ${AREA_LABEL[plan.area].toLowerCase()} plan`;
  if (plan.status === "COMPLETED" || plan.status === "DISCONTINUED") {
    return (
      <FormPage back={back} title={title}>
        <p>This plan has ended, so it can no longer be changed.</p>
      </FormPage>
    );
  }
  return (
    <FormPage
      back={back}
      title={title}
      subtitle={plan.status === "ACTIVE" ? "The plan is active: a change of intervention, dosage or interventionists starts a new phase." : "A draft: its first phase follows your changes."}
      wide
    >
      <PlanForm schoolName={plan.schoolName} plan={plan} interventions={interventions} interventionists={interventionists} today={todayIso()} />
    </FormPage>
  );
}
