import type { Metadata } from "next";
import Link from "next/link";
import { getContext } from "@/server/auth/session";
import { getSchoolForEdit } from "@/server/schools/queries";
import { SchoolForm } from "../school-form";

export const metadata: Metadata = { title: "Edit school" };

export default async function EditSchoolPage({ params }: { params: Promise<{ schoolId: string }> }) {
  const ctx = await getContext();
  const school = await getSchoolForEdit(ctx, (await params).schoolId);
  return (
    <>
      <p className="mb-2">
        <Link href="/admin/schools" className="text-blue-800 underline">
          All schools
        </Link>
      </p>
      <h1 className="mb-4 text-2xl font-semibold">{school.name}</h1>
      <div className="max-w-lg rounded-lg border border-slate-300 bg-white p-4">
        <SchoolForm school={{ id: school.id, name: school.name, level: school.level, code: school.code, archived: Boolean(school.archivedAt) }} />
      </div>
    </>
  );
}
