import type { Metadata } from "next";
import Link from "next/link";
import { CaseGlance } from "@/components/students/record/case-glance";
import { RECORD_SECTIONS } from "@/components/students/record/sections";
import { formatDay, fullName, goesBy, shownName } from "@/components/students/format";
import { buttonClass } from "@/components/ui/button-class";
import { BackLink } from "@/components/ui/page";
import { Section } from "@/components/ui/section";
import { can } from "@/domain/permissions";
import { getContext } from "@/server/auth/session";
import { todayIso } from "@/server/students/schemas";
import { getStudentProfile } from "@/server/students/queries";

// A generic title: browser history keeps titles, and names stay out of it.
export const metadata: Metadata = { title: "Student profile" };

/**
 * The student record: the case at a glance, a menu of the sections, then the
 * sections of the record frame (RECORD_SECTIONS) the user may see.
 */
export default async function StudentProfilePage({ params }: { params: Promise<{ studentId: string }> }) {
  const ctx = await getContext();
  const student = await getStudentProfile(ctx, (await params).studentId);
  const preferred = goesBy(student);
  const today = todayIso();
  const props = { record: student, today, timeZone: ctx.timeZone };
  // Bodies first (a self-loading body reads its data here), so a section with nothing to show has no menu entry either.
  const sections = (
    await Promise.all(
      RECORD_SECTIONS.filter((s) => can(ctx, s.requires, student.resource) && (s.shown?.(student) ?? true)).map(async ({ id, heading, Body }) => ({ id, heading, body: await Body(props) })),
    )
  ).filter((s) => s.body !== null && s.body !== undefined);
  return (
    <>
      <div className="print:hidden">
        {can(ctx, "student.list", { districtId: ctx.districtId }) ? <BackLink href="/students">All students</BackLink> : <BackLink href="/my-caseload">My caseload</BackLink>}
      </div>
      <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold break-words">
            {shownName(student)}
            {preferred ? <span className="font-normal text-slate-800"> (legal name: {fullName(student)})</span> : null}
          </h1>
          <p className="text-slate-700">
            Local id <span className="font-mono">{student.localId}</span>
          </p>
        </div>
        <div className="flex flex-wrap gap-2 print:hidden">
          <Link href={`/students/${student.id}/summary`} className={buttonClass("secondary")}>
            One-page summary
          </Link>
          {student.may.edit ? (
            <Link href={`/students/${student.id}/edit`} className={buttonClass("primary")}>
              Edit student
            </Link>
          ) : null}
        </div>
      </div>
      {student.archivedAt ? (
        <p className="mb-4 rounded-md border border-slate-500 bg-slate-100 p-3">
          <strong>Archived</strong> on {formatDay(student.archivedAt)}: hidden from the student list by default.
        </p>
      ) : null}

      <CaseGlance student={student} today={today} />

      <nav aria-label="Sections of the record" className="mb-6 print:hidden">
        <ul className="flex flex-wrap gap-2">
          {sections.map((s) => (
            <li key={s.id}>
              <a href={`#${s.id}`} className="inline-flex min-h-11 items-center rounded-md border border-slate-400 bg-white px-3 text-blue-800 underline">
                {s.heading}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      {sections.map(({ id, heading, body }) => (
        <Section key={id} id={id} title={heading}>
          {body}
        </Section>
      ))}
    </>
  );
}
