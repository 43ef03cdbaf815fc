import type { Metadata } from "next";
import Link from "next/link";
import { MyDueDates } from "@/components/iep504/my-due-dates";
import { MyActionItems } from "@/components/meetings/my-action-items";
import { BalanceSummary } from "@/components/caseloads/balance-table";
import { CaseloadTable } from "@/components/caseloads/caseload-table";
import { ClassTable } from "@/components/classes/my-classes";
import { ServedTable } from "@/components/caseloads/served-table";
import { UnassignedStudents } from "@/components/caseloads/unassigned-students";
import { AttentionSection } from "@/components/dashboards/attention-section";
import { DashboardSummaryView, LINKED_DASHBOARDS } from "@/components/dashboards/dashboard-summary";
import { NeedsReviewSection } from "@/components/progress/review-table";
import { PlanTable, type PlanColumn } from "@/components/plans/plan-table";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { buttonClass } from "@/components/ui/button-class";
import { ROLE_LABEL, ROLES, scopeOf } from "@/domain/permissions";
import { getContext } from "@/server/auth/session";
import { getHome, type SchoolCount } from "@/server/dashboards/queries";
import { getDashboardSummary } from "@/server/dashboards/summary";
import type { HomePlans } from "@/server/plans/queries";
import { SCHOOL_LEVEL_LABEL } from "@/server/schools/schemas";

export const metadata: Metadata = { title: "Home" };

function Figure({ label, value }: { label: string; value: number }) {
  return (
    <div className="rounded-lg border border-slate-300 bg-white p-3">
      <dt className="text-sm text-slate-700">{label}</dt>
      <dd className="text-2xl font-semibold">{value.toLocaleString("en-US")}</dd>
    </div>
  );
}

/** Schools with their open students and how many have nobody on their case (linking to that school's caseloads). */
function SchoolTable({ schools, caption }: { schools: readonly SchoolCount[]; caption: string }) {
  if (schools.length === 0) return <p className="text-slate-700">No open schools.</p>;
  return (
    <DataTable
      caption={caption}
      columns={["School", "Level", { label: "Students", numeric: true }, { label: "With no caseload member", numeric: true }]}
    >
      {schools.map((s) => (
        <Tr key={s.id}>
          <th scope="row" className="p-2 text-left font-normal">
            <Link href={`/caseloads?school=${s.id}`} className="text-blue-800 underline">
              {s.name}
            </Link>
          </th>
          <Td>{SCHOOL_LEVEL_LABEL[s.level]}</Td>
          <Td numeric>{s.students.toLocaleString("en-US")}</Td>
          <Td numeric>{s.withoutCaseload.toLocaleString("en-US")}</Td>
        </Tr>
      ))}
    </DataTable>
  );
}

/** A home's list of plans needing attention: a heading with the count, the first rows, and the way to the rest. */
function PlansNeedingAttention({ id, title, plans, columns, empty, more, timeZone }: { id: string; title: string; plans: HomePlans; columns: PlanColumn[]; empty: string; more: string; timeZone: string }) {
  return (
    <section aria-labelledby={id} className="mb-6">
      <h2 id={id} className="mb-2 text-xl font-semibold">
        {title} ({plans.total.toLocaleString("en-US")})
      </h2>
      {plans.total === 0 ? (
        <p className="text-slate-700">{empty}</p>
      ) : (
        <>
          <PlanTable rows={plans.rows} caption={title} columns={columns} timeZone={timeZone} />
          {plans.total > plans.rows.length ? (
            <p className="mt-2">
              <Link href={more} className="text-blue-800 underline">
                See all {plans.total}
              </Link>
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}

export default async function HomePage() {
  const ctx = await getContext();
  const home = await getHome(ctx);

  if (home.kind === "classes") {
    return (
      <>
        <h1 className="mb-4 text-2xl font-semibold">Welcome, {ctx.name}</h1>
        <section aria-labelledby="classes-heading" className="mb-6">
          <h2 id="classes-heading" className="mb-2 text-xl font-semibold">
            My classes
          </h2>
          <ClassTable classes={home.classes} caption="Classes you teach" hrefOf={(id) => `/classes/${id}`} empty="You have no classes on the roster yet. Your district's roster import links you to your classes." />
        </section>
        <p className="flex flex-wrap gap-3">
          {scopeOf(ctx.role, "cico.rate") ? (
            <Link href="/behavior/cards" className={buttonClass()}>
              Rate today&apos;s report cards
            </Link>
          ) : null}
          {scopeOf(ctx.role, "screening.enterClass") ? (
            <Link href="/screening/classes" className={buttonClass("secondary")}>
              Enter screening scores
            </Link>
          ) : null}
        </p>
      </>
    );
  }

  if (home.kind === "district") {
    // The outcome dashboards' headlines (issue 18): administrators' home is where they look first.
    const outcomes = await getDashboardSummary(ctx);
    return (
      <>
        <h1 className="mb-4 text-2xl font-semibold">{ctx.districtName} overview</h1>
        <MyActionItems />
        <section aria-labelledby="students-heading" className="mb-6">
          <h2 id="students-heading" className="mb-2 text-xl font-semibold">
            Students
          </h2>
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
            <Figure label="Students" value={home.totalStudents} />
            <Figure label="With no caseload member" value={home.withoutCaseload} />
            <Figure label="Open schools" value={home.schools.length} />
          </dl>
        </section>
        <AttentionSection attention={home.attention} />
        {outcomes.ok ? (
          <section aria-labelledby="outcomes-heading" className="mb-6">
            <h2 id="outcomes-heading" className="mb-2 text-xl font-semibold">
              Outcomes this school year
            </h2>
            <DashboardSummaryView summary={outcomes.data} age={outcomes.age} headingLevel={3} />
            <ul className="mt-3 list-disc pl-5">
              {LINKED_DASHBOARDS.map((x) => (
                <li key={x.href}>
                  <Link href={x.href} className="text-blue-800 underline">
                    {x.title}
                  </Link>
                  : {x.what}
                </li>
              ))}
            </ul>
            <p className="mt-2">
              <Link href="/dashboards" className="text-blue-800 underline">
                All dashboards
              </Link>
            </p>
          </section>
        ) : null}
        <section aria-labelledby="staff-heading" className="mb-6">
          <h2 id="staff-heading" className="mb-2 text-xl font-semibold">
            Active staff
          </h2>
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
            {ROLES.map((role) => (
              <Figure key={role} label={`${ROLE_LABEL[role]}s`} value={home.staffByRole[role]} />
            ))}
          </dl>
        </section>
        <section aria-labelledby="schools-heading">
          <h2 id="schools-heading" className="mb-2 text-xl font-semibold">
            Schools
          </h2>
          <SchoolTable schools={home.schools} caption="Students per school" />
        </section>
      </>
    );
  }

  if (home.kind === "schools") {
    const title = home.schools.length === 1 ? `${home.schools[0]!.name} overview` : "Your schools";
    return (
      <>
        <h1 className="mb-4 text-2xl font-semibold">{title}</h1>
        <MyActionItems />
        {home.awaitingApproval ? (
          <PlansNeedingAttention
            timeZone={ctx.timeZone}
            id="awaiting-heading"
            title="Plans awaiting approval"
            plans={home.awaitingApproval}
            columns={["area", "author", "submitted"]}
            empty="No plans are waiting for your approval."
            more="/plans?status=awaiting"
          />
        ) : null}
        <AttentionSection attention={home.attention} />
        {home.needsReview ? <NeedsReviewSection list={home.needsReview} /> : null}
        <section aria-labelledby="students-heading" className="mb-6">
          <h2 id="students-heading" className="mb-2 text-xl font-semibold">
            Students ({home.totalStudents.toLocaleString("en-US")})
          </h2>
          <SchoolTable schools={home.schools} caption="Students per school" />
        </section>
        <section aria-labelledby="balance-heading" className="mb-6">
          <h2 id="balance-heading" className="mb-2 text-xl font-semibold">
            Caseload balance
          </h2>
          <BalanceSummary summary={home.balance} />
          <p className="mt-2">
            <Link href="/caseloads" className="text-blue-800 underline">
              Balance caseloads
            </Link>
          </p>
        </section>
        <section aria-labelledby="unassigned-heading">
          <h2 id="unassigned-heading" className="mb-2 text-xl font-semibold">
            Students with no caseload member ({home.unassigned.total.toLocaleString("en-US")})
          </h2>
          {home.unassigned.total === 0 ? (
            <p className="text-slate-700">Every student has someone on their case.</p>
          ) : (
            <>
              <UnassignedStudents rows={home.unassigned.rows} caption="First students with no caseload member" />
              <p className="mt-2">
                <Link href="/caseloads#unassigned-heading" className="text-blue-800 underline">
                  {home.unassigned.total > home.unassigned.rows.length ? `See all ${home.unassigned.total} and assign them` : "Assign them"}
                </Link>
              </p>
            </>
          )}
        </section>
      </>
    );
  }

  const students = home.served ? home.served.length : new Set((home.caseload ?? []).map((r) => r.student.id)).size;
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Welcome, {ctx.name}</h1>
      <MyActionItems />
      <MyDueDates />
      {scopeOf(ctx.role, "session.log") ? (
        <p className="mb-6">
          <Link href="/sessions" className={buttonClass()}>
            Today&apos;s sessions
          </Link>
        </p>
      ) : null}
      {home.plans.kind === "deliverer" ? (
        <PlansNeedingAttention
            timeZone={ctx.timeZone}
          id="delivered-heading"
          title="Plans you deliver"
          plans={home.plans.delivered}
          columns={["dosage", "schedule"]}
          empty="You are not delivering any active plans."
          more="/plans?status=ACTIVE"
        />
      ) : (
        <>
          {home.plans.sentBack.total ? (
            <PlansNeedingAttention timeZone={ctx.timeZone} id="sent-back-heading" title="Your drafts sent back" plans={home.plans.sentBack} columns={["area", "comment"]} empty="" more="/plans?status=DRAFT" />
          ) : null}
          <PlansNeedingAttention
            timeZone={ctx.timeZone}
            id="review-heading"
            title="Plans past their review date"
            plans={home.plans.pastReview}
            columns={["area", "review", "interventionists"]}
            empty="None of your plans is past its review date."
            more="/plans?status=overdue"
          />
        </>
      )}
      {home.needsReview ? <NeedsReviewSection list={home.needsReview} /> : null}
      <section aria-labelledby="caseload-heading">
        <h2 id="caseload-heading" className="mb-2 text-xl font-semibold">
          {home.served ? "Students you serve" : "Your caseload"} ({students})
        </h2>
        {home.served ? (
          <ServedTable rows={home.served} caption="Students you serve" empty="You are not serving any students yet." />
        ) : (
          <CaseloadTable rows={home.caseload ?? []} caption="Your current students" empty="No students are on your caseload yet." timeZone={ctx.timeZone} />
        )}
      </section>
    </>
  );
}
