import type { Metadata } from "next";
import Link from "next/link";
import { StudentForm } from "@/components/students/student-form";
import { getContext } from "@/server/auth/session";
import { getNewStudentForm } from "@/server/students/queries";

export const metadata: Metadata = { title: "Add a student" };

export default async function NewStudentPage() {
  const ctx = await getContext();
  const { schools } = await getNewStudentForm(ctx);
  return (
    <>
      <p className="mb-2">
        <Link href="/students" className="text-blue-800 underline">
          All students
        </Link>
      </p>
      <h1 className="mb-4 text-2xl font-semibold">Add a student</h1>
      <div className="max-w-3xl rounded-lg border border-slate-300 bg-white p-4">
        <StudentForm schools={schools} />
      </div>
    </>
  );
}
