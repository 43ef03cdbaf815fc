// Problems found in an import, each tied to its place in the files (issue 17):
// an error blocks the import, a warning is shown and does not.

export type Severity = "error" | "warning";

export interface Finding {
  severity: Severity;
  /** The member's name as uploaded (e.g. "users.csv"), or "" for the upload as a whole. */
  file: string;
  /** 1-based line in the file (the header is line 1); null when the finding is about the whole file. */
  line: number | null;
  column: string | null;
  /** The offending value as read, cut to 200 characters. */
  value: string | null;
  message: string;
}

/**
 * Collects findings. A file with the same problem on every row (a 50,000-row
 * users file without birth dates) must not make a report of 50,000 lines, so
 * each kind of message keeps its first MAX_PER_MESSAGE places; the counts stay exact.
 */
export const MAX_PER_MESSAGE = 200;

export class Findings {
  readonly list: Finding[] = [];
  errors = 0;
  warnings = 0;
  /** Findings not listed (beyond MAX_PER_MESSAGE of one message in one file). */
  omitted = 0;
  private readonly perKey = new Map<string, number>();
  /**
   * While set, findings go here instead of into the report: the collector
   * holds back enrollments.csv's findings until the duplicate sourcedIds are
   * known (they are found in SQL over the staged rows), then adds them in the
   * order they were made, without those of the duplicate rows.
   */
  redirect: ((severity: Severity, file: string, line: number | null, column: string | null, value: string | null, message: string) => void) | null = null;

  add(severity: Severity, file: string, line: number | null, column: string | null, value: string | null, message: string): void {
    if (this.redirect) {
      this.redirect(severity, file, line, column, value, message);
      return;
    }
    if (severity === "error") this.errors++;
    else this.warnings++;
    const key = `${severity}\u0000${file}\u0000${column}\u0000${message}`;
    const seen = this.perKey.get(key) ?? 0;
    this.perKey.set(key, seen + 1);
    if (seen >= MAX_PER_MESSAGE) {
      this.omitted++;
      return;
    }
    this.list.push({ severity, file, line, column, value: value === null ? null : value.slice(0, 200), message });
  }

  /**
   * Counts `n` findings of one kind that are not listed (a query found them and
   * listed only the first MAX_PER_MESSAGE): the same counts as n calls of add().
   */
  addUnlisted(severity: Severity, file: string, column: string | null, message: string, n: number): void {
    if (n <= 0) return;
    if (severity === "error") this.errors += n;
    else this.warnings += n;
    const key = `${severity}\u0000${file}\u0000${column}\u0000${message}`;
    const seen = this.perKey.get(key) ?? 0;
    this.perKey.set(key, seen + n);
    this.omitted += Math.min(n, Math.max(0, seen + n - MAX_PER_MESSAGE));
  }

  error(file: string, line: number | null, column: string | null, value: string | null, message: string): void {
    this.add("error", file, line, column, value, message);
  }

  warning(file: string, line: number | null, column: string | null, value: string | null, message: string): void {
    this.add("warning", file, line, column, value, message);
  }
}
