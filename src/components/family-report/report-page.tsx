import { PacketGraphSvg } from "@/components/referrals/packet-graph-svg";
import { buttonClass } from "@/components/ui/button-class";
import { BackLink } from "@/components/ui/page";
import { DataTable, Td, Tr } from "@/components/ui/table";
import type { FamilyReport } from "@/server/family-report/report";
import { EmailReportForm } from "./email-form";
import { familyReportHref } from "./href";
import { PrintButton } from "./print-button";

/**
 * The family progress report as a page: the staff controls (English, left
 * out in print) above the report itself, in the guardian's language (its
 * `lang`), with the same words and graphs as the PDF.
 */
export function FamilyReportPage({ report }: { report: FamilyReport }) {
  const { text: t, planId, studentId, recipientId } = report;
  return (
    <div>
      <div className="mb-4 space-y-3 print:hidden">
        <BackLink href={`/plans/${planId}`}>Back to the plan</BackLink>
        <h1 className="text-2xl font-semibold">Family progress report</h1>
        <p className="text-slate-700">
          Written for the family in {t.lang === "es" ? "Spanish" : "English"}
          {report.language.fallbackFrom ? ` (the guardian's language, ${report.language.fallbackFrom}, has no translation yet, so the report is in English and says so)` : ""}. Viewing,
          printing, downloading and emailing it are each recorded as a disclosure to the family.
        </p>
        {report.guardians.length > 1 ? (
          <form method="get" className="flex flex-wrap items-end gap-2">
            <div>
              <label htmlFor="guardian" className="block font-medium">
                For
              </label>
              <select id="guardian" name="guardian" defaultValue={recipientId ?? ""} className="mt-1 max-w-full rounded-md border border-slate-500 bg-white px-3 py-2">
                {report.guardians.map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.name} ({g.relationship}{g.preferredLanguage ? `, ${g.preferredLanguage}` : ""})
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className={buttonClass("secondary")}>
              Show
            </button>
          </form>
        ) : null}
        <div className="flex flex-wrap items-center gap-3">
          <PrintButton planId={planId} studentId={studentId} guardianId={recipientId} />
          {/* A plain link: the PDF is a download the server renders (audited as a disclosure). */}
          <a href={familyReportHref(planId, studentId, recipientId, true)} className={buttonClass("primary")} download>
            Download PDF
          </a>
        </div>
        {report.emailConfigured ? (
          <EmailReportForm planId={planId} studentId={studentId} guardianId={recipientId} guardianEmail={report.guardians.find((g) => g.id === recipientId)?.email ?? null} />
        ) : (
          <p className="text-sm text-slate-700">Email is not set up for this district, so the report cannot be emailed from here. An administrator can set it up under Settings.</p>
        )}
      </div>

      <article lang={t.lang} className="family-report mx-auto max-w-3xl rounded-lg border border-slate-300 bg-white p-4 text-lg leading-relaxed print:border-0 print:p-0">
        <h2 className="text-2xl font-semibold">{t.title}</h2>
        <p className="mb-3 text-base text-slate-700">{t.subtitle}</p>
        {t.notices.map((n) => (
          <p key={n} role="note" className="mb-3 rounded-md border border-amber-700 bg-amber-50 p-3 text-base">
            {n}
          </p>
        ))}
        <p className="mb-2">{t.greeting}</p>
        <p className="mb-4">{t.intro}</p>

        <h3 className="mt-6 mb-2 text-xl font-semibold">{t.schoolHeading}</h3>
        {t.school.map((line) => (
          <p key={line} className="mb-1">
            {line}
          </p>
        ))}

        <h3 className="mt-6 mb-2 text-xl font-semibold">{t.howHeading}</h3>
        {t.noGoals ? <p>{t.noGoals}</p> : <p className="mb-2">{t.checksExplained}</p>}
        {t.goals.map((g, i) => (
          <section key={i} className="family-report-goal mt-4 border-t border-slate-200 pt-3" aria-labelledby={`goal-${i}`}>
            <h4 id={`goal-${i}`} className="text-lg font-semibold">
              {g.heading}
            </h4>
            <p className="mb-2">{g.sentence}</p>
            <dl className="mb-2 text-base">
              {g.facts.map(([term, value]) => (
                <div key={term} className="sm:grid sm:grid-cols-[10rem_1fr] sm:gap-3">
                  <dt className="font-medium">{term}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
            </dl>
            <p>{g.checkCount}</p>
            {g.trend.map((line) => (
              <p key={line}>{line}</p>
            ))}
            <p className="mb-3 font-medium">{g.nextStep}</p>
            <figure className="mb-3">
              <PacketGraphSvg graph={report.graphs[i]!} summary={g.graphSummary} locale={t.lang} />
              <figcaption className="mt-1 text-base text-slate-700">
                <span className="font-medium">{g.graphTitle}. </span>
                {g.graphKey.join(" ")}
              </figcaption>
            </figure>
            {g.table.length ? (
              <div className="max-w-sm text-base">
                <p className="font-medium" aria-hidden="true">
                  {g.tableCaption}
                </p>
                <DataTable caption={g.tableCaption} columns={g.tableHead}>
                  {g.table.map(([date, score], row) => (
                    <Tr key={row}>
                      <Td>{date}</Td>
                      <Td>{score}</Td>
                    </Tr>
                  ))}
                </DataTable>
              </div>
            ) : null}
          </section>
        ))}

        <h3 className="mt-6 mb-2 text-xl font-semibold">{t.atHomeHeading}</h3>
        {t.atHome.note ? <p className="mb-1 text-base text-slate-700">{t.atHome.note}</p> : null}
        <p lang={t.atHome.lang} className="whitespace-pre-line">
          {t.atHome.text}
        </p>

        <h3 className="mt-6 mb-2 text-xl font-semibold">{t.questionsHeading}</h3>
        <p>{t.questions}</p>

        <h3 className="mt-6 mb-2 text-xl font-semibold">{t.glossaryHeading}</h3>
        <ul className="list-disc pl-6 text-base">
          {t.glossary.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        <p className="mt-6 text-sm text-slate-700">{t.footer}</p>
      </article>
    </div>
  );
}
