import type { Metadata } from "next";
import Link from "next/link";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { SessionList } from "@/components/account/session-list";
import { TwoFactorManage, TwoFactorSetup } from "@/components/account/two-factor";
import { formatMoment } from "@/components/students/format";
import { listMySessions } from "@/server/account/queries";
import { signOutEverywhereAction } from "@/server/auth/actions";
import { getContext } from "@/server/auth/session";
import { twoFactorStatus } from "@/server/auth/two-factor";

export const metadata: Metadata = { title: "Password and sessions" };

/**
 * Password and sessions (decision 025): its own page, so that /account stays
 * the benchmark's floor (a page that reads nothing but the session).
 */
export default async function AccountSecurityPage() {
  const ctx = await getContext();
  const [{ sessions, limits }, twoFactor] = await Promise.all([listMySessions(ctx), twoFactorStatus(ctx.userId)]);
  const hours = (minutes: number) => (minutes % 60 === 0 ? `${minutes / 60} hour${minutes === 60 ? "" : "s"}` : `${minutes} minutes`);
  return (
    <>
      <p className="mb-2">
        <Link href="/account" className="text-blue-800 underline">
          Your account
        </Link>
      </p>
      <h1 className="mb-4 text-2xl font-semibold">Password and sessions</h1>
      <section aria-labelledby="password" className="mb-8 max-w-xl">
        <h2 id="password" className="mb-2 text-lg font-semibold">
          Change password
        </h2>
        <p className="mb-3 text-slate-700">Changing it signs you out of every other browser and device.</p>
        <ChangePasswordForm />
      </section>
      <section aria-labelledby="two-factor" className="mb-8 max-w-xl">
        <h2 id="two-factor" className="mb-2 text-lg font-semibold">
          Two-factor authentication
        </h2>
        {twoFactor.enabledAt ? (
          <>
            <p className="mb-3 text-slate-700">
              On since {formatMoment(twoFactor.enabledAt, ctx.timeZone)}. Each sign-in asks for a code from your authenticator app after your password. You have {twoFactor.recoveryCodesLeft} unused recovery code{twoFactor.recoveryCodesLeft === 1 ? "" : "s"}.
            </p>
            <TwoFactorManage required={twoFactor.required} />
          </>
        ) : (
          <>
            <p className="mb-3 text-slate-700">
              {twoFactor.required
                ? ctx.twoFactorDueBy
                  ? `Required for your role or by your district: set it up before ${formatMoment(ctx.twoFactorDueBy, ctx.timeZone)}. After that, you must set it up at sign-in before anything else opens.`
                  : "Required for your role or by your district: you will be asked to set it up at your next sign-in."
                : "Off. With it on, each sign-in also asks for a code from an app on your phone, so a stolen password alone does not open your account."}
            </p>
            <TwoFactorSetup pending={twoFactor.pending} continueHref="/account/security" continueLabel="I saved my recovery codes" />
          </>
        )}
      </section>
      <section aria-labelledby="sessions" className="max-w-xl">
        <h2 id="sessions" className="mb-2 text-lg font-semibold">
          Where you are signed in
        </h2>
        <p className="mb-3 text-slate-700">
          Sessions end after {hours(limits.idleMinutes)} without use and {limits.absoluteHours % 24 === 0 ? `${limits.absoluteHours / 24} day${limits.absoluteHours === 24 ? "" : "s"}` : `${limits.absoluteHours} hours`} after signing in (your district&apos;s rule). Don&apos;t recognise one? Sign it out and change your password.
        </p>
        <SessionList
          sessions={sessions.map((s) => ({ id: s.id, device: s.device, ip: s.ip, current: s.current, started: formatMoment(s.startedAt, ctx.timeZone), lastActive: formatMoment(s.lastActiveAt, ctx.timeZone) }))}
        />
        <p className="mb-3 text-slate-700">
          Signed in on a shared or lost device? Sign out everywhere ends every session of your account, on this device and all others.
        </p>
        <form action={signOutEverywhereAction}>
          <button type="submit" className="min-h-11 rounded-md border border-slate-600 px-4 py-2 font-medium hover:bg-slate-100">
            Sign out everywhere
          </button>
        </form>
      </section>
    </>
  );
}
