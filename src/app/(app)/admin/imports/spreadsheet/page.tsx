import type { Metadata } from "next";
import { SheetUploadForm } from "@/components/imports/sheet-forms";
import { FormPage } from "@/components/ui/page";
import { authorizePage } from "@/server/auth/policy";
import { getContext } from "@/server/auth/session";

export const metadata: Metadata = { title: "Import a spreadsheet" };

export default async function NewSheetImportPage() {
  const ctx = await getContext();
  await authorizePage(ctx, "roster.import", { entityType: "ImportRun" });
  return (
    <FormPage back={{ href: "/admin/imports", label: "Roster imports" }} title="Import students, staff or guardians from a spreadsheet">
      <SheetUploadForm />
    </FormPage>
  );
}
