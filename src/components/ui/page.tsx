import Link from "next/link";
import type { ReactNode } from "react";

/** The link back up a level, above a page's heading. */
export function BackLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <p className="mb-2">
      <Link href={href} className="text-blue-800 underline">
        {children}
      </Link>
    </p>
  );
}

interface FormPageProps {
  back: { href: string; label: string };
  title: ReactNode;
  /** A line under the heading. */
  subtitle?: ReactNode;
  /** Said between the heading and the form. */
  notice?: ReactNode;
  /** A wider card, for long forms. */
  wide?: boolean;
  /** The form. */
  children: ReactNode;
}

/** A page that is one form: the link back, the heading and the form on a card. */
export function FormPage({ back, title, subtitle, notice, wide = false, children }: FormPageProps) {
  return (
    <>
      <BackLink href={back.href}>{back.label}</BackLink>
      <h1 className={`${subtitle ? "mb-1" : "mb-4"} text-2xl font-semibold`}>{title}</h1>
      {subtitle ? <p className="mb-4 text-slate-700">{subtitle}</p> : null}
      {notice}
      <div className={`${wide ? "max-w-3xl" : "max-w-lg"} rounded-lg border border-slate-300 bg-white p-4`}>{children}</div>
    </>
  );
}
