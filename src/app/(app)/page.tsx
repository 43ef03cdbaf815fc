import type { Metadata } from "next";
import { ROLE_LABEL, ROLES } from "@/domain/permissions";
import { getContext } from "@/server/auth/session";
import { getHomeSummary } from "@/server/dashboards/queries";
import { SCHOOL_LEVEL_LABEL } from "@/server/schools/schemas";

export const metadata: Metadata = { title: "Home" };

export default async function HomePage() {
  const ctx = await getContext();
  const { schools, staffByRole } = await getHomeSummary(ctx);
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">{ctx.role === "ADMIN" ? `${ctx.districtName} overview` : `Welcome, ${ctx.name}`}</h1>
      {ctx.role === "ADMIN" ? (
        <section aria-labelledby="staff-heading" className="mb-6">
          <h2 id="staff-heading" className="mb-2 text-lg font-semibold">
            Active staff
          </h2>
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
            {ROLES.map((role) => (
              <div key={role} className="rounded-lg border border-slate-300 bg-white p-3">
                <dt className="text-sm text-slate-700">{ROLE_LABEL[role]}s</dt>
                <dd className="text-2xl font-semibold">{staffByRole[role] ?? 0}</dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}
      <section aria-labelledby="schools-heading">
        <h2 id="schools-heading" className="mb-2 text-lg font-semibold">
          {ctx.role === "ADMIN" ? `Schools (${schools.length})` : "Your schools"}
        </h2>
        <ul className="list-disc pl-6">
          {schools.map((s) => (
            <li key={s.id}>
              {s.name} <span className="text-slate-700">({SCHOOL_LEVEL_LABEL[s.level]})</span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
