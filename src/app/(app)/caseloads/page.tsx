import type { Metadata } from "next";
import Link from "next/link";
import { AssignForm } from "@/components/caseloads/assign-form";
import { BalanceSummary, BalanceTable } from "@/components/caseloads/balance-table";
import { Pagination } from "@/components/caseloads/pagination";
import { UnassignedStudents } from "@/components/caseloads/unassigned-students";
import { buttonClass } from "@/components/ui/button-class";
import { FilterNotice } from "@/components/ui/filter-notice";
import { SelectField } from "@/components/ui/field";
import { getContext } from "@/server/auth/session";
import { getCaseloadOverview } from "@/server/caseloads/queries";
import { AREA_LABEL, AREA_OPTIONS, TIER_LABEL, TIER_OPTIONS } from "@/server/tiers/schemas";

export const metadata: Metadata = { title: "Caseloads" };

const BULK_FORM = "bulk-assign";

export default async function CaseloadsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getContext();
  const { schools, school, balance, unassigned, staff, tier, notUnderstood } = await getCaseloadOverview(ctx, await searchParams);
  const where = school ? school.name : ctx.schoolIds.length ? "your schools" : "the district";
  const inTier = tier ? ` in ${TIER_LABEL[tier.tier]} for ${AREA_LABEL[tier.area].toLowerCase()}` : "";
  const pageHref = (page: number) =>
    `/caseloads?${new URLSearchParams({ ...(school ? { school: school.id } : {}), ...(tier ? { tierArea: tier.area, tier: tier.tier } : {}), page: String(page) })}`;
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Caseloads</h1>
      <FilterNotice notUnderstood={notUnderstood} showing="the caseloads" />

      <form method="get" action="/caseloads" className="mb-6 flex flex-wrap items-end gap-3">
        {schools.length > 1 ? (
          <SelectField
            label="School"
            name="school"
            options={schools.map((s) => ({ value: s.id, label: s.name }))}
            placeholder={ctx.schoolIds.length ? "All your schools" : "All schools"}
            defaultValue={school?.id}
          />
        ) : null}
        <SelectField label="Area" name="tierArea" options={AREA_OPTIONS} placeholder="Any area" defaultValue={tier?.area} />
        <SelectField label="Tier" name="tier" options={TIER_OPTIONS} placeholder="Any tier" defaultValue={tier?.tier} />
        <button type="submit" className={`${buttonClass("secondary")} mb-4`}>
          Show
        </button>
        <p className="w-full text-sm text-slate-700">Area and tier narrow the students with no caseload member to those currently in that tier for that area; choose both.</p>
      </form>

      <section aria-labelledby="balance-heading" className="mb-8">
        <h2 id="balance-heading" className="mb-2 text-xl font-semibold">
          Caseload sizes in {where}
        </h2>
        <p className="mb-3 text-slate-700">Current assignments of students in {where}, largest caseloads first. Choose a name to see and change that caseload.</p>
        <h3 className="mb-2 text-lg font-semibold">By staff role</h3>
        <div className="mb-4">
          <BalanceSummary summary={balance.byStaffRole} />
        </div>
        <h3 className="mb-2 text-lg font-semibold">By staff member</h3>
        <BalanceTable rows={balance.rows} />
      </section>

      <section aria-labelledby="unassigned-heading">
        <h2 id="unassigned-heading" className="mb-2 text-xl font-semibold">
          Students with no caseload member{inTier} ({unassigned.total})
        </h2>
        {unassigned.total === 0 ? (
          <p className="text-slate-700">{tier ? `No student in ${where}${inTier} is without a caseload member.` : `Every student in ${where} has someone on their case.`}</p>
        ) : (
          <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
            <div>
              <UnassignedStudents rows={unassigned.rows} formId={BULK_FORM} caption={`Students in ${where}${inTier} with no caseload member`} />
              <Pagination label="Pages of students with no caseload member" page={unassigned.page} pageCount={unassigned.pageCount} hrefFor={pageHref} />
            </div>
            <div className="rounded-lg border border-slate-300 bg-white p-4 lg:self-start">
              <h3 className="mb-2 text-lg font-semibold">Assign the selected students</h3>
              <AssignForm id={BULK_FORM} staff={staff} submitLabel="Assign selected students" />
            </div>
          </div>
        )}
        <p className="mt-4">
          <Link href="/students" className="text-blue-800 underline">
            Find other students to assign
          </Link>
        </p>
      </section>
    </>
  );
}
