import type { Metadata } from "next";
import { ClassList } from "@/components/classes/class-list";
import { FormPage } from "@/components/ui/page";
import { getContext } from "@/server/auth/session";
import { listClassesOfSchool } from "@/server/classes/queries";
import { getSchoolForEdit } from "@/server/schools/queries";
import { SchoolForm } from "../school-form";

export const metadata: Metadata = { title: "Edit school" };

export default async function EditSchoolPage({ params }: { params: Promise<{ schoolId: string }> }) {
  const ctx = await getContext();
  const school = await getSchoolForEdit(ctx, (await params).schoolId);
  const classes = await listClassesOfSchool(ctx, school.id);
  return (
    <>
      <FormPage back={{ href: "/admin/schools", label: "All schools" }} title={school.name}>
        <SchoolForm school={{ id: school.id, name: school.name, level: school.level, code: school.code, archived: Boolean(school.archivedAt) }} />
      </FormPage>
      <section aria-labelledby="classes" className="mt-6 max-w-4xl">
        <h2 id="classes" className="mb-2 text-xl font-semibold">
          Classes
        </h2>
        <ClassList classes={classes} />
      </section>
    </>
  );
}
