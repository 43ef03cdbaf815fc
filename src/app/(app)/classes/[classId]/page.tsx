import type { Metadata } from "next";
import Link from "next/link";
import { ClassRoster } from "@/components/classes/roster";
import { BackLink } from "@/components/ui/page";
import { getContext } from "@/server/auth/session";
import { getClassRoster } from "@/server/classes/teacher";
import { GRADE_LABEL, type GradeLevel } from "@/server/students/schemas";

export const metadata: Metadata = { title: "Class roster" };

export default async function ClassRosterPage({ params }: { params: Promise<{ classId: string }> }) {
  const ctx = await getContext();
  const { classId } = await params;
  const { cls, rows, may } = await getClassRoster(ctx, classId);
  return (
    <>
      <BackLink href="/classes">My classes</BackLink>
      <h1 className="mb-1 text-2xl font-semibold">{cls.title}</h1>
      <p className="mb-4 text-slate-700">
        {cls.schoolName}
        {cls.periods ? `, period ${cls.periods}` : ""}
        {cls.code ? ` · ${cls.code}` : ""} · {rows.length === 1 ? "1 student" : `${rows.length} students`}
      </p>
      {may.enterScreening ? (
        <p className="mb-4">
          <Link href={`/screening/classes/${cls.id}`} className="text-blue-800 underline">
            Enter screening scores for this class
          </Link>
        </p>
      ) : null}
      <h2 className="mb-2 text-xl font-semibold">Students</h2>
      <ClassRoster students={rows} gradeLabel={(g) => GRADE_LABEL[g as GradeLevel] ?? g} may={may} />
    </>
  );
}
