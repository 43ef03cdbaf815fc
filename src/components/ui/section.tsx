import type { ReactNode } from "react";

/** A card of a record's page with its own heading (the heading names the region). */
export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="mb-6 rounded-lg border border-slate-300 bg-white p-4">
      <h2 id={id} className="mb-3 text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** One term and its value in a <dl>. */
export function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="border-b border-slate-200 py-2 sm:grid sm:grid-cols-[14rem_1fr] sm:gap-4">
      <dt className="font-medium text-slate-800">{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
