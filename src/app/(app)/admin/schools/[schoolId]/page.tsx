import type { Metadata } from "next";
import { FormPage } from "@/components/ui/page";
import { getContext } from "@/server/auth/session";
import { getSchoolForEdit } from "@/server/schools/queries";
import { SchoolForm } from "../school-form";

export const metadata: Metadata = { title: "Edit school" };

export default async function EditSchoolPage({ params }: { params: Promise<{ schoolId: string }> }) {
  const ctx = await getContext();
  const school = await getSchoolForEdit(ctx, (await params).schoolId);
  return (
    <FormPage back={{ href: "/admin/schools", label: "All schools" }} title={school.name}>
      <SchoolForm school={{ id: school.id, name: school.name, level: school.level, code: school.code, archived: Boolean(school.archivedAt) }} />
    </FormPage>
  );
}
