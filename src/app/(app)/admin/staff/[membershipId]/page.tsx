import type { Metadata } from "next";
import Link from "next/link";
import { getContext } from "@/server/auth/session";
import { getStaffForEdit } from "@/server/staff/queries";
import { StaffForm } from "../staff-form";

export const metadata: Metadata = { title: "Edit staff member" };

export default async function EditStaffPage({ params }: { params: Promise<{ membershipId: string }> }) {
  const ctx = await getContext();
  const { schools, ...member } = await getStaffForEdit(ctx, (await params).membershipId);
  return (
    <>
      <p className="mb-2">
        <Link href="/admin/staff" className="text-blue-800 underline">
          All staff
        </Link>
      </p>
      <h1 className="mb-1 text-2xl font-semibold">{member.name}</h1>
      <p className="mb-4 text-slate-700">{member.email}</p>
      <div className="max-w-lg rounded-lg border border-slate-300 bg-white p-4">
        <StaffForm schools={schools} member={member} />
      </div>
    </>
  );
}
