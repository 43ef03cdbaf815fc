import Link from "next/link";
import { formatDay } from "@/components/students/format";
import { Section } from "@/components/ui/section";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { SEVERITY_LABEL } from "@/domain/behavior-codes";
import { getContext } from "@/server/auth/session";
import { getStudentBehavior, STUDENT_INCIDENTS_SHOWN, type StudentBehavior } from "@/server/behavior/queries";
import { INCIDENT_STATUS_LABEL, timeOfMinute } from "@/server/behavior/schemas";

/**
 * The student's behaviour on their profile, self-contained (it reads and
 * audits on its own), so the profile only places it: incidents of the school
 * year. Renders nothing for users who may not see the student's incidents.
 */
export async function BehaviorSection({ studentId }: { studentId: string }) {
  const ctx = await getContext();
  const data = await getStudentBehavior(ctx, studentId);
  if (!data) return null;
  return (
    <Section id="behavior" title="Behaviour">
      {data.mayRecord ? (
        <p className="mb-3">
          <Link href={`/behavior/incidents/new?student=${data.studentId}`} className="inline-flex min-h-11 items-center rounded-md bg-blue-800 px-4 py-2 font-medium text-white hover:bg-blue-900">
            Record an incident
          </Link>
        </p>
      ) : null}
      <IncidentList data={data} />
    </Section>
  );
}

function IncidentList({ data }: { data: StudentBehavior }) {
  const shown = data.incidents.slice(0, STUDENT_INCIDENTS_SHOWN);
  if (shown.length === 0) return <p className="text-slate-700">No incidents since {formatDay(data.since)}.</p>;
  return (
    <>
      <h3 className="mb-2 font-semibold">Incidents since {formatDay(data.since)}</h3>
      <p className="mb-2 text-sm text-slate-700">
        {data.incidents.length === 1 ? "1 incident" : `${data.incidents.length} incidents`}
        {data.incidents.length > shown.length ? `; the latest ${shown.length} are listed.` : "."}
      </p>
      <DataTable className="text-sm" caption="The student's incidents, newest first" columns={["When", "Behaviour", "Where", "Status"]}>
        {shown.map((i) => (
          <Tr key={i.id}>
            <Td className="whitespace-nowrap">
              <Link href={`/behavior/incidents/${i.id}`} className="text-blue-800 underline">
                {formatDay(i.occurredOn)} {timeOfMinute(i.occurredMinute)}
              </Link>
            </Td>
            <Td>
              {i.behavior} <span className="text-slate-700">({SEVERITY_LABEL[i.severity].toLowerCase()})</span>
            </Td>
            <Td>{i.location}</Td>
            <Td>{INCIDENT_STATUS_LABEL[i.status]}</Td>
          </Tr>
        ))}
      </DataTable>
    </>
  );
}
