import type { ReactNode } from "react";

/**
 * Content wider than a phone (a table, a grid of scores) scrolls sideways
 * inside this box instead of widening the page. The box is a named region a
 * keyboard can focus and scroll (WCAG 2.1.1, axe scrollable-region-focusable),
 * and a shade at the left or right edge (`.scroll-shadows` in globals.css,
 * pure CSS, so it works without JavaScript) shows that more is hidden that
 * way. Every wide table goes through it (DataTable does), so a page an
 * assistant opens on a phone never scrolls sideways as a whole.
 */
export function ScrollRegion({ label, children, className }: { label: string; children: ReactNode; className?: string }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className={`scroll-shadows relative max-w-full overflow-x-auto ${className ?? ""}`}>
      {children}
    </div>
  );
}
