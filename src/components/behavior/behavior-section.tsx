import Link from "next/link";
import { formatDay } from "@/components/students/format";
import { buttonClass } from "@/components/ui/button-class";
import { Fact } from "@/components/ui/section";
import { SEVERITY_LABEL } from "@/domain/behavior-codes";
import { STUDENT_INCIDENTS_SHOWN, studentSummaryOf, type StudentBehavior } from "@/server/behavior/queries";
import { BigFiveTables, IncidentsPerWeek } from "./big-five";
import { IncidentTable } from "./incident-table";
import { INCIDENT_STATUS_LABEL, timeOfMinute } from "@/server/behavior/schemas";

/**
 * The body of the student record's Behaviour section (RECORD_SECTIONS,
 * docs/decisions/013-student-record.md), from the data the record read with
 * its own checks and audit (studentBehaviorIn): incidents per week over the
 * school year, the big five, and the incidents.
 */
export function BehaviorSectionBody({ data }: { data: StudentBehavior }) {
  return (
    <>
      <div className="mb-3 flex flex-wrap gap-3">
        {data.mayRecord ? (
          <Link href={`/behavior/incidents/new?student=${data.studentId}`} className={buttonClass("primary")}>
            Record an incident
          </Link>
        ) : null}
        {data.plans.may.recordAbc ? (
          <Link href={`/behavior/abc/new?student=${data.studentId}`} className={buttonClass("secondary")}>
            Record ABC data
          </Link>
        ) : null}
      </div>
      <ActiveBip data={data} />
      <DailyCard data={data} />
      <Fbas data={data} />
      <Summary data={data} />
      <IncidentList data={data} />
    </>
  );
}

/** The active BIP, for everyone who serves the student: strategies and crisis plan, never the FBA's details. */
function ActiveBip({ data }: { data: StudentBehavior }) {
  const bip = data.plans.bip;
  if (!data.plans.may.viewBip) return null;
  if (!bip) return <p className="mb-3 text-slate-700">No behaviour intervention plan (BIP).</p>;
  return (
    <div className="mb-4 rounded-md border-2 border-blue-800 p-3" aria-labelledby="active-bip">
      <h3 id="active-bip" className="mb-2 font-semibold">
        Behaviour intervention plan (version {bip.version}, review by {formatDay(bip.reviewOn)})
      </h3>
      <dl>
        <Fact term="Target behaviour">{bip.targetBehavior}</Fact>
        <Fact term="Instead, the student will">{bip.replacementBehavior}</Fact>
        <Fact term="Prevention">{bip.prevention}</Fact>
        <Fact term="What we teach">{bip.teaching}</Fact>
        <Fact term="Reinforcement">{bip.reinforcement}</Fact>
        <Fact term="When it happens">{bip.response}</Fact>
        <Fact term="Crisis or safety plan">
          <ol className="list-decimal pl-5">
            {bip.crisisSteps.map((step, i) => (
              <li key={i}>{step}</li>
            ))}
          </ol>
          {bip.crisisContacts ? <p className="mt-1">Call: {bip.crisisContacts}</p> : null}
        </Fact>
        <Fact term="Progress measured by">
          {bip.goal ? (
            <Link href={`/goals/${bip.goal.id}`} className="text-blue-800 underline">
              {bip.goal.label} (goal graph)
            </Link>
          ) : (
            "No goal linked yet"
          )}
        </Fact>
        <Fact term="Implemented by">{bip.implementers}</Fact>
      </dl>
    </div>
  );
}

/** The open daily report card (CICO): the last rated days and the rules, or the way to start one. */
function DailyCard({ data }: { data: StudentBehavior }) {
  const cico = data.plans.cico;
  if (!cico) return null;
  const { card, may } = cico;
  if (!card) {
    return may.manage ? (
      <div className="mb-4">
        <h3 className="mb-1 font-semibold">Daily report card</h3>
        <p className="mb-1 text-slate-700">No open daily report card (check-in/check-out).</p>
        <Link href={`/behavior/cards/new?student=${data.studentId}`} className="font-medium text-blue-800 underline">
          Start a daily report card
        </Link>
      </div>
    ) : null;
  }
  const flags = card.rules.filter((r) => r.status === "flag");
  return (
    <div className="mb-4">
      <h3 className="mb-1 font-semibold">Daily report card</h3>
      <p className="mb-1">
        Daily goal {card.goalPercent}%, since {formatDay(card.startedOn)}.{" "}
        {card.recent.length ? `Last rated days: ${card.recent.map((d) => `${d.percent}%`).join(", ")} (newest first).` : "No rated days yet."}
      </p>
      {flags.map((r) => (
        <p key={r.key} className="mb-1 text-slate-900">
          <span className="font-medium">{r.key === "fade" ? "Ready to fade" : "Needs the team"}:</span> {r.finding}
        </p>
      ))}
      <p className="flex flex-wrap gap-x-4">
        <Link href={`/behavior/cards/${card.id}`} className="font-medium text-blue-800 underline">
          Open the card
        </Link>
        <Link href={`/goals/${card.goalId}`} className="font-medium text-blue-800 underline">
          Goal graph
        </Link>
      </p>
    </div>
  );
}

/** FBAs (for those who may see them) and the way to start one. */
function Fbas({ data }: { data: StudentBehavior }) {
  const { may, fbas, abcCount } = data.plans;
  if (!may.viewFba) return null;
  return (
    <div className="mb-4">
      <h3 className="mb-1 font-semibold">Functional behaviour assessments</h3>
      <p className="mb-1 text-sm text-slate-700">{abcCount === 1 ? "1 ABC record" : `${abcCount} ABC records`} collected.</p>
      {fbas.length ? (
        <ul className="mb-2">
          {fbas.map((f) => (
            <li key={f.id}>
              <Link href={`/behavior/fba/${f.id}`} className="text-blue-800 underline">
                {f.targetBehavior.length > 60 ? `${f.targetBehavior.slice(0, 59)}…` : f.targetBehavior}
              </Link>{" "}
              <span className="text-slate-700">({f.completedOn ? `completed ${formatDay(f.completedOn)}` : "in progress"})</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mb-2 text-slate-700">None.</p>
      )}
      {may.writeFba ? (
        <Link href={`/behavior/fba/new?student=${data.studentId}`} className="font-medium text-blue-800 underline">
          Start an FBA
        </Link>
      ) : null}
    </div>
  );
}

const rate = (n: number | null) => (n === null ? "no school days yet" : n.toFixed(2));

function Summary({ data }: { data: StudentBehavior }) {
  if (data.incidents.length === 0) return null;
  const { five, weeks, schoolDays, perDay } = studentSummaryOf(data);
  const majors = data.incidents.filter((i) => i.severity === "MAJOR").length;
  return (
    <>
      <h3 className="mb-1 font-semibold">How often</h3>
      <p className="mb-2">
        {five.count} {five.count === 1 ? "incident" : "incidents"} ({majors} major) in {schoolDays} school days: {rate(perDay)} a day.
      </p>
      <IncidentsPerWeek weeks={weeks} subject="this student" />
      <BigFiveTables five={five} />
    </>
  );
}

function IncidentList({ data }: { data: StudentBehavior }) {
  const shown = data.incidents.slice(0, STUDENT_INCIDENTS_SHOWN);
  if (shown.length === 0) return <p className="text-slate-700">No incidents since {formatDay(data.since)}.</p>;
  return (
    <>
      <h3 className="mt-4 mb-2 font-semibold">Incidents since {formatDay(data.since)}</h3>
      <p className="mb-2 text-sm text-slate-700">
        {data.incidents.length === 1 ? "1 incident" : `${data.incidents.length} incidents`}
        {data.incidents.length > shown.length ? `; the latest ${shown.length} are listed.` : "."}
      </p>
      <IncidentTable
        rows={shown.map((i) => ({
          id: i.id,
          when: `${formatDay(i.occurredOn)} ${timeOfMinute(i.occurredMinute)}`,
          behavior: i.behavior,
          severity: SEVERITY_LABEL[i.severity].toLowerCase(),
          location: i.location,
          status: INCIDENT_STATUS_LABEL[i.status],
        }))}
      />
    </>
  );
}
