import type { Metadata } from "next";
import { CaseloadTable } from "@/components/caseloads/caseload-table";
import { BackLink } from "@/components/ui/page";
import { ROLE_LABEL } from "@/domain/permissions";
import { getContext } from "@/server/auth/session";
import { getStaffCaseload } from "@/server/caseloads/queries";

export const metadata: Metadata = { title: "Staff caseload" };

export default async function StaffCaseloadPage({ params }: { params: Promise<{ membershipId: string }> }) {
  const ctx = await getContext();
  const caseload = await getStaffCaseload(ctx, (await params).membershipId);
  return (
    <>
      <BackLink href="/caseloads">All caseloads</BackLink>
      <h1 className="mb-1 text-2xl font-semibold">{caseload.name}&apos;s caseload</h1>
      <p className="mb-4 text-slate-700">
        {ROLE_LABEL[caseload.staffRole]} · {caseload.schoolNames.length ? caseload.schoolNames.join(", ") : "All schools"}
        {caseload.active ? null : " · Deactivated: reassign these students"}
      </p>
      <h2 className="mb-2 text-xl font-semibold">
        Current students{ctx.schoolIds.length ? " in your schools" : ""} ({caseload.rows.length})
      </h2>
      <CaseloadTable rows={caseload.rows} caption={`${caseload.name}'s current students`} canEnd empty="No current students." timeZone={ctx.timeZone} />
    </>
  );
}
