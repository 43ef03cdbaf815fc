// The student record's frame (docs/decisions/013-student-record.md, 044): the
// profile is the case at a glance, a menu of these sections in this order,
// and ONE of them (the `section` query parameter; the history by default),
// each offered to the roles whose grant `requires` names (checked with can()
// on the student, caseload reach included) and, with `listed`, only when it
// applies to this user. A later feature (behaviour, IEP/504, meetings) adds
// its section with ONE entry in RECORD_SECTIONS (and its id in
// RECORD_SECTION_IDS, src/server/students/record-sections.ts): an id (the
// anchor and the view's name), a heading, the grant, and a server component
// that renders the body from the record. The section's data is read by
// getStudentProfile in the record's one transaction, only on the section's
// own view, through the feature's own `...In(tx, ctx, student, resource)`
// function (its checks, its audit entry). A body may still read its own
// data and return null when it has nothing for this user (the view then says
// so).
import Link from "next/link";
import type { ReactNode } from "react";
import { AccommodationsBody } from "@/components/accommodations/accommodations-section";
import { BehaviorSectionBody } from "@/components/behavior/behavior-section";
import { AssignForm } from "@/components/caseloads/assign-form";
import { GuardianContactsSectionBody } from "@/components/guardian-contacts/section";
import { CurrentCaseload } from "@/components/caseloads/current-caseload";
import { StudentIep504SectionBody, StudentIep504ServicesBody, StudentReferralsSectionBody } from "@/components/iep504/student-iep504-section";
import { StudentPlans } from "@/components/plans/student-plans";
import { DosageSummaryTable } from "@/components/sessions/dosage-summary";
import { ArchiveForm } from "@/components/students/archive-form";
import { formatDay, formatMoment, formatMomentDay, goesBy } from "@/components/students/format";
import { SetTierForm } from "@/components/tiers/set-tier-form";
import { Disclosure } from "@/components/ui/disclosure";
import { Fact } from "@/components/ui/section";
import { DataTable, Td, Tr } from "@/components/ui/table";
import type { Action } from "@/domain/permissions";
import { CASE_ROLE_LABEL } from "@/server/caseloads/schemas";
import { PLAN_STATUS_LABEL } from "@/server/plans/schemas";
import type { StudentProfile } from "@/server/students/queries";
import type { RecordSectionId } from "@/server/students/record-sections";
import { ageOn, GENDER_LABEL, GRADE_LABEL, RACE_LABEL } from "@/server/students/schemas";
import { AREA_LABEL, TIER_LABEL, tierWithMeaning } from "@/server/tiers/schemas";
import { HistoryFeed } from "./history-feed";

export interface RecordSectionProps {
  record: StudentProfile;
  /** "yyyy-mm-dd": the day the page renders. */
  today: string;
  /** The district's IANA time zone, in which moments are shown. */
  timeZone: string;
}

export interface RecordSection {
  /** The section's view (`?section=`), anchor and heading id. */
  id: RecordSectionId;
  /** Its heading, also the name of its region and of its link in the section menu. */
  heading: string;
  /** The grant a user needs on this student to see the section (src/domain/permissions.ts). */
  requires: Action;
  /**
   * Whether the menu offers the section to this user, beyond the grant: from
   * what every view of the record reads (may, the visibility of fields), never
   * from the section's own data, which only its view reads. Default yes.
   */
  listed?: (record: StudentProfile) => boolean;
  /**
   * The section's body: a server component, called as a function (so the page
   * knows before rendering whether a self-loading section has anything to
   * show). Null or a promise of null: the view says there is nothing to show.
   */
  Body: (props: RecordSectionProps) => ReactNode | Promise<ReactNode>;
}

const yesNo = (v: boolean) => (v ? "Yes" : "No");

function PlansBody({ record }: RecordSectionProps) {
  return <StudentPlans studentId={record.id} plans={record.plans!} mayWrite={record.may.writePlan} />;
}

function DosageBody({ record }: RecordSectionProps) {
  const dosage = record.dosage!;
  return (
    <>
      {dosage.length ? (
        <ul className="divide-y divide-slate-200">
          {dosage.map(({ plan, summary }) => (
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
      {record.may.exportServiceLog ? (
        <p className="mt-3">
          <Link href={`/students/${record.id}/service-log`} className="text-blue-800 underline">
            Service log (print or CSV)
          </Link>
        </p>
      ) : null}
    </>
  );
}

function AccommodationsSectionBody({ record, today }: RecordSectionProps) {
  return <AccommodationsBody studentId={record.id} accommodations={record.accommodations!} canManage={record.may.manageAccommodations && !record.archivedAt} today={today} />;
}

function TiersBody({ record, today }: RecordSectionProps) {
  const tiers = record.tiers!;
  return (
    <>
      {tiers.current.length ? (
        <dl className="mb-2">
          {tiers.current.map((t) => (
            <Fact key={t.area} term={AREA_LABEL[t.area]}>
              {tierWithMeaning(t.tier)} <span className="text-slate-700">since {formatDay(t.effectiveDate)}</span>
            </Fact>
          ))}
        </dl>
      ) : null}
      <p className="mb-4 text-slate-700">{tiers.current.length ? "Tier 1 (core instruction) for all other areas." : "Tier 1 (core instruction) in every area."}</p>
      <h3 className="mb-2 font-semibold">Tier history</h3>
      {tiers.history.length ? (
        <ol className="mb-4 border-l-2 border-slate-300 pl-4" aria-label="Tier decisions, newest first">
          {tiers.history.map((t) => (
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
      {record.may.setTier && !record.archivedAt ? (
        <Disclosure label="Set a tier">
          <SetTierForm studentId={record.id} today={today} />
        </Disclosure>
      ) : null}
    </>
  );
}

function CaseloadBody({ record, timeZone }: RecordSectionProps) {
  return (
    <>
      <CurrentCaseload assignments={record.currentCaseload} canEnd={record.may.assignCaseload} timeZone={timeZone} />
      {record.may.assignCaseload ? (
        <Disclosure label="Add someone to the case">
          <AssignForm staff={record.assignableStaff} studentIds={[record.id]} id="profile-assign" />
        </Disclosure>
      ) : null}
      {record.pastCaseload.length ? (
        <>
          <h3 className="mt-4 mb-2 font-semibold">Earlier caseload members</h3>
          <DataTable className="text-sm" caption="Earlier caseload members" columns={["Staff member", "Role on the case", "From", "To"]}>
            {record.pastCaseload.map((a) => (
              <Tr key={a.id}>
                <Td>{a.staffName}</Td>
                <Td>{CASE_ROLE_LABEL[a.role]}</Td>
                <Td>{formatMomentDay(a.startedAt, timeZone)}</Td>
                <Td>{a.endedAt ? formatMomentDay(a.endedAt, timeZone) : "—"}</Td>
              </Tr>
            ))}
          </DataTable>
        </>
      ) : null}
    </>
  );
}

function FactsBody({ record, today }: RecordSectionProps) {
  const preferred = goesBy(record);
  const legalName = [record.legalFirstName, record.legalMiddleName, record.legalLastName].filter(Boolean).join(" ");
  const s = record.sensitive;
  return (
    <>
      <dl>
        <Fact term="Legal name">{legalName}</Fact>
        {preferred ? <Fact term="Preferred name">{preferred}</Fact> : null}
        <Fact term="Local student id">
          <span className="font-mono">{record.localId}</span>
        </Fact>
        <Fact term="School">{record.schoolName}</Fact>
        <Fact term="Grade">{GRADE_LABEL[record.grade]}</Fact>
        {s ? (
          <Fact term="Date of birth">
            {s.dateOfBirth ? `${formatDay(s.dateOfBirth)} (age ${ageOn(s.dateOfBirth, today)})` : "Not recorded"}
          </Fact>
        ) : null}
        <Fact term="Gender">{GENDER_LABEL[record.gender]}</Fact>
        <Fact term="English learner">{yesNo(record.englishLearner)}</Fact>
        <Fact term="Home language">{record.homeLanguage ?? "Not recorded"}</Fact>
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
      {record.may.edit ? (
        <p className="mt-3 print:hidden">
          <Link href={`/students/${record.id}/edit`} className="text-blue-800 underline">
            Edit the student&apos;s details
          </Link>
        </p>
      ) : null}
    </>
  );
}

function GuardiansBody({ record }: RecordSectionProps) {
  const guardians = record.guardians!;
  if (!guardians.length) return <p className="text-slate-700">No guardians recorded.</p>;
  return (
    <ul className="divide-y divide-slate-200">
      {guardians.map((g) => (
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
                <dd className="inline break-all">
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
  );
}

function HistoryBody({ record, timeZone }: RecordSectionProps) {
  const { entries, total } = record.recentHistory!;
  return (
    <>
      {entries.length ? <HistoryFeed entries={entries} label="Latest history, newest first" timeZone={timeZone} /> : <p className="text-slate-700">Nothing recorded yet.</p>}
      <p className="mt-2 print:hidden">
        <Link href={`/students/${record.id}/history`} className="text-blue-800 underline">
          Full history{total > entries.length ? ` (${total} entries)` : ""}, with filters
        </Link>
      </p>
    </>
  );
}

function AccessHistoryBody({ record, timeZone }: RecordSectionProps) {
  const events = record.accessHistory!;
  return (
    <>
      <p className="mb-2 text-sm text-slate-700">The latest {events.length} events about this student, newest first (times in the district&apos;s time zone).</p>
      <p className="mb-2 print:hidden">
        <Link href={`/students/${record.id}/access-record`} className="text-blue-800 underline">
          Record of access
        </Link>{" "}
        <span className="text-sm text-slate-700">(every access and disclosure over any dates, printable and as CSV, for a family&apos;s request)</span>
      </p>
      <DataTable className="text-sm" caption="Events about this student, newest first" columns={["When", "Who", "Action", "What"]}>
        {events.map((e) => (
          <Tr key={e.id}>
            <Td className="whitespace-nowrap">
              <time dateTime={e.createdAt.toISOString()}>{formatMoment(e.createdAt, timeZone)}</time>
            </Td>
            <Td>{e.actorName ?? "—"}</Td>
            <Td>{e.action.replaceAll("_", " ")}</Td>
            <Td>
              {e.what}
              {e.note ? <span className="text-slate-700"> ({e.note})</span> : null}
            </Td>
          </Tr>
        ))}
      </DataTable>
    </>
  );
}

function ArchiveBody({ record }: RecordSectionProps) {
  return <ArchiveForm studentId={record.id} archived={Boolean(record.archivedAt)} />;
}

/**
 * The record's sections, in page order. Most-read first: the plans and
 * progress, then delivery, what staff must honour, tiers, the people, the
 * story (history) and the administrative parts.
 */
export const RECORD_SECTIONS: readonly RecordSection[] = [
  // The view the record opens with (DEFAULT_RECORD_SECTION): what happened lately, under the case at a glance.
  { id: "history", heading: "History", requires: "student.view", Body: HistoryBody },
  { id: "plans", heading: "Plans", requires: "plan.view", listed: (r) => r.plans !== null, Body: PlansBody },
  { id: "dosage", heading: "Sessions and dosage", requires: "session.view", Body: DosageBody },
  // Behaviour and IEP/504 come with the record, read under their own access checks and audit (decisions 014, 015).
  { id: "behavior", heading: "Behaviour", requires: "incident.view", Body: ({ record }) => (record.behavior ? <BehaviorSectionBody data={record.behavior} /> : null) },
  { id: "accommodations", heading: "Accommodations", requires: "accommodation.view", Body: AccommodationsSectionBody },
  { id: "iep504", heading: "IEP and 504", requires: "iep504.view", Body: ({ record }) => StudentIep504SectionBody({ data: record.specialEd }) },
  // Assistants see no IEP/504 record, only the services of one they deliver (provider-scoped: offered when they deliver one).
  { id: "iep504-services", heading: "IEP and 504 services you deliver", requires: "service.view", listed: (r) => r.providesServices && !r.may.viewSpecialEd, Body: ({ record }) => StudentIep504ServicesBody({ data: record.specialEd }) },
  // Referrals are the case managers' (their own check); iep504.view is the least a viewer has.
  { id: "referrals", heading: "Referral for evaluation", requires: "iep504.view", listed: (r) => r.may.viewReferrals, Body: ({ record }) => StudentReferralsSectionBody({ data: record.specialEd }) },
  { id: "tiers", heading: "Tiers", requires: "tier.view", Body: TiersBody },
  { id: "caseload", heading: "Caseload", requires: "student.view", Body: CaseloadBody },
  { id: "facts", heading: "Key facts", requires: "student.view", Body: FactsBody },
  { id: "guardians", heading: "Guardians", requires: "student.viewSensitive", Body: GuardiansBody },
  // Contacts with the family read their own data under guardianContact.view, with their own audit (decision 031).
  { id: "family-contacts", heading: "Contacts with the family", requires: "guardianContact.view", Body: ({ record, today }) => GuardianContactsSectionBody({ studentId: record.id, today }) },
  { id: "access-history", heading: "Access history", requires: "student.accessHistory", Body: AccessHistoryBody },
  { id: "archive", heading: "Archive or restore", requires: "student.archive", Body: ArchiveBody },
];

/** The sections the menu offers this user on this student, in page order. */
export function recordSectionsFor(can_: (action: Action) => boolean, record: StudentProfile): RecordSection[] {
  return RECORD_SECTIONS.filter((s) => can_(s.requires) && (s.listed?.(record) ?? true));
}
