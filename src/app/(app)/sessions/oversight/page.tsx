import type { Metadata } from "next";
import Link from "next/link";
import { Pagination } from "@/components/caseloads/pagination";
import { formatDay } from "@/components/students/format";
import { buttonClass } from "@/components/ui/button-class";
import { SelectField } from "@/components/ui/field";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { flagReasons, formatAmount, formatPercent, weekStart } from "@/domain/dosage";
import { ROLE_LABEL } from "@/domain/permissions";
import { getContext } from "@/server/auth/session";
import { getOversight, studentsLabel } from "@/server/sessions/queries";
import { AREA_LABEL } from "@/server/tiers/schemas";
import { FilterNotice } from "@/components/ui/filter-notice";

export const metadata: Metadata = { title: "Dosage oversight" };

export default async function OversightPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getContext();
  const { notUnderstood, schools, school, thresholds, period, activePlans, flagged, activity, today } = await getOversight(ctx, await searchParams);
  const where = school ? school.name : ctx.schoolIds.length ? "your schools" : "the district";
  const silent = activity.filter((a) => a.loggedThisWeek === 0).length;
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Dosage oversight</h1>
      <FilterNotice notUnderstood={notUnderstood} showing="the flagged plans" />
      {schools.length > 1 ? (
        <form method="get" action="/sessions/oversight" className="mb-6 flex flex-wrap items-end gap-3">
          <SelectField label="School" name="school" options={schools.map((s) => ({ value: s.id, label: s.name }))} placeholder={ctx.schoolIds.length ? "All your schools" : "All schools"} defaultValue={school?.id} />
          <button type="submit" className={`${buttonClass("secondary")} mb-4`}>
            Show
          </button>
        </form>
      ) : null}

      <section aria-labelledby="flagged-heading" className="mb-8">
        <h2 id="flagged-heading" className="mb-1 text-xl font-semibold">
          Plans below threshold in {where} ({flagged.total} of {activePlans} active)
        </h2>
        <p className="mb-3 text-slate-700">
          Delivered minutes below {thresholds.dosage}% of planned, or fidelity below {thresholds.fidelity}%, from {formatDay(period.from)} to {formatDay(period.to)} (the last 4 weeks); lowest minutes first.
        </p>
        {flagged.rows.length ? (
          <DataTable
            caption={`Active plans below threshold in ${where}`}
            className="text-sm"
            columns={["Plan", "Students", "Delivered by", { label: "Minutes planned", numeric: true }, { label: "Minutes delivered", numeric: true }, { label: "Minutes %", numeric: true }, { label: "Fidelity", numeric: true }, "Why flagged"]}
          >
            {flagged.rows.map(({ plan, figures }) => (
              <Tr key={plan.id}>
                <th scope="row" className="p-2 text-left font-normal">
                  <Link href={`/plans/${plan.id}/sessions`} className="text-blue-800 underline">
                    {plan.title}
                  </Link>
                  <span className="block text-slate-700">
                    {AREA_LABEL[plan.area]}
                    {school ? "" : ` · ${plan.schoolName}`}
                  </span>
                </th>
                <Td>{studentsLabel(plan)}</Td>
                <Td>{plan.interventionists.join(", ") || "—"}</Td>
                <Td numeric>{formatAmount(figures.planned.minutes)}</Td>
                <Td numeric>{figures.delivered.minutes}</Td>
                <Td numeric>{formatPercent(figures.minutesPercent)}</Td>
                <Td numeric>{formatPercent(figures.fidelityPercent)}</Td>
                <Td>{flagReasons(figures, thresholds).join("; ")}</Td>
              </Tr>
            ))}
          </DataTable>
        ) : (
          <p className="text-slate-700">Every active plan in {where} meets the thresholds.</p>
        )}
        <Pagination
          label="Pages of plans below threshold"
          page={flagged.page}
          pageCount={flagged.pageCount}
          hrefFor={(p) => `/sessions/oversight?${new URLSearchParams({ ...(school ? { school: school.id } : {}), page: String(p) })}`}
        />
      </section>

      <section aria-labelledby="activity-heading">
        <h2 id="activity-heading" className="mb-1 text-xl font-semibold">
          Logging this week ({silent} of {activity.length} have logged nothing)
        </h2>
        <p className="mb-3 text-slate-700">Everyone who delivers an active plan in {where}, those with no session logged since Monday first.</p>
        {activity.length ? (
          <DataTable
            caption={`Sessions logged this week by the interventionists of ${where}`}
            className="text-sm"
            columns={["Staff member", "Role", { label: "Active plans", numeric: true }, { label: "Sessions logged this week", numeric: true }, "Last session logged"]}
          >
            {activity.map((a) => (
              <Tr key={a.membershipId} className={a.loggedThisWeek === 0 ? "bg-amber-50" : undefined}>
                <th scope="row" className="p-2 text-left font-normal">
                  {a.name}
                </th>
                <Td>{ROLE_LABEL[a.role as keyof typeof ROLE_LABEL] ?? a.role}</Td>
                <Td numeric>{a.activePlans}</Td>
                <Td numeric>{a.loggedThisWeek === 0 ? <strong>None</strong> : a.loggedThisWeek}</Td>
                <Td>{a.lastLogged ? formatDay(a.lastLogged) : "Never"}</Td>
              </Tr>
            ))}
          </DataTable>
        ) : (
          <p className="text-slate-700">Nobody delivers an active plan in {where}.</p>
        )}
        <p className="mt-2 text-sm text-slate-700">This week: sessions dated from Monday {formatDay(weekStart(today))} to today.</p>
      </section>
    </>
  );
}
