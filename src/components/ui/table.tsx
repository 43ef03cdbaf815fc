import type { ReactNode, Ref, TdHTMLAttributes } from "react";

// The house data table: a horizontal scroll wrapper, an optional caption for
// screen readers and a header row of scope="col" cells. Special cells (row
// headers, checkboxes) stay ordinary elements among a row's children.
// No hooks, so it renders on the server and inside client components alike.

/** A header cell: its text, or a label (any node) that is right-aligned when numeric. */
export type Column = string | { label: ReactNode; numeric?: boolean; className?: string };

const cx = (...classes: (string | false | undefined)[]) => classes.filter(Boolean).join(" ");

interface DataTableProps {
  /** Names the table for screen readers (getByRole("table", { name })). */
  caption?: ReactNode;
  /** Header cells; null or false leaves a conditional column out. */
  columns: readonly (Column | null | false)[];
  /** The body rows (Tr, with Td or a row header). */
  children: ReactNode;
  /** Added to the table's classes (e.g. "text-sm"). */
  className?: string;
  ref?: Ref<HTMLTableElement>;
}

export function DataTable({ caption, columns, children, className, ref }: DataTableProps) {
  return (
    // relative: screen-reader-only text (absolutely positioned) stays inside the scroll box instead of widening the page.
    // Focusable, so a keyboard can scroll a table wider than the screen (a phone).
    <div className="relative overflow-x-auto" tabIndex={0}>
      <table ref={ref} className={cx("w-full border-collapse bg-white text-left", className)}>
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <thead>
          <tr className="border-b border-slate-400">
            {columns.map((column, i) => {
              if (!column) return null;
              const { label, numeric, className: extra }: Exclude<Column, string> = typeof column === "string" ? { label: column } : column;
              return (
                <th key={i} scope="col" className={cx("p-2", numeric && "text-right", extra)}>
                  {label}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** A body row. */
export function Tr({ className, children }: { className?: string; children: ReactNode }) {
  return <tr className={cx("border-b border-slate-200", className)}>{children}</tr>;
}

/** A body cell; numeric right-aligns it under a numeric column. */
export function Td({ numeric, className, ...rest }: TdHTMLAttributes<HTMLTableCellElement> & { numeric?: boolean }) {
  return <td className={cx("p-2", numeric && "text-right", className)} {...rest} />;
}
