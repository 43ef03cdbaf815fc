import type { ReactNode } from "react";
import { buttonClass } from "./button-class";

/**
 * An edit or add form behind a control ("Edit", "Add someone to the case"):
 * a native <details>, so it opens by keyboard and without JavaScript, and
 * screen readers announce it as expanded or collapsed. The record reads
 * first; the form is one press away.
 */
export function Disclosure({ label, children, className }: { label: string; children: ReactNode; className?: string }) {
  return (
    <details className={`group mt-3 ${className ?? ""}`}>
      <summary className={`${buttonClass("secondary")} cursor-pointer list-none print:hidden [&::-webkit-details-marker]:hidden`}>
        {label}
        <span aria-hidden="true" className="ml-2 inline-block transition-transform group-open:rotate-90">
          ›
        </span>
      </summary>
      <div className="mt-3">{children}</div>
    </details>
  );
}
