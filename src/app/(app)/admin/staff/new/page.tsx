import type { Metadata } from "next";
import { FormPage } from "@/components/ui/page";
import { getContext } from "@/server/auth/session";
import { getNewStaffForm } from "@/server/staff/queries";
import { StaffForm } from "../staff-form";

export const metadata: Metadata = { title: "Add a staff member" };

export default async function NewStaffPage() {
  const ctx = await getContext();
  const { schools } = await getNewStaffForm(ctx);
  return (
    <FormPage back={{ href: "/admin/staff", label: "All staff" }} title="Add a staff member">
      <StaffForm schools={schools} />
    </FormPage>
  );
}
