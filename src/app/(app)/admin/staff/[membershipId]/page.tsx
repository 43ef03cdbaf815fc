import type { Metadata } from "next";
import { ResetPassword } from "@/components/account/reset-password";
import { FormPage } from "@/components/ui/page";
import { getContext } from "@/server/auth/session";
import { getStaffForEdit } from "@/server/staff/queries";
import { StaffForm } from "../staff-form";

export const metadata: Metadata = { title: "Edit staff member" };

export default async function EditStaffPage({ params }: { params: Promise<{ membershipId: string }> }) {
  const ctx = await getContext();
  const { schools, ...member } = await getStaffForEdit(ctx, (await params).membershipId);
  return (
    <FormPage back={{ href: "/admin/staff", label: "All staff" }} title={member.name} subtitle={member.email}>
      <StaffForm schools={schools} member={member} />
      {member.isSelf || member.deactivated ? null : <ResetPassword membershipId={member.id} name={member.name} />}
    </FormPage>
  );
}
