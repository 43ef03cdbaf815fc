// Streams one CSV member: bytes → text (UTF-8 checked) → records with their
// line numbers. Pure: it reads an iterable of bytes the caller opens (a zip
// member, an uploaded file, a fixture on disk) and never touches the disk itself.

import { Readable } from "node:stream";
import { parse } from "csv-parse";
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
 * The records of one CSV file, streamed, in batches. Malformed CSV (an
 * unclosed quote, a stray quote inside a field) is reported at its line and
 * ends the file: after such an error the rest cannot be split into rows
 * reliably (the rows before it are handed on first). `state.failed` tells the
 * caller the file was not read to its end.
 */
export async function* readCsvBatches(bytes: AsyncIterable<Uint8Array>, file: string, findings: Findings, state = { failed: false }): AsyncGenerator<CsvRecord[]> {
  // Every line ending at once: exports edited by hand mix CRLF and LF, and csv-parse would
  // otherwise keep only the first one it meets (two rows would silently become one).
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true, record_delimiter: ["\r\n", "\n", "\r"] });
  const source = Readable.from(decode(bytes, file, findings, state));
  source.on("error", () => parser.destroy());
  source.pipe(parser);
  let batch: CsvRecord[] = [];
  let failure: unknown = null;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      batch.push({ line: item.info.lines, fields: item.record });
      if (batch.length >= BATCH) {
        yield batch;
        batch = [];
      }
    }
  } catch (error) {
    failure = error;
  } finally {
    source.destroy();
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
