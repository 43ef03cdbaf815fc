import type { Metadata } from "next";
import { AbcForm } from "@/components/behavior/fba-forms";
import { FormPage } from "@/components/ui/page";
import { getContext } from "@/server/auth/session";
import { getAbcForm } from "@/server/behavior/fba-queries";
import { recordHref } from "@/server/students/record-sections";

export const metadata: Metadata = { title: "Record an ABC observation" };

export default async function NewAbcPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getContext();
  const form = await getAbcForm(ctx, await searchParams);
  return (
    <FormPage back={{ href: recordHref(form.student.id, "behavior"), label: "Back to the student" }} title="ABC observation" subtitle={`${form.student.name}: antecedent, behaviour, consequence.`}>
      <AbcForm studentId={form.student.id} clientKey={form.clientKey} today={form.today} />
    </FormPage>
  );
}
