import Link from "next/link";
import type { ReactNode } from "react";
import { AppNav } from "@/components/app-nav";
import { formatMoment } from "@/components/students/format";
import { navFor } from "@/domain/navigation";
import { ROLE_LABEL } from "@/domain/permissions";
import { signOutAction } from "@/server/auth/actions";
import { getContext } from "@/server/auth/session";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const ctx = await getContext();
  return (
    <>
      <header className="border-b border-slate-300 bg-white print:hidden">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <div>
            <p className="font-semibold">{ctx.districtName}</p>
            <p className="text-sm text-slate-700">
              <Link href="/account" className="underline">
                {ctx.name}
              </Link>{" "}
              · {ROLE_LABEL[ctx.role]}
            </p>
          </div>
          <div className="flex items-center gap-3">
            {ctx.districts.length > 1 ? (
              <Link href="/choose-district" className="text-blue-800 underline">
                Switch district
              </Link>
            ) : null}
            <form action={signOutAction}>
              <button type="submit" className="rounded-md border border-slate-600 px-3 py-1.5 font-medium hover:bg-slate-100">
                Sign out
              </button>
            </form>
          </div>
        </div>
        <div className="mx-auto max-w-6xl px-4 pb-2">
          <AppNav items={navFor(ctx.role).map(({ href, label, setup }) => ({ href, label, setup }))} />
        </div>
        {ctx.twoFactorDueBy ? (
          // The grace of a required second factor (decision 033): after it, sign-in asks for the setup before anything else.
          <p className="border-t border-amber-700 bg-amber-50 px-4 py-2 text-center text-amber-950">
            Your account needs two-factor authentication by {formatMoment(ctx.twoFactorDueBy, ctx.timeZone)}.{" "}
            <Link href="/account/security#two-factor" className="font-medium underline">
              Set it up now
            </Link>
          </p>
        ) : null}
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
    </>
  );
}
