import type { Metadata } from "next";
import { StudentForm } from "@/components/students/student-form";
import { fullName } from "@/components/students/format";
import { FormPage } from "@/components/ui/page";
import { getContext } from "@/server/auth/session";
import { getStudentForEdit } from "@/server/students/queries";

// A generic title: browser history keeps titles, and names stay out of it.
export const metadata: Metadata = { title: "Edit student" };

export default async function EditStudentPage({ params }: { params: Promise<{ studentId: string }> }) {
  const ctx = await getContext();
  const { student, schools } = await getStudentForEdit(ctx, (await params).studentId);
  return (
    <FormPage
      back={{ href: `/students/${student.id}`, label: "Back to the profile" }}
      title={`Edit ${fullName(student)}`}
      notice={
        student.archived ? (
          <p className="mb-4 rounded-md border border-slate-500 bg-slate-100 p-3">This student is archived. Restore them from their profile.</p>
        ) : null
      }
      wide
    >
      <StudentForm
        schools={schools}
        student={{
          id: student.id,
          version: student.version,
          localId: student.localId,
          legalFirstName: student.legalFirstName,
          legalMiddleName: student.legalMiddleName,
          legalLastName: student.legalLastName,
          preferredName: student.preferredName,
          dateOfBirth: student.dateOfBirth,
          grade: student.grade,
          schoolId: student.schoolId,
          gender: student.gender,
          hispanicLatino: student.hispanicLatino,
          races: student.races,
          englishLearner: student.englishLearner,
          economicallyDisadvantaged: student.economicallyDisadvantaged,
          homeLanguage: student.homeLanguage,
          guardians: student.guardians,
        }}
      />
    </FormPage>
  );
}
