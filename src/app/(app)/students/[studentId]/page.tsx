import type { Metadata } from "next";
import Link from "next/link";
import { AccommodationsSection } from "@/components/accommodations/accommodations-section";
import { StudentIep504Section } from "@/components/iep504/student-iep504-section";
import { AssignForm } from "@/components/caseloads/assign-form";
import { CurrentCaseload } from "@/components/caseloads/current-caseload";
import { StudentPlans } from "@/components/plans/student-plans";
import { ArchiveForm } from "@/components/students/archive-form";
import { DosageSummaryTable } from "@/components/sessions/dosage-summary";
import { SetTierForm } from "@/components/tiers/set-tier-form";
import { formatDay, formatMoment, fullName, goesBy } from "@/components/students/format";
import { BackLink } from "@/components/ui/page";
import { Fact, Section } from "@/components/ui/section";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { can } from "@/domain/permissions";
import { getContext } from "@/server/auth/session";
import { CASE_ROLE_LABEL } from "@/server/caseloads/schemas";
import { ageOn, GENDER_LABEL, GRADE_LABEL, RACE_LABEL, todayIso } from "@/server/students/schemas";
import { getStudentProfile } from "@/server/students/queries";
import { AREA_LABEL, TIER_LABEL, tierWithMeaning } from "@/server/tiers/schemas";
import { PLAN_STATUS_LABEL } from "@/server/plans/schemas";

// A generic title: browser history keeps titles, and names stay out of it.
export const metadata: Metadata = { title: "Student profile" };

const yesNo = (v: boolean) => (v ? "Yes" : "No");

export default async function StudentProfilePage({ params }: { params: Promise<{ studentId: string }> }) {
  const ctx = await getContext();
  const student = await getStudentProfile(ctx, (await params).studentId);
  const preferred = goesBy(student);
  const legalName = [student.legalFirstName, student.legalMiddleName, student.legalLastName].filter(Boolean).join(" ");
  const s = student.sensitive;
  return (
    <>
      {can(ctx, "student.list", { districtId: ctx.districtId }) ? (
        <BackLink href="/students">All students</BackLink>
      ) : (
        <BackLink href="/my-caseload">My caseload</BackLink>
      )}
      <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">
            {fullName(student)}
            {preferred ? <span className="font-normal text-slate-800"> (goes by {preferred})</span> : null}
          </h1>
          <p className="text-slate-700">
            {GRADE_LABEL[student.grade]} · {student.schoolName} · Local id <span className="font-mono">{student.localId}</span>
          </p>
        </div>
        {student.may.edit ? (
          <Link href={`/students/${student.id}/edit`} className="rounded-md bg-blue-800 px-4 py-2 font-medium text-white hover:bg-blue-900">
            Edit student
          </Link>
        ) : null}
      </div>
      {student.archivedAt ? (
        <p className="mb-4 rounded-md border border-slate-500 bg-slate-100 p-3">
          <strong>Archived</strong> on {formatDay(student.archivedAt)}: hidden from the student list by default.
        </p>
      ) : null}

      <div className="grid gap-x-6 lg:grid-cols-2">
        <Section id="facts" title="Key facts">
          <dl>
            <Fact term="Legal name">{legalName}</Fact>
            {preferred ? <Fact term="Preferred name">{preferred}</Fact> : null}
            <Fact term="Local student id">
              <span className="font-mono">{student.localId}</span>
            </Fact>
            <Fact term="School">{student.schoolName}</Fact>
            <Fact term="Grade">{GRADE_LABEL[student.grade]}</Fact>
            {s ? (
              <Fact term="Date of birth">
                {formatDay(s.dateOfBirth)} (age {ageOn(s.dateOfBirth, todayIso())})
              </Fact>
            ) : null}
            <Fact term="Gender">{GENDER_LABEL[student.gender]}</Fact>
            <Fact term="English learner">{yesNo(student.englishLearner)}</Fact>
            <Fact term="Home language">{student.homeLanguage ?? "Not recorded"}</Fact>
            {s ? (
              <>
                <Fact term="Hispanic or Latino">{yesNo(s.hispanicLatino)}</Fact>
                <Fact term="Race">{s.races.length ? s.races.map((r) => RACE_LABEL[r]).join(", ") : "Not recorded"}</Fact>
                <Fact term="Economically disadvantaged">{yesNo(s.economicallyDisadvantaged)}</Fact>
                <Fact term="IEP">{yesNo(s.hasIep)}</Fact>
                <Fact term="504 plan">{yesNo(s.has504)}</Fact>
              </>
            ) : null}
          </dl>
        </Section>

        <div>
          <Section id="caseload" title="Caseload">
            <CurrentCaseload assignments={student.currentCaseload} canEnd={student.may.assignCaseload} />
            {student.may.assignCaseload ? (
              <div className="mt-4">
                <h3 className="mb-2 font-semibold">Add someone to the case</h3>
                <AssignForm staff={student.assignableStaff} studentIds={[student.id]} id="profile-assign" />
              </div>
            ) : null}
            {student.pastCaseload.length ? (
              <>
                <h3 className="mt-4 mb-2 font-semibold">Earlier caseload members</h3>
                <DataTable className="text-sm" columns={["Staff member", "Role on the case", "From", "To"]}>
                  {student.pastCaseload.map((a) => (
                    <Tr key={a.id}>
                      <Td>{a.staffName}</Td>
                      <Td>{CASE_ROLE_LABEL[a.role]}</Td>
                      <Td>{formatDay(a.startedAt)}</Td>
                      <Td>{a.endedAt ? formatDay(a.endedAt) : "—"}</Td>
                    </Tr>
                  ))}
                </DataTable>
              </>
            ) : null}
          </Section>

          {s ? (
            <Section id="guardians" title="Guardians">
              {s.guardians.length ? (
                <ul className="divide-y divide-slate-200">
                  {s.guardians.map((g) => (
                    <li key={g.id} className="py-2">
                      <p className="font-medium">
                        {g.name} <span className="font-normal text-slate-700">({g.relationship})</span>
                      </p>
                      <dl className="text-sm">
                        {g.phone ? (
                          <div>
                            <dt className="inline text-slate-700">Phone: </dt>
                            <dd className="inline">
                              <a href={`tel:${g.phone.replace(/[^0-9+]/g, "")}`} className="text-blue-800 underline">
                                {g.phone}
                              </a>
                            </dd>
                          </div>
                        ) : null}
                        {g.email ? (
                          <div>
                            <dt className="inline text-slate-700">Email: </dt>
                            <dd className="inline">
                              <a href={`mailto:${g.email}`} className="text-blue-800 underline">
                                {g.email}
                              </a>
                            </dd>
                          </div>
                        ) : null}
                        {g.preferredLanguage ? (
                          <div>
                            <dt className="inline text-slate-700">Preferred language: </dt>
                            <dd className="inline">{g.preferredLanguage}</dd>
                          </div>
                        ) : null}
                      </dl>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="text-slate-700">No guardians recorded.</p>
              )}
            </Section>
          ) : null}

          {student.may.archive ? (
            <Section id="archive" title={student.archivedAt ? "Restore" : "Archive"}>
              <ArchiveForm studentId={student.id} archived={Boolean(student.archivedAt)} />
            </Section>
          ) : null}
        </div>
      </div>

      {student.accommodations ? (
        <AccommodationsSection
          studentId={student.id}
          accommodations={student.accommodations}
          canManage={student.may.manageAccommodations && !student.archivedAt}
          today={todayIso()}
        />
      ) : null}

      <div id="iep-504"><StudentIep504Section studentId={student.id} /></div>

      {student.tiers ? (
        <Section id="tiers" title="Tiers">
          {student.tiers.current.length ? (
            <dl className="mb-2">
              {student.tiers.current.map((t) => (
                <Fact key={t.area} term={AREA_LABEL[t.area]}>
                  {tierWithMeaning(t.tier)} <span className="text-slate-700">since {formatDay(t.effectiveDate)}</span>
                </Fact>
              ))}
            </dl>
          ) : null}
          <p className="mb-4 text-slate-700">
            {student.tiers.current.length ? "Tier 1 (core instruction) for all other areas." : "Tier 1 (core instruction) in every area."}
          </p>
          <h3 className="mb-2 font-semibold">Tier history</h3>
          {student.tiers.history.length ? (
            <ol className="mb-4 border-l-2 border-slate-300 pl-4" aria-label="Tier decisions, newest first">
              {student.tiers.history.map((t) => (
                <li key={t.id} className="mb-3">
                  <p>
                    <time dateTime={t.effectiveDate} className="font-medium">
                      {formatDay(t.effectiveDate)}
                    </time>
                    : {AREA_LABEL[t.area]}, {TIER_LABEL[t.tier]}
                  </p>
                  <p className="text-sm text-slate-700">
                    {t.reason} (decided by {t.decidedByName})
                  </p>
                </li>
              ))}
            </ol>
          ) : (
            <p className="mb-4 text-slate-700">No tier decisions recorded.</p>
          )}
          {student.may.setTier && !student.archivedAt ? (
            <>
              <h3 className="mb-2 font-semibold">Set a tier</h3>
              <SetTierForm studentId={student.id} today={todayIso()} />
            </>
          ) : null}
        </Section>
      ) : null}

      {student.plans ? (
        <Section id="plans" title="Plans">
          <StudentPlans studentId={student.id} plans={student.plans} mayWrite={student.may.writePlan} />
        </Section>
      ) : null}

      {student.dosage ? (
        <Section id="dosage" title="Dosage and fidelity">
          {student.dosage.length ? (
            <ul className="divide-y divide-slate-200">
              {student.dosage.map(({ plan, summary }) => (
                <li key={plan.id} className="py-3">
                  <h3 className="mb-1 font-semibold">
                    <Link href={`/plans/${plan.id}`} className="text-blue-800 underline">
                      {plan.title}
                    </Link>{" "}
                    <span className="font-normal text-slate-700">
                      ({AREA_LABEL[plan.area]}, {PLAN_STATUS_LABEL[plan.status].toLowerCase()}, since {formatDay(plan.startDate)})
                    </span>
                  </h3>
                  <DosageSummaryTable summary={summary} caption={`What this student received of ${plan.title}`} />
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-slate-700">No plan of this student has started yet.</p>
          )}
          {student.may.exportServiceLog ? (
            <p className="mt-3">
              <Link href={`/students/${student.id}/service-log`} className="text-blue-800 underline">
                Service log (print or CSV)
              </Link>
            </p>
          ) : null}
        </Section>
      ) : null}

      {student.accessHistory ? (
        <Section id="access-history" title="Access history">
          <p className="mb-2 text-sm text-slate-700">The latest {student.accessHistory.length} events about this student, newest first (times in UTC).</p>
          <DataTable className="text-sm" columns={["When", "Who", "Action", "What"]}>
            {student.accessHistory.map((e) => (
              <Tr key={e.id}>
                <Td className="whitespace-nowrap">
                  <time dateTime={e.createdAt.toISOString()}>{formatMoment(e.createdAt)}</time>
                </Td>
                <Td>{e.actorName ?? "—"}</Td>
                <Td>{e.action.replaceAll("_", " ")}</Td>
                <Td>
                  {e.entityType}
                  {e.note ? <span className="text-slate-700"> ({e.note})</span> : null}
                </Td>
              </Tr>
            ))}
          </DataTable>
        </Section>
      ) : null}
    </>
  );
}
