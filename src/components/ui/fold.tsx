"use client";

import { useState, type ReactNode } from "react";

/**
 * A native <details> whose content is rendered only once it is opened (or
 * while `open` says so, e.g. after a failed submission, so the problems are
 * in view also without JavaScript). A record page holds a dozen edit forms
 * folded away; rendering each on every view was a large part of the page's
 * cost (decision 008), for forms most views never open. Once opened, the
 * content stays mounted, so what was typed survives closing and reopening.
 */
export function Fold({ summary, summaryClassName, open = false, className, children }: { summary: ReactNode; summaryClassName?: string; open?: boolean; className?: string; children: ReactNode }) {
  const [opened, setOpened] = useState(false);
  return (
    <details open={open} className={className} onToggle={(e) => (e.currentTarget.open ? setOpened(true) : undefined)}>
      <summary className={summaryClassName ?? "cursor-pointer font-medium text-blue-800 underline"}>{summary}</summary>
      {open || opened ? (
        children
      ) : (
        <noscript>
          <p className="mt-2 text-sm text-slate-700">This form needs JavaScript: please turn it on in your browser.</p>
        </noscript>
      )}
    </details>
  );
}
