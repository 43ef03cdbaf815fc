import type { Metadata } from "next";
import { UploadForm } from "@/components/imports/upload-form";
import { FormPage } from "@/components/ui/page";
import { authorizePage } from "@/server/auth/policy";
import { getContext } from "@/server/auth/session";

export const metadata: Metadata = { title: "Import a OneRoster export" };

export default async function NewImportPage() {
  const ctx = await getContext();
  await authorizePage(ctx, "roster.import", { entityType: "ImportRun" });
  return (
    <FormPage back={{ href: "/admin/imports", label: "Roster imports" }} title="Import a OneRoster export">
      <UploadForm />
    </FormPage>
  );
}
