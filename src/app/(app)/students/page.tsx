import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { StudentList } from "@/components/students/student-list";
import { can } from "@/domain/permissions";
import { getContext } from "@/server/auth/session";
import { getStudentListPage } from "@/server/students/queries";
import { studentListQueryOf } from "@/server/students/schemas";
import { FilterNotice } from "@/components/ui/filter-notice";

export const metadata: Metadata = { title: "Students" };

export default async function StudentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getContext();
  // Filters (never search text) may come in the address: a bookmarked or shared list.
  const { query, values, notUnderstood } = studentListQueryOf(await searchParams);
  // A search submitted without JavaScript is a form POST that renders this
  // page around the action's result: the default first page would be thrown away.
  const answeringFormPost = (await headers()).get("content-type")?.startsWith("multipart/form-data") ?? false;
  const data = await getStudentListPage(ctx, { firstPage: !answeringFormPost, query });
  return (
    <>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Students</h1>
        {can(ctx, "student.create", { districtId: ctx.districtId }) ? (
          <Link href="/students/new" className="rounded-md bg-blue-800 px-4 py-2 font-medium text-white hover:bg-blue-900">
            Add a student
          </Link>
        ) : null}
      </div>
      <FilterNotice notUnderstood={notUnderstood} showing="the students" />
      {/* Keyed by the address's filters: following a link to other filters (or to none) starts the list afresh. */}
      <StudentList key={new URLSearchParams(values).toString()} {...data} initialValues={values} />
    </>
  );
}
