import type { Metadata } from "next";
import Link from "next/link";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { getContext } from "@/server/auth/session";
import { listStaff } from "@/server/staff/queries";
import { WithdrawInvitation } from "./withdraw-invitation";
import { ROLE_LABEL } from "@/domain/permissions";

export const metadata: Metadata = { title: "Staff" };

const STATUS_LABEL = {
  active: "Active",
  deactivated: "Deactivated",
  invited: "Invited (not yet accepted)",
  declined: "Invitation declined",
} as const;

export default async function StaffPage() {
  const ctx = await getContext();
  const staff = await listStaff(ctx);
  return (
    <>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Staff of {ctx.districtName}</h1>
        <Link href="/admin/staff/new" className="rounded-md bg-blue-800 px-4 py-2 font-medium text-white hover:bg-blue-900">
          Add a staff member
        </Link>
      </div>
      <DataTable caption={`Staff of ${ctx.districtName}`} columns={["Name", "Email", "Role", "Schools", "Status"]}>
        {staff.map((m) => (
          <Tr key={m.id}>
            <Td>
              {m.kind === "member" ? (
                <Link href={`/admin/staff/${m.id}`} className="text-blue-800 underline">
                  {m.name}
                </Link>
              ) : (
                m.name
              )}
            </Td>
            <Td>{m.email}</Td>
            <Td>{ROLE_LABEL[m.role]}</Td>
            <Td>{m.schools.length ? m.schools.join(", ") : "All schools"}</Td>
            <Td>
              {STATUS_LABEL[m.status]}
              {m.kind === "invitation" ? <WithdrawInvitation invitationId={m.id} name={m.name} /> : null}
            </Td>
          </Tr>
        ))}
      </DataTable>
    </>
  );
}
