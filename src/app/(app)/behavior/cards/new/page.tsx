import type { Metadata } from "next";
import Link from "next/link";
import { StartCardForm } from "@/components/cico/card-forms";
import { FormPage } from "@/components/ui/page";
import { getContext } from "@/server/auth/session";
import { getNewCardForm } from "@/server/cico/queries";
import { recordHref } from "@/server/students/record-sections";

export const metadata: Metadata = { title: "Start a daily report card" };

export default async function NewCardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getContext();
  const form = await getNewCardForm(ctx, await searchParams);
  if ("refused" in form) {
    return (
      <FormPage back={{ href: "/students", label: "Back to students" }} title="Daily report card">
        <p>{form.refused}</p>
      </FormPage>
    );
  }
  const back = { href: recordHref(form.student.id, "behavior"), label: "Back to the student" };
  if (form.openCardId) {
    return (
      <FormPage back={back} title="Daily report card" subtitle={form.student.name}>
        <p>
          {form.student.name} has an open daily report card already.{" "}
          <Link href={`/behavior/cards/${form.openCardId}`} className="text-blue-800 underline">
            Open the card
          </Link>{" "}
          to change its setup or end it.
        </p>
      </FormPage>
    );
  }
  return (
    <FormPage wide back={back} title="Start a daily report card" subtitle={`${form.student.name}: check-in/check-out, rated every period.`}>
      {form.plans.length ? (
        <StartCardForm studentId={form.student.id} plans={form.plans} defaults={form.defaults} today={form.today} />
      ) : (
        <p>
          A card is part of a behaviour plan, and {form.student.name} has no open behaviour plan.{" "}
          <Link href="/plans/new" className="text-blue-800 underline">
            Write a plan
          </Link>{" "}
          with the Check-In/Check-Out intervention first.
        </p>
      )}
    </FormPage>
  );
}
