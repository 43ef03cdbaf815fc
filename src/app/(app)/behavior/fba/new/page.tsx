import type { Metadata } from "next";
import { NewFbaForm } from "@/components/behavior/fba-forms";
import { FormPage } from "@/components/ui/page";
import { getContext } from "@/server/auth/session";
import { getNewFbaForm } from "@/server/behavior/fba-queries";
import { recordHref } from "@/server/students/record-sections";

export const metadata: Metadata = { title: "Start an FBA" };

export default async function NewFbaPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getContext();
  const { student } = await getNewFbaForm(ctx, await searchParams);
  return (
    <FormPage back={{ href: recordHref(student.id, "behavior"), label: "Back to the student" }} title="Start an FBA" subtitle={`Functional behaviour assessment for ${student.name}.`}>
      <NewFbaForm studentId={student.id} />
    </FormPage>
  );
}
