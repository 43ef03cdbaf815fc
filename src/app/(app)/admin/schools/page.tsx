import type { Metadata } from "next";
import Link from "next/link";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { getContext } from "@/server/auth/session";
import { listSchools } from "@/server/schools/queries";
import { SCHOOL_LEVEL_LABEL } from "@/server/schools/schemas";
import { authorizePage } from "@/server/auth/policy";
import { SchoolForm } from "./school-form";

export const metadata: Metadata = { title: "Schools" };

export default async function SchoolsPage() {
  const ctx = await getContext();
  await authorizePage(ctx, "school.manage", { entityType: "School" });
  const schools = await listSchools(ctx, { includeArchived: true });
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Schools</h1>
      <div className="grid gap-8 lg:grid-cols-[2fr_1fr]">
        <section aria-labelledby="school-list">
          <h2 id="school-list" className="mb-2 text-lg font-semibold">
            Schools in {ctx.districtName}
          </h2>
          <DataTable caption={`Schools in ${ctx.districtName}`} columns={["Name", "Level", "Code", "Status"]}>
            {schools.map((s) => (
              <Tr key={s.id}>
                <Td>
                  <Link href={`/admin/schools/${s.id}`} className="text-blue-800 underline">
                    {s.name}
                  </Link>
                </Td>
                <Td>{SCHOOL_LEVEL_LABEL[s.level]}</Td>
                <Td>{s.code ?? "—"}</Td>
                <Td>{s.archivedAt ? "Archived" : "Active"}</Td>
              </Tr>
            ))}
          </DataTable>
        </section>
        <section aria-labelledby="add-school" className="rounded-lg border border-slate-300 bg-white p-4">
          <h2 id="add-school" className="mb-3 text-lg font-semibold">
            Add a school
          </h2>
          <SchoolForm />
        </section>
      </div>
    </>
  );
}
