// Streams one CSV member: bytes → text (UTF-8 checked) → records with their
// line numbers. Pure: it reads an iterable of bytes the caller opens (a zip
// member, an uploaded file, a fixture on disk) and never touches the disk itself.

import { Parser } from "csv-parse";
import { decodeStream } from "../text-decoding";
import type { Findings } from "./findings";

export interface CsvRecord {
  /** 1-based line where the record ends (the header is line 1). */
  line: number;
  fields: string[];
}

/**
 * Text of a byte stream, by the shared upload decoder (decision 019): UTF-8,
 * UTF-16 with its byte-order mark, Windows-1252 only when certain (a warning
 * says so); anything else is reported with its line and the file stops there.
 */
async function* decode(bytes: AsyncIterable<Uint8Array>, file: string, findings: Findings, state: { failed: boolean }): AsyncGenerator<string> {
  try {
    yield* decodeStream(bytes, {
      problem: (p) => {
        findings.error(file, p.line, null, p.value, p.message);
        state.failed = true;
      },
      converted: (line, message) => findings.warning(file, line, null, null, message),
    });
  } catch {
    findings.error(file, null, null, null, "The file could not be read to its end (it may be damaged or too large).");
    state.failed = true;
  }
}

/** Records handed on together: one await per batch rather than per row (a scale import reads 466,000 rows). */
const BATCH = 1000;

/**
 * csv-parse's parser core, driven directly (issue 17): the stream wrapper
 * hands on each record through two object-mode streams, and `info: true`
 * builds a fresh object of ten fields per record only for its line number; a
 * scale import reads 466,000 records, and those objects were a large part of
 * the reading time and of the garbage collector's. The core is the same code
 * the stream calls (same options, same errors, same line count, which it
 * keeps live in `info.lines` while it pushes a record).
 */
interface ParserCore {
  info: { lines: number };
  api: { parse(buf: Buffer | undefined, end: boolean, push: (record: string[]) => void, close: () => void): Error | undefined };
}

const LINE_BREAK = /\r\n|\n|\r/;

/**
 * The records of one CSV file, streamed, in batches. Malformed CSV (an
 * unclosed quote, a stray quote inside a field) is reported at its line and
 * ends the file: after such an error the rest cannot be split into rows
 * reliably (the rows before it are handed on first). `state.failed` tells the
 * caller the file was not read to its end.
 *
 * Until the first quote character, each line is a record and its fields are
 * the text between commas: exactly what csv-parse makes of text without
 * quotes under these options (tests/unit/oneroster-csv-fast.test.ts checks it
 * on random text cut at random places), at a fraction of its cost. A
 * student information system's export rarely quotes anything, and a scale
 * import reads 466,000 rows twice. From the line where a quote first appears,
 * csv-parse reads the rest, its line numbers counted on from there.
 */
export async function* readCsvBatches(bytes: AsyncIterable<Uint8Array>, file: string, findings: Findings, state = { failed: false }): AsyncGenerator<CsvRecord[]> {
  // Every line ending at once: exports edited by hand mix CRLF and LF, and csv-parse would
  // otherwise keep only the first one it meets (two rows would silently become one).
  const parser = new Parser({ bom: true, relax_column_count: true, skip_empty_lines: true, record_delimiter: ["\r\n", "\n", "\r"] }) as unknown as ParserCore;
  let batch: CsvRecord[] = [];
  let closed = false;
  /** Lines read before the parser took over (its own count starts at 1). */
  let offset = 0;
  let quoted = false;
  /** The unquoted part's unfinished last line. */
  let carry = "";
  let start = true;
  const push = (record: string[]) => void batch.push({ line: offset + parser.info.lines, fields: record });
  const close = () => void (closed = true);
  /** Unquoted text: each complete line a record (empty lines skipped but counted); `end`: the file ends here. */
  const split = (text: string, end: boolean) => {
    let t = carry + text;
    // A CR at the end may be the first half of a CRLF that the next piece finishes.
    let held = "";
    if (!end && t.endsWith("\r")) {
      held = "\r";
      t = t.slice(0, -1);
    }
    const lines = t.includes("\r") ? t.split(LINE_BREAK) : t.split("\n");
    carry = end ? "" : (lines.pop() as string) + held;
    for (const line of lines) {
      offset++;
      if (line !== "") batch.push({ line: offset, fields: line.split(",") });
    }
  };
  let failure: unknown = null;
  try {
    for await (let text of decode(bytes, file, findings, state)) {
      if (start) {
        start = false;
        // What csv-parse's `bom` drops, dropped here for both paths.
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      if (!quoted && !text.includes('"')) split(text, false);
      else {
        if (!quoted) {
          // The parser begins at the start of the unfinished line.
          quoted = true;
          text = carry + text;
          carry = "";
        }
        failure = parser.api.parse(Buffer.from(text, "utf8"), false, push, close) ?? null;
        if (failure || closed) break;
      }
      if (batch.length >= BATCH) {
        yield batch;
        batch = [];
      }
    }
    if (!quoted) split("", true);
    else if (!failure && !closed) failure = parser.api.parse(undefined, true, push, close) ?? null;
  } catch (error) {
    failure = error;
  }
  if (batch.length) yield batch;
  if (failure) {
    const lines = (failure as { lines?: unknown }).lines;
    const line = typeof lines === "number" ? offset + lines : null;
    const code = (failure as { code?: string }).code ?? "";
    findings.error(file, line, null, null, `The file is not valid CSV here${code ? ` (${csvProblem(code)})` : ""}; the rest of the file was not read.`);
    state.failed = true;
  }
}

/** The records of one CSV file, streamed one by one (see readCsvBatches). */
export async function* readCsv(bytes: AsyncIterable<Uint8Array>, file: string, findings: Findings, state = { failed: false }): AsyncGenerator<CsvRecord> {
  for await (const batch of readCsvBatches(bytes, file, findings, state)) yield* batch;
}

function csvProblem(code: string): string {
  if (code === "CSV_QUOTE_NOT_CLOSED") return "a quoted field is never closed";
  if (code === "CSV_INVALID_CLOSING_QUOTE") return "a quote in the middle of a field";
  if (code === "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE") return "text right after a closing quote";
  return code.toLowerCase().replaceAll("_", " ");
}
