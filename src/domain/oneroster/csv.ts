// Streams one CSV member: bytes → text (UTF-8 checked) → records with their
// line numbers. Pure: it reads an iterable of bytes the caller opens (a zip
// member, an uploaded file, a fixture on disk) and never touches the disk itself.

import { Readable } from "node:stream";
import { parse } from "csv-parse";
import type { Findings } from "./findings";

export interface CsvRecord {
  /** 1-based line where the record ends (the header is line 1). */
  line: number;
  fields: string[];
}

/**
 * Text of a byte stream. UTF-8 (a BOM is dropped) is read as is; UTF-16 with
 * its BOM is converted, since the BOM makes the encoding certain; anything
 * else that is not valid UTF-8 (a Windows-1252 or Latin-1 export, a binary
 * file) is reported with its line and the file stops there: guessing a code
 * page could turn names into other names without anyone noticing.
 */
async function* decode(bytes: AsyncIterable<Uint8Array>, file: string, findings: Findings, state: { failed: boolean }): AsyncGenerator<string> {
  let decoder: TextDecoder | null = null;
  let line = 1;
  const count = (text: string) => {
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) line++;
  };
  try {
    for await (const chunk of bytes) {
      let data = chunk;
      if (!decoder) {
        if (data.length >= 2 && data[0] === 0xff && data[1] === 0xfe) {
          decoder = new TextDecoder("utf-16le", { fatal: true });
          findings.warning(file, null, null, null, "The file is UTF-16 (it says so in its first bytes); it was converted to UTF-8.");
          data = data.subarray(2);
        } else if (data.length >= 2 && data[0] === 0xfe && data[1] === 0xff) {
          decoder = new TextDecoder("utf-16be", { fatal: true });
          findings.warning(file, null, null, null, "The file is UTF-16 (it says so in its first bytes); it was converted to UTF-8.");
          data = data.subarray(2);
        } else {
          decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
        }
      }
      let text: string;
      try {
        text = decoder.decode(data, { stream: true });
      } catch {
        // Find the line of the first bad byte: decode the good prefix.
        let good = 0;
        for (let n = data.length; n > 0; n--) {
          try {
            new TextDecoder("utf-8", { fatal: true }).decode(data.subarray(0, n), { stream: true });
            good = n;
            break;
          } catch {
            /* shorter */
          }
        }
        count(new TextDecoder("utf-8").decode(data.subarray(0, good)));
        findings.error(
          file,
          line,
          null,
          `byte 0x${(data[good] ?? 0).toString(16).padStart(2, "0")}`,
          "The file is not UTF-8 text from this line on (perhaps a Windows or Latin-1 export, or not a text file). Export it again as UTF-8 CSV.",
        );
        state.failed = true;
        return;
      }
      if (text.includes("\u0000")) {
        count(text.slice(0, text.indexOf("\u0000")));
        findings.error(file, line, null, null, "The file holds binary data (a zero byte): it is not a CSV text file.");
        state.failed = true;
        return;
      }
      count(text);
      yield text;
    }
    const rest = decoder?.decode() ?? "";
    if (rest) yield rest;
  } catch {
    findings.error(file, line, null, null, "The file could not be read to its end (it may be damaged or too large).");
    state.failed = true;
  }
}

/**
 * The records of one CSV file, streamed. Malformed CSV (an unclosed quote, a
 * stray quote inside a field) is reported at its line and ends the file:
 * after such an error the rest cannot be split into rows reliably.
 * `state.failed` tells the caller the file was not read to its end.
 */
export async function* readCsv(bytes: AsyncIterable<Uint8Array>, file: string, findings: Findings, state = { failed: false }): AsyncGenerator<CsvRecord> {
  // Every line ending at once: exports edited by hand mix CRLF and LF, and csv-parse would
  // otherwise keep only the first one it meets (two rows would silently become one).
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true, record_delimiter: ["\r\n", "\n", "\r"] });
  const source = Readable.from(decode(bytes, file, findings, state));
  source.on("error", () => parser.destroy());
  source.pipe(parser);
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      yield { line: item.info.lines, fields: item.record };
    }
  } catch (error) {
    const line = typeof (error as { lines?: unknown }).lines === "number" ? (error as { lines: number }).lines : null;
    const code = (error as { code?: string }).code ?? "";
    findings.error(file, line, null, null, `The file is not valid CSV here${code ? ` (${csvProblem(code)})` : ""}; the rest of the file was not read.`);
    state.failed = true;
  } finally {
    source.destroy();
  }
}

function csvProblem(code: string): string {
  if (code === "CSV_QUOTE_NOT_CLOSED") return "a quoted field is never closed";
  if (code === "CSV_INVALID_CLOSING_QUOTE") return "a quote in the middle of a field";
  if (code === "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE") return "text right after a closing quote";
  return code.toLowerCase().replaceAll("_", " ");
}
