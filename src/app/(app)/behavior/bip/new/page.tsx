import type { Metadata } from "next";
import Link from "next/link";
import { BipForm } from "@/components/behavior/fba-forms";
import { FormPage } from "@/components/ui/page";
import { getContext } from "@/server/auth/session";
import { getNewBipForm } from "@/server/behavior/fba-queries";

export const metadata: Metadata = { title: "Write a BIP" };

export default async function NewBipPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getContext();
  const form = await getNewBipForm(ctx, await searchParams);
  const a = form.active;
  return (
    <FormPage wide back={{ href: `/behavior/fba/${form.fba.id}`, label: "Back to the FBA" }} title="Behaviour intervention plan" subtitle={`For ${form.student.name}${a ? `: a new version replaces version ${a.version}, which is kept.` : "."}`}>
      {form.fba.completed ? (
        <BipForm
          fbaId={form.fba.id}
          goals={form.goals}
          defaults={a ? { ...a, targetBehavior: a.targetBehavior } : { targetBehavior: form.fba.targetBehavior }}
        />
      ) : (
        <p>
          A BIP is written from a completed FBA.{" "}
          <Link href={`/behavior/fba/${form.fba.id}`} className="text-blue-800 underline">
            Complete the FBA first
          </Link>
          .
        </p>
      )}
    </FormPage>
  );
}
