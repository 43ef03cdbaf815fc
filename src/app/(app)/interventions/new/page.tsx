import type { Metadata } from "next";
import { InterventionForm } from "@/components/interventions/intervention-form";
import { FormPage } from "@/components/ui/page";
import { getContext } from "@/server/auth/session";
import { getNewInterventionForm } from "@/server/interventions/queries";

export const metadata: Metadata = { title: "Add an intervention" };

export default async function NewInterventionPage() {
  const ctx = await getContext();
  const { measures } = await getNewInterventionForm(ctx);
  return (
    <FormPage back={{ href: "/interventions", label: "All interventions" }} title="Add an intervention" wide>
      <InterventionForm measures={measures} />
    </FormPage>
  );
}
