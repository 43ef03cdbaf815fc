import type { Metadata } from "next";
import Link from "next/link";
import { DataTable, Td, Tr } from "@/components/ui/table";
import { Section } from "@/components/ui/section";
import { getContext } from "@/server/auth/session";
import { getExportOverview } from "@/server/export/page";

export const metadata: Metadata = { title: "Export district data" };

const BUTTON = "inline-block rounded-md bg-blue-800 px-4 py-2 font-medium text-white hover:bg-blue-900";
const ROSTER_LINKS = [
  { list: "students", label: "Students", what: "current students with their school, grade and local id" },
  { list: "classes", label: "Classes", what: "classes with their school, term, teachers and number of students" },
  { list: "enrollments", label: "Enrollments", what: "who is on each class roster" },
  { list: "staff", label: "Staff", what: "staff with an account here: name, email, role, schools" },
] as const;

export default async function ExportPage() {
  const ctx = await getContext();
  const { files, withheld } = await getExportOverview(ctx);
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">Export district data</h1>
      <p className="mb-4 max-w-3xl text-slate-700">
        Everything {ctx.districtName} keeps in this app, to take elsewhere or keep as a copy: one CSV file per table in a zip, with a README.md that describes every
        file and column. Data comes in through <Link className="text-blue-800 underline" href="/admin/imports">roster imports</Link>; it leaves here. Every download is
        recorded in the audit log. A district that is leaving the app asks for its data to be deleted, after this export, on{" "}
        <Link className="text-blue-800 underline" href="/admin/leave">
          Leave the app
        </Link>
        .
      </p>
      <Section id="district-heading" title="The whole district">
        <p className="mb-3 max-w-3xl">
          {files.length} CSV files and a README. Large districts take a while: the zip is made as it downloads. Text that a spreadsheet would run as a formula
          (starting with =, +, - or @) gets an apostrophe in front.
        </p>
        <a className={BUTTON} href="/admin/export/district" download>
          Download the district (zip)
        </a>
      </Section>
      <Section id="rosters-heading" title="Rosters">
        <ul className="space-y-2">
          {ROSTER_LINKS.map((r) => (
            <li key={r.list}>
              <a className="text-blue-800 underline" href={`/admin/export/rosters/${r.list}`} download>
                {r.label} (CSV)
              </a>
              : {r.what}
            </li>
          ))}
        </ul>
      </Section>
      <Section id="withheld-heading" title="Left out">
        <p className="mb-2">Credentials and raw uploads never leave the app:</p>
        <ul className="list-disc pl-6">
          {withheld.map((w) => (
            <li key={`${w.file}-${w.column}`}>
              <span className="font-mono">{w.file}</span> <span className="font-mono">{w.column}</span>: {w.reason}
            </li>
          ))}
        </ul>
      </Section>
      <Section id="files-heading" title="Files in the zip">
        <DataTable caption="Files in the zip" columns={["File", "What it holds", { label: "Columns", numeric: true }]}>
          {files.map((f) => (
            <Tr key={f.file}>
              <Td className="font-mono break-all">{f.file}</Td>
              <Td>{f.about}</Td>
              <Td numeric>{f.columns}</Td>
            </Tr>
          ))}
        </DataTable>
      </Section>
    </>
  );
}
