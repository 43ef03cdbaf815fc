import type { Metadata } from "next";
import { getContext } from "@/server/auth/session";
import { getSettingsForEdit } from "@/server/settings/queries";
import { SettingsForm } from "./settings-form";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const ctx = await getContext();
  const { settings, version } = await getSettingsForEdit(ctx);
  return (
    <>
      <h1 className="mb-1 text-2xl font-semibold">Settings</h1>
      <p className="mb-4 text-slate-700">How {ctx.districtName} flags low dosage and fidelity, and when the decision rules beside a progress graph speak.</p>
      <div className="max-w-2xl rounded-lg border border-slate-300 bg-white p-4">
        <SettingsForm settings={settings} version={version} />
      </div>
    </>
  );
}
