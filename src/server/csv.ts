import "server-only";

/**
 * Text a spreadsheet would read as a formula: starting with =, +, -, @, a tab
 * or a carriage return (OWASP's CSV injection list), or with their full-width
 * forms, which some spreadsheet locales turn into the ASCII ones on input.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * One CSV cell (RFC 4180 quoting). Formula-looking text (FORMULA_START) gets a
 * leading apostrophe, so an exported note or name can never run as one;
 * numbers stay numbers (-5 is not a formula).
 */
export function csvCell(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? "" : String(value);
  const safe = typeof value === "string" && FORMULA_START.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** Rows of cells as CSV text with CRLF line ends. */
export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return rows.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
