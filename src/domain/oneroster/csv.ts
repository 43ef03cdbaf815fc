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

/**
 * The records of one CSV file, streamed, in batches. Malformed CSV (an
 * unclosed quote, a stray quote inside a field) is reported at its line and
 * ends the file: after such an error the rest cannot be split into rows
 * reliably (the rows before it are handed on first). `state.failed` tells the
 * caller the file was not read to its end.
 */
export async function* readCsvBatches(bytes: AsyncIterable<Uint8Array>, file: string, findings: Findings, state = { failed: false }): AsyncGenerator<CsvRecord[]> {
  // Every line ending at once: exports edited by hand mix CRLF and LF, and csv-parse would
  // otherwise keep only the first one it meets (two rows would silently become one).
  const parser = new Parser({ bom: true, relax_column_count: true, skip_empty_lines: true, record_delimiter: ["\r\n", "\n", "\r"] }) as unknown as ParserCore;
  let batch: CsvRecord[] = [];
  let closed = false;
  const push = (record: string[]) => void batch.push({ line: parser.info.lines, fields: record });
  const close = () => void (closed = true);
  let failure: unknown = null;
  try {
    for await (const text of decode(bytes, file, findings, state)) {
      failure = parser.api.parse(Buffer.from(text, "utf8"), false, push, close) ?? null;
      if (failure || closed) break;
      if (batch.length >= BATCH) {
        yield batch;
        batch = [];
      }
    }
    if (!failure && !closed) failure = parser.api.parse(undefined, true, push, close) ?? null;
  } catch (error) {
    failure = error;
  }
  if (batch.length) yield batch;
  if (failure) {
    const line = typeof (failure as { lines?: unknown }).lines === "number" ? (failure as { lines: number }).lines : null;
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
