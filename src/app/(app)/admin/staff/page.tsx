import type { Metadata } from "next";
import Link from "next/link";
import { getContext } from "@/server/auth/session";
import { listStaff } from "@/server/staff/queries";
import { ROLE_LABEL } from "@/domain/permissions";

export const metadata: Metadata = { title: "Staff" };

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
      <table className="w-full border-collapse bg-white text-left">
        <thead>
          <tr className="border-b border-slate-400">
            <th scope="col" className="p-2">Name</th>
            <th scope="col" className="p-2">Email</th>
            <th scope="col" className="p-2">Role</th>
            <th scope="col" className="p-2">Schools</th>
            <th scope="col" className="p-2">Status</th>
          </tr>
        </thead>
        <tbody>
          {staff.map((m) => (
            <tr key={m.id} className="border-b border-slate-200">
              <td className="p-2">
                <Link href={`/admin/staff/${m.id}`} className="text-blue-800 underline">
                  {m.user.name}
                </Link>
              </td>
              <td className="p-2">{m.user.email}</td>
              <td className="p-2">{ROLE_LABEL[m.role]}</td>
              <td className="p-2">{m.schools.length ? m.schools.map((s) => s.school.name).join(", ") : "All schools"}</td>
              <td className="p-2">{m.deactivatedAt ? "Deactivated" : "Active"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
