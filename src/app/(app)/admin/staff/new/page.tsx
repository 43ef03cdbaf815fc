import type { Metadata } from "next";
import Link from "next/link";
import { getContext } from "@/server/auth/session";
import { getNewStaffForm } from "@/server/staff/queries";
import { StaffForm } from "../staff-form";

export const metadata: Metadata = { title: "Add a staff member" };

export default async function NewStaffPage() {
  const ctx = await getContext();
  const { schools } = await getNewStaffForm(ctx);
  return (
    <>
      <p className="mb-2">
        <Link href="/admin/staff" className="text-blue-800 underline">
          All staff
        </Link>
      </p>
      <h1 className="mb-4 text-2xl font-semibold">Add a staff member</h1>
      <div className="max-w-lg rounded-lg border border-slate-300 bg-white p-4">
        <StaffForm schools={schools} />
      </div>
    </>
  );
}
