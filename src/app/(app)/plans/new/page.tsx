import type { Metadata } from "next";
import { PlanForm } from "@/components/plans/plan-form";
import { buttonClass } from "@/components/ui/button-class";
import { SelectField } from "@/components/ui/field";
import { FormPage } from "@/components/ui/page";
import { getContext } from "@/server/auth/session";
import { getNewPlanForm } from "@/server/plans/queries";
import { todayIso } from "@/server/students/schemas";

export const metadata: Metadata = { title: "New plan" };

export default async function NewPlanPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getContext();
  const form = await getNewPlanForm(ctx, await searchParams);
  const back = { href: "/plans", label: "All plans" };
  if (!form.school) {
    return (
      <FormPage back={back} title="New plan" subtitle="A plan's students are all at one school.">
        {form.schools.length ? (
          <form method="get" action="/plans/new">
            <SelectField label="School" name="school" required placeholder="Choose a school" options={form.schools.map((s) => ({ value: s.id, label: s.name }))} />
            <button type="submit" className={buttonClass()}>
              Continue
            </button>
          </form>
        ) : (
          <p className="text-slate-700">There are no students you may write a plan for.</p>
        )}
      </FormPage>
    );
  }
  return (
    <FormPage back={back} title="New plan" subtitle="A draft for one student or a group, in one area. Add its goals once it is created, then submit it for approval." wide>
      <PlanForm
        schoolName={form.school.name}
        students={form.students}
        preselected={form.preselected}
        interventions={form.interventions}
        interventionists={form.interventionists}
        today={todayIso()}
      />
    </FormPage>
  );
}
