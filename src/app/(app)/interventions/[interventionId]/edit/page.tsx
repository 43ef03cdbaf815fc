import type { Metadata } from "next";
import { InterventionForm } from "@/components/interventions/intervention-form";
import { FormPage } from "@/components/ui/page";
import { getContext } from "@/server/auth/session";
import { getInterventionForEdit } from "@/server/interventions/queries";

export const metadata: Metadata = { title: "Edit intervention" };

export default async function EditInterventionPage({ params }: { params: Promise<{ interventionId: string }> }) {
  const ctx = await getContext();
  const { measures, intervention } = await getInterventionForEdit(ctx, (await params).interventionId);
  // getInterventionForEdit answers 404 for an id that is not the district's, so an edit always has its intervention.
  const i = intervention!;
  return (
    <FormPage
      back={{ href: `/interventions/${i.id}`, label: "Back to the intervention" }}
      title={`Edit ${i.name}`}
      notice={i.retiredAt ? <p className="mb-4 rounded-md border border-slate-500 bg-slate-100 p-3">This intervention is retired. Restore it from its page.</p> : null}
      wide
    >
      <InterventionForm measures={measures} intervention={i} />
    </FormPage>
  );
}
