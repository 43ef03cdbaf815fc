import type { Metadata } from "next";
import { ResetPassword } from "@/components/account/reset-password";
import { ResetTwoFactor } from "@/components/account/two-factor";
import { formatMoment } from "@/components/students/format";
import { FormPage } from "@/components/ui/page";
import { getContext } from "@/server/auth/session";
import { getStaffForEdit } from "@/server/staff/queries";
import { memberTwoFactor } from "@/server/auth/two-factor";
import { StaffForm } from "../staff-form";

export const metadata: Metadata = { title: "Edit staff member" };

export default async function EditStaffPage({ params }: { params: Promise<{ membershipId: string }> }) {
  const ctx = await getContext();
  const { schools, ...member } = await getStaffForEdit(ctx, (await params).membershipId);
  // getStaffForEdit authorized and audited the view; this only adds the second factor's state (decision 033).
  const twoFactor = member.isSelf ? null : await memberTwoFactor(ctx.districtId, member.id);
  return (
    <FormPage back={{ href: "/admin/staff", label: "All staff" }} title={member.name} subtitle={member.email}>
      <StaffForm schools={schools} member={member} />
      {member.isSelf || member.deactivated ? null : <ResetPassword membershipId={member.id} name={member.name} />}
      {twoFactor && !member.deactivated ? (
        <ResetTwoFactor membershipId={member.id} name={member.name} enabledAt={twoFactor.enabledAt ? formatMoment(twoFactor.enabledAt, ctx.timeZone) : null} />
      ) : null}
    </FormPage>
  );
}
