import type { Metadata } from "next";
import { StudentForm } from "@/components/students/student-form";
import { FormPage } from "@/components/ui/page";
import { getContext } from "@/server/auth/session";
import { getNewStudentForm } from "@/server/students/queries";

export const metadata: Metadata = { title: "Add a student" };

export default async function NewStudentPage() {
  const ctx = await getContext();
  const { schools } = await getNewStudentForm(ctx);
  return (
    <FormPage back={{ href: "/students", label: "All students" }} title="Add a student" wide>
      <StudentForm schools={schools} />
    </FormPage>
  );
}
