import type { Metadata } from "next";
import Link from "next/link";
import { CaseGlance } from "@/components/students/record/case-glance";
import { recordSectionsFor } from "@/components/students/record/sections";
import { formatDay, fullName, goesBy, shownName } from "@/components/students/format";
import { buttonClass } from "@/components/ui/button-class";
import { BackLink } from "@/components/ui/page";
import { Section } from "@/components/ui/section";
import { can } from "@/domain/permissions";
import { getContext } from "@/server/auth/session";
import { todayIso } from "@/server/students/schemas";
import { getStudentProfile } from "@/server/students/queries";
import { recordHref, recordSectionOf } from "@/server/students/record-sections";

// A generic title: browser history keeps titles, and names stay out of it.
export const metadata: Metadata = { title: "Student profile" };

/**
 * The student record: the case at a glance, a menu of the sections the user
 * may see (RECORD_SECTIONS), then the one section the address asks for
 * (`?section=`, the latest history by default). Each section is its own
 * server-rendered view: only its data is read and rendered (decision 044).
 */
export default async function StudentProfilePage({ params, searchParams }: { params: Promise<{ studentId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getContext();
  const asked = recordSectionOf((await searchParams).section);
  const student = await getStudentProfile(ctx, (await params).studentId, { section: asked.section });
  const preferred = goesBy(student);
  const today = todayIso();
  const sections = recordSectionsFor((action) => can(ctx, action, student.resource), student);
  // An unknown section, or one this user is not offered: the same words (nothing tells which), and the menu.
  const chosen = asked.refused ? undefined : sections.find((s) => s.id === asked.section);
  const body = chosen ? await chosen.Body({ record: student, today, timeZone: ctx.timeZone }) : null;
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
          {sections.map((s) =>
            s.id === chosen?.id ? (
              <li key={s.id}>
                {/* The section on screen: marked, and still a link (back to its top). */}
                <a href={recordHref(student.id, s.id)} aria-current="page" className="inline-flex min-h-11 items-center rounded-md border-2 border-blue-800 bg-blue-50 px-3 font-semibold text-blue-900">
                  {s.heading}
                </a>
              </li>
            ) : (
              <li key={s.id}>
                {/* Plain links: a full server-rendered view each, no prefetch of every section on each visit. */}
                <a href={recordHref(student.id, s.id)} className="inline-flex min-h-11 items-center rounded-md border border-slate-400 bg-white px-3 text-blue-800 underline">
                  {s.heading}
                </a>
              </li>
            ),
          )}
        </ul>
      </nav>

      {chosen ? (
        <Section id={chosen.id} title={chosen.heading}>
          {body ?? <p className="text-slate-700">Nothing in this section is shown to you for this student.</p>}
        </Section>
      ) : (
        <p role="alert" className="mb-4 rounded-md border border-amber-700 bg-amber-50 p-3 text-amber-950">
          The address asks for a section of the record that does not exist or is not shown to you. Choose one of the sections above.
        </p>
      )}
    </>
  );
}
