import { randomUUID } from "node:crypto";
import Link from "next/link";
import { formatDay } from "@/components/students/format";
import { Fold } from "@/components/ui/fold";
import { Fact } from "@/components/ui/section";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { dueWords, daysUntil } from "@/domain/iep504/dates";
import type { ServiceView } from "@/server/iep504/queries";
import { FREQUENCY_LABEL, PLAN_STATUS_LABEL, PLAN_TYPE_LABEL } from "@/server/iep504/schemas";
import { ServiceMinutesForm } from "./minutes-form";
import { ServiceForm, SpecialEdPlanForm } from "./plan-form";
import { ServiceWeeksTable } from "./service-weeks";
import { ReferralClock } from "./referral-clock";
import { StartReferralForm, UpdateReferralForm } from "./referral-forms";
import { REFERRAL_OUTCOME_LABEL, REFERRAL_STATUS_LABEL } from "@/server/referrals/schemas";
import type { StudentSpecialEd } from "@/server/iep504/queries";

/** A due date with how far away it is; overdue ones in words a screen reader says too. */
function Due({ date, today }: { date: string | null; today: string }) {
  if (!date) return <span className="text-slate-700">Not recorded</span>;
  const late = daysUntil(date, today) < 0;
  return (
    <>
      <time dateTime={date}>{formatDay(date)}</time>{" "}
      <span className={late ? "font-semibold text-red-800" : "text-slate-700"}>({dueWords(date, today)})</span>
    </>
  );
}

const serviceWhen = (s: ServiceView) => (s.endDate ? `${formatDay(s.startDate)} to ${formatDay(s.endDate)}` : `since ${formatDay(s.startDate)}`);

function ServicesTable({ services, caption, today }: { services: ServiceView[]; caption: string; today: string }) {
  return (
    <>
    <DataTable className="text-sm" caption={caption} columns={["Service", "Required", "Provider", "Setting", "When", "Last 4 weeks"]}>
      {services.map((s) => (
        <Tr key={s.id}>
          <Td>{s.area}</Td>
          <Td className="whitespace-nowrap">
            {s.minutes} min {FREQUENCY_LABEL[s.frequency]}
          </Td>
          <Td>
            {s.providerRole}
            {s.provider ? <span className="text-slate-700"> ({s.provider.name})</span> : null}
          </Td>
          <Td>{s.setting}</Td>
          <Td>{serviceWhen(s)}</Td>
          <Td>{s.shortfall ? <span className="font-semibold text-red-800">Shortfall</span> : "Met"}</Td>
        </Tr>
      ))}
    </DataTable>
    {services.map((s) => (
      <Fold key={s.id} className="mt-2" summary={`Minutes per week: ${s.area}${s.mayLog ? " (log minutes)" : ""}`}>
        <ServiceWeeksTable weeks={s.weeks} caption={`Required and delivered minutes of ${s.area} per week`} />
        {s.mayLog ? <ServiceMinutesForm serviceId={s.id} today={today} clientKey={randomUUID()} label={`Log minutes of ${s.area}`} /> : null}
      </Fold>
    ))}
    </>
  );
}


/**
 * The bodies of the student record's IEP/504 sections (RECORD_SECTIONS,
 * docs/decisions/013-student-record.md), self-contained (they read the
 * session and the data themselves, with the data's own checks and audit):
 * each null (the frame leaves the section out) for a viewer who may see none
 * of it. Those who see the records: each record with its legal dates, case
 * manager, disability category (for those who may see it), link to the
 * district's IEP system and services.
 */
export function StudentIep504SectionBody({ data }: { data: StudentSpecialEd | null }) {
  if (!data?.seesRecords) return null;
  const { plans, staff, today } = data;
  return (
    <>
      <p className="mb-3 text-sm text-slate-700">The plans themselves are kept in the district&apos;s IEP system; here are the dates and services staff must honour.</p>
      {plans.length ? (
        <ul className="space-y-4">
          {plans.map((p) => (
            <li key={p.id} className="rounded-md border border-slate-300 p-3">
              <h3 className="font-semibold">
                {PLAN_TYPE_LABEL[p.type]} <span className="font-normal text-slate-700">· {PLAN_STATUS_LABEL[p.status]}</span>
              </h3>
              {p.migratedFromFlag ? (
                <p className="my-2 rounded-md border border-amber-700 bg-amber-50 p-2 text-sm text-amber-950">
                  Recorded from the former yes/no flag: its dates are not entered yet.
                </p>
              ) : null}
              <dl className="text-sm">
                <Fact term="Start date">{p.startDate ? formatDay(p.startDate) : "Not recorded"}</Fact>
                <Fact term="Last meeting">{p.lastMeetingDate ? formatDay(p.lastMeetingDate) : "Not recorded"}</Fact>
                <Fact term="Annual review due">
                  <Due date={p.annualReviewDue} today={today} />
                </Fact>
                <Fact term="Re-evaluation due">
                  <Due date={p.reevaluationDue} today={today} />
                </Fact>
                <Fact term="Case manager">{p.caseManager?.name ?? "Nobody named"}</Fact>
                {p.mayViewDisability ? (
                  <>
                    {p.type === "IEP" ? <Fact term="Disability category">{p.disabilityCategory?.label ?? "Not recorded"}</Fact> : null}
                    <Fact term="Last evaluation">{p.lastEvaluationDate ? formatDay(p.lastEvaluationDate) : "Not recorded"}</Fact>
                  </>
                ) : null}
                <Fact term="Document">
                  {p.documentUrl ? (
                    <a href={p.documentUrl} className="text-blue-800 underline" rel="noopener noreferrer" target="_blank">
                      Open in the district&apos;s IEP system<span className="sr-only"> (opens in a new tab)</span>
                    </a>
                  ) : (
                    "No link recorded"
                  )}
                </Fact>
              </dl>
              <h4 className="mt-3 mb-1 font-semibold">Services</h4>
              {p.services.length ? <ServicesTable services={p.services} caption={`Services of the ${PLAN_TYPE_LABEL[p.type]}`} today={today} /> : <p className="text-sm text-slate-700">No services recorded.</p>}
              {p.mayManage && !data.archived ? (
                <>
                  {p.services.map((s) => (
                    <div key={s.id}>
                      <p className="mt-2 text-sm font-medium">{s.area}</p>
                      <ServiceForm planId={p.id} service={s} staff={staff} today={today} />
                    </div>
                  ))}
                  <ServiceForm planId={p.id} staff={staff} today={today} />
                  <SpecialEdPlanForm studentId={data.studentId} plan={p} staff={staff} showDisability={p.mayViewDisability} />
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-slate-700">No IEP or 504 plan recorded.</p>
      )}
      {data.mayCreate ? <SpecialEdPlanForm studentId={data.studentId} staff={staff} showDisability /> : null}
    </>
  );
}

/** For those who do not see the records (assistants): only the services they deliver to the student, if any. */
export function StudentIep504ServicesBody({ data }: { data: StudentSpecialEd | null }) {
  if (!data || data.seesRecords || !data.provided.length) return null;
  return <ServicesTable services={data.provided} caption="Services you deliver to this student" today={data.today} />;
}

/** The student's referrals for special-education evaluation, each with its legal clock (null for those who may not see them). */
export function StudentReferralsSectionBody({ data }: { data: StudentSpecialEd | null }) {
  return data?.referrals ? <ReferralsBody data={data} referrals={data.referrals} /> : null;
}

function ReferralsBody({ data, referrals }: { data: StudentSpecialEd; referrals: NonNullable<StudentSpecialEd["referrals"]> }) {
  const open = referrals.some((r) => r.status !== "OUTCOME");
  return (
    <>
      {referrals.length ? (
        <ul className="space-y-3">
          {referrals.map((r) => (
            <li key={r.id} className="rounded-md border border-slate-300 p-3">
              <h3 className="font-semibold">
                {REFERRAL_STATUS_LABEL[r.status]}
                {r.outcome ? <span className="font-normal text-slate-700"> · {REFERRAL_OUTCOME_LABEL[r.outcome]}</span> : null}
              </h3>
              <p className="my-1">{r.status === "OUTCOME" ? null : <ReferralClock clock={r.clock} />}</p>
              <dl className="text-sm">
                <Fact term="Referred">{formatDay(r.referredOn)}</Fact>
                <Fact term="Reason">{r.reason}</Fact>
                {r.concerns ? <Fact term="Concerns">{r.concerns}</Fact> : null}
                <Fact term="Consent requested">{r.consentRequestedOn ? formatDay(r.consentRequestedOn) : "Not yet"}</Fact>
                <Fact term="Parent consent">{r.consentDate ? formatDay(r.consentDate) : "Not yet"}</Fact>
                <Fact term="Eligibility meeting">{r.eligibilityMeetingOn ? formatDay(r.eligibilityMeetingOn) : "Not scheduled"}</Fact>
              </dl>
              <p className="mt-2">
                <Link href={`/referrals/${r.id}/packet`} className="font-medium text-blue-800 underline">
                  Referral packet<span className="sr-only"> of the referral of {formatDay(r.referredOn)}</span>
                </Link>
                <span className="text-sm text-slate-700"> (assembled from the intervention record; printable, with a PDF)</span>
              </p>
              {data.mayRefer ? <UpdateReferralForm referral={r} today={data.today} /> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-slate-700">No referral for evaluation.</p>
      )}
      {/* Kept mounted once a referral is open, so its confirmation stays on screen (only its form goes). */}
      {data.mayRefer ? <StartReferralForm studentId={data.studentId} today={data.today} canStart={!open} /> : null}
    </>
  );
}
