import type { Metadata } from "next";
import { CicoDefaultsForm } from "@/components/cico/card-forms";
import { getContext } from "@/server/auth/session";
import { getSettingsForEdit } from "@/server/settings/queries";
import { getSmtpSettings } from "@/server/settings/smtp";
import { getSsoSettings, ssoCallbackUrl } from "@/server/settings/sso";
import { EquityRulesForm } from "./equity-rules-form";
import { isTimeZone } from "@/domain/time-zone";
import { PacketRulesForm } from "./packet-rules-form";
import { SettingsForm } from "./settings-form";
import { SmtpForm } from "./smtp-form";
import { SessionLimitsForm } from "./session-limits-form";
import { SsoForm } from "./sso-form";
import { TwoFactorRequirementForm } from "./two-factor-requirement-form";
import { TimeZoneForm } from "./time-zone-form";

// Zones of places the runtime knows (about 400), the choices of the time-zone form.
const ZONES = Intl.supportedValuesOf("timeZone").filter(isTimeZone);

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const ctx = await getContext();
  const { settings, version, packetRules, cicoExpectations, sessionLimits, equityRules, subgroups } = await getSettingsForEdit(ctx);
  const [sso, callbackUrl, smtp] = await Promise.all([getSsoSettings(ctx), ssoCallbackUrl(), getSmtpSettings(ctx)]);
  return (
    <>
      <h1 className="mb-1 text-2xl font-semibold">Settings</h1>
      <p className="mb-4 text-slate-700">How {ctx.districtName} flags low dosage and fidelity, and when the decision rules beside a progress graph speak.</p>
      <div className="max-w-2xl rounded-lg border border-slate-300 bg-white p-4">
        <SettingsForm settings={settings} version={version} />
      </div>
      <section aria-labelledby="packet-rules-heading" className="mt-6 max-w-2xl rounded-lg border border-slate-300 bg-white p-4">
        <h2 id="packet-rules-heading" className="mb-1 text-lg font-semibold">
          Referral packet checklist
        </h2>
        <p className="mb-3 text-sm text-slate-700">
          What a student&apos;s intervention record must show before a team marks a referral packet final. A packet with items missing can still be made final, with the reason written down.
        </p>
        <PacketRulesForm rules={packetRules} />
      </section>
      <section aria-labelledby="equity-rules-heading" className="mt-6 max-w-2xl rounded-lg border border-slate-300 bg-white p-4">
        <h2 id="equity-rules-heading" className="mb-1 text-lg font-semibold">
          Equity dashboard
        </h2>
        <p className="mb-3 text-sm text-slate-700">
          When a subgroup&apos;s risk of an outcome (Tier 3, referral, identification, major incidents) is flagged, and how small groups are kept from identifying a student.
        </p>
        <EquityRulesForm rules={equityRules} subgroups={subgroups} />
      </section>
      <section aria-labelledby="smtp-heading" className="mt-6 max-w-2xl rounded-lg border border-slate-300 bg-white p-4">
        <h2 id="smtp-heading" className="mb-1 text-lg font-semibold">
          Email: family progress reports
        </h2>
        <p className="mb-3 text-sm text-slate-700">The mail server staff email family progress reports through. Each emailed report is recorded as a disclosure on the student&apos;s record.</p>
        <SmtpForm smtp={smtp} />
      </section>
      <section aria-labelledby="time-zone-heading" className="mt-6 max-w-2xl rounded-lg border border-slate-300 bg-white p-4">
        <h2 id="time-zone-heading" className="mb-2 text-lg font-semibold">
          Time zone
        </h2>
        <TimeZoneForm timeZone={ctx.timeZone} zones={ZONES.includes(ctx.timeZone) ? ZONES : [ctx.timeZone, ...ZONES]} />
      </section>
      <section aria-labelledby="session-limits-heading" className="mt-6 max-w-2xl rounded-lg border border-slate-300 bg-white p-4">
        <h2 id="session-limits-heading" className="mb-2 text-lg font-semibold">
          Signing in: session limits
        </h2>
        <SessionLimitsForm limits={sessionLimits} />
      </section>
      <section aria-labelledby="sso-heading" className="mt-6 max-w-2xl rounded-lg border border-slate-300 bg-white p-4">
        <h2 id="sso-heading" className="mb-2 text-lg font-semibold">
          Signing in: single sign-on
        </h2>
        <SsoForm provider={sso.provider} passwordSignIn={sso.passwordSignIn} callbackUrl={callbackUrl} />
      </section>
      <section aria-labelledby="two-factor-heading" className="mt-6 max-w-2xl rounded-lg border border-slate-300 bg-white p-4">
        <h2 id="two-factor-heading" className="mb-2 text-lg font-semibold">
          Signing in: two-factor authentication
        </h2>
        <TwoFactorRequirementForm requireTwoFactor={sessionLimits.requireTwoFactor} />
      </section>
      <section aria-labelledby="cico-heading" className="mt-6 max-w-2xl rounded-lg border border-slate-300 bg-white p-4">
        <h2 id="cico-heading" className="mb-2 text-lg font-semibold">
          Daily report cards: school-wide expectations
        </h2>
        <p className="mb-3 text-slate-700">A new check-in/check-out card starts with these; each student&apos;s card can change them.</p>
        <CicoDefaultsForm expectations={cicoExpectations} />
      </section>
    </>
  );
}
