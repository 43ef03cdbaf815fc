import type { Metadata } from "next";
import Link from "next/link";
import { ROLE_LABEL } from "@/domain/permissions";
import { signOutEverywhereAction } from "@/server/auth/actions";
import { getContext } from "@/server/auth/session";

export const metadata: Metadata = { title: "Your account" };

/** Who is signed in, from the session alone (this is also the benchmark's floor page). */
export default async function AccountPage() {
  const ctx = await getContext();
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Your account</h1>
      <dl className="mb-6 max-w-xl rounded-lg border border-slate-300 bg-white p-4">
        {[
          ["Name", ctx.name],
          ["Email", ctx.email],
          ["Role", ROLE_LABEL[ctx.role]],
          ["District", ctx.districtName],
          ["Schools", ctx.schoolIds.length ? `${ctx.schoolIds.length} (listed on your home page)` : "All schools of the district"],
          ["Districts you work in", ctx.districts.map((d) => d.name).join(", ")],
        ].map(([term, value]) => (
          <div key={term} className="border-b border-slate-200 py-2 last:border-b-0 sm:grid sm:grid-cols-[12rem_1fr] sm:gap-4">
            <dt className="font-medium text-slate-800">{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <section aria-labelledby="sessions" className="max-w-xl">
        <h2 id="sessions" className="mb-2 text-lg font-semibold">
          Sessions
        </h2>
        <p className="mb-3">
          <Link href="/account/security" className="text-blue-800 underline">
            Password and sessions
          </Link>
          : change your password, set up two-factor authentication, see where you are signed in and sign out there.
        </p>
        <p className="mb-3 text-slate-700">
          Signed in on a shared or lost device? Sign out everywhere ends every session of your account, on this device and all others.
        </p>
        <form action={signOutEverywhereAction}>
          <button type="submit" className="rounded-md border border-slate-600 px-4 py-2 font-medium hover:bg-slate-100">
            Sign out everywhere
          </button>
        </form>
      </section>
    </>
  );
}
