import type { ReactNode } from "react";
import { buttonClass } from "./button-class";
import { Fold } from "./fold";

/**
 * An edit or add form behind a control ("Edit", "Add someone to the case"):
 * a native <details>, so it opens by keyboard, and screen readers announce it
 * as expanded or collapsed. The record reads first; the form is one press
 * away, and is rendered only then (Fold).
 */
export function Disclosure({ label, children, className }: { label: string; children: ReactNode; className?: string }) {
  return (
    <Fold
      className={`group mt-3 ${className ?? ""}`}
      summaryClassName={`${buttonClass("secondary")} cursor-pointer list-none print:hidden [&::-webkit-details-marker]:hidden`}
      summary={
        <>
          {label}
          <span aria-hidden="true" className="ml-2 inline-block transition-transform group-open:rotate-90">
            ›
          </span>
        </>
      }
    >
      <div className="mt-3">{children}</div>
    </Fold>
  );
}
