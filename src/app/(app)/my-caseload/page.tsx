import type { Metadata } from "next";
import { CaseloadTable } from "@/components/caseloads/caseload-table";
import { getContext } from "@/server/auth/session";
import { getMyCaseload } from "@/server/caseloads/queries";

export const metadata: Metadata = { title: "My caseload" };

export default async function MyCaseloadPage() {
  const ctx = await getContext();
  const rows = await getMyCaseload(ctx);
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">My caseload</h1>
      <p className="mb-3 text-slate-700">
        {rows.length === 1 ? "1 current assignment." : `${rows.length} current assignments.`}
      </p>
      <CaseloadTable rows={rows} caption="My current students" empty="No students are on your caseload yet." timeZone={ctx.timeZone} />
    </>
  );
}
