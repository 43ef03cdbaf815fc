import type { Metadata } from "next";
import Link from "next/link";
import { IncidentForm } from "@/components/behavior/incident-form";
import { FormPage } from "@/components/ui/page";
import { can } from "@/domain/permissions";
import { getContext } from "@/server/auth/session";
import { getNewIncidentForm } from "@/server/behavior/queries";

export const metadata: Metadata = { title: "Record an incident" };

export default async function NewIncidentPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getContext();
  const form = await getNewIncidentForm(ctx, await searchParams);
  const back = form.preselected ? { href: `/students/${form.preselected}`, label: "Back to the student" } : { href: "/", label: "Home" };
  const noCodes = form.codes.BEHAVIOR.length === 0 || form.codes.LOCATION.length === 0;
  return (
    <FormPage back={back} title="Record an incident" subtitle="An office discipline referral: who, when, where, what and why.">
      {noCodes ? (
        <p>
          Your district has no behaviour codes to choose from yet.{" "}
          {can(ctx, "behaviorCode.manage", { districtId: ctx.districtId }) ? (
            <Link href="/admin/behavior-codes" className="text-blue-800 underline">
              Set up the behaviour codes
            </Link>
          ) : (
            "Ask your district administrator to set them up."
          )}
        </p>
      ) : form.students.length === 0 ? (
        <p>
          You have no students to choose from here. Open the student&apos;s profile and choose &ldquo;Record an incident&rdquo; there.
        </p>
      ) : (
        <IncidentForm students={form.students} preselected={form.preselected} codes={form.codes} reportId={form.reportId} today={form.today} />
      )}
    </FormPage>
  );
}
