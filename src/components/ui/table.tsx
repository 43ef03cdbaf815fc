import type { ReactNode, Ref, TdHTMLAttributes } from "react";
import { ScrollRegion } from "./scroll-region";

// The house data table: inside a ScrollRegion (on a phone a wide table
// scrolls in its own named region, with a shade at the hidden side, and the
// page never scrolls sideways), a caption for screen readers (also the
// region's name) and a header row of scope="col" cells. Special cells (row
// headers, checkboxes) stay ordinary elements among a row's children.
// No hooks, so it renders on the server and inside client components alike.

/** A header cell: its text, or a label (any node) that is right-aligned when numeric. */
export type Column = string | { label: ReactNode; numeric?: boolean; className?: string };

const cx = (...classes: (string | false | undefined)[]) => classes.filter(Boolean).join(" ");

interface DataTableProps {
  /** Names the table for screen readers (getByRole("table", { name })) and its scroll region. */
  caption: string;
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
    // No background on the table: the region's edge shades show through it.
    <ScrollRegion label={caption}>
      <table ref={ref} className={cx("w-full border-collapse text-left", className)}>
        <caption className="sr-only">{caption}</caption>
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
    </ScrollRegion>
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
