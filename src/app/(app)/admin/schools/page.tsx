import type { Metadata } from "next";
import Link from "next/link";
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
          <table className="w-full border-collapse bg-white text-left">
            <thead>
              <tr className="border-b border-slate-400">
                <th scope="col" className="p-2">Name</th>
                <th scope="col" className="p-2">Level</th>
                <th scope="col" className="p-2">Code</th>
                <th scope="col" className="p-2">Status</th>
              </tr>
            </thead>
            <tbody>
              {schools.map((s) => (
                <tr key={s.id} className="border-b border-slate-200">
                  <td className="p-2">
                    <Link href={`/admin/schools/${s.id}`} className="text-blue-800 underline">
                      {s.name}
                    </Link>
                  </td>
                  <td className="p-2">{SCHOOL_LEVEL_LABEL[s.level]}</td>
                  <td className="p-2">{s.code ?? "—"}</td>
                  <td className="p-2">{s.archivedAt ? "Archived" : "Active"}</td>
                </tr>
              ))}
            </tbody>
          </table>
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
