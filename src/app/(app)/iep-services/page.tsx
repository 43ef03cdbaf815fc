import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { ServiceMinutesForm } from "@/components/iep504/minutes-form";
import { ServiceWeeksTable } from "@/components/iep504/service-weeks";
import { formatDay } from "@/components/students/format";
import { getContext } from "@/server/auth/session";
import { getMyServices } from "@/server/iep504/queries";
import { FREQUENCY_LABEL, PLAN_TYPE_LABEL } from "@/server/iep504/schemas";
import { recordHref } from "@/server/students/record-sections";

export const metadata: Metadata = { title: "IEP services" };

/** The IEP and 504 services the user provides, each with its weeks and a one-screen form to log today's minutes. */
export default async function IepServicesPage() {
  const ctx = await getContext();
  const { today, services } = await getMyServices(ctx);
  return (
    <>
      <h1 className="mb-1 text-2xl font-semibold">IEP services</h1>
      <p className="mb-4 text-slate-700">The IEP and 504 services you provide, {formatDay(today)}. Log the minutes you delivered; a week below the required minutes is a shortfall.</p>
      {services.length ? (
        <ul className="grid gap-3 md:grid-cols-2">
          {services.map(({ service: s, student }) => (
            <li key={s.id} className="rounded-md border border-slate-300 bg-white p-3">
              <h2 className="text-lg font-semibold">
                <Link href={recordHref(student.id, "iep504-services")} className="text-blue-800 underline">
                  {student.name}
                </Link>
              </h2>
              <p>
                {s.area} <span className="text-slate-700">({PLAN_TYPE_LABEL[s.planType]})</span>
              </p>
              <p className="text-sm text-slate-700">
                {s.minutes} min {FREQUENCY_LABEL[s.frequency]} · {s.setting}
              </p>
              {s.shortfall ? <p className="mt-1 font-semibold text-red-800">Shortfall in the last weeks</p> : null}
              <details className="mt-2">
                <summary className="cursor-pointer font-medium text-blue-800 underline">Minutes per week</summary>
                <ServiceWeeksTable weeks={s.weeks} caption={`Required and delivered minutes of ${s.area} for ${student.name}`} />
              </details>
              <ServiceMinutesForm serviceId={s.id} today={today} clientKey={randomUUID()} label={`Log minutes of ${s.area} for ${student.name}`} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-slate-700">You are not named as the provider of any current IEP or 504 service.</p>
      )}
    </>
  );
}
