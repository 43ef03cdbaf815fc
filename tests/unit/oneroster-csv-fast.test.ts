// readCsvBatches splits unquoted text itself and hands the rest of a file to
// csv-parse from the first quote on (src/domain/oneroster/csv.ts). Whatever
// the text and wherever the upload's chunks happen to be cut, the records,
// their line numbers and the findings must be exactly what csv-parse alone
// makes of the whole file with the same options: the reader before this
// change, kept here as the reference.
import fc from "fast-check";
import { Parser } from "csv-parse";
import { describe, expect, it } from "vitest";
import { readCsvBatches, type CsvRecord } from "@/domain/oneroster/csv";
import { Findings } from "@/domain/oneroster/findings";

/** csv-parse over the whole text, as the reader ran it before (same options, the line live at each record). */
function reference(text: string): { records: CsvRecord[]; errorLine: number | null | undefined } {
  const parser = new Parser({ bom: true, relax_column_count: true, skip_empty_lines: true, record_delimiter: ["\r\n", "\n", "\r"] }) as unknown as {
    info: { lines: number };
    api: { parse(buf: Buffer | undefined, end: boolean, push: (r: string[]) => void, close: () => void): Error | undefined };
  };
  const records: CsvRecord[] = [];
  const push = (fields: string[]) => void records.push({ line: parser.info.lines, fields });
  let failure = parser.api.parse(Buffer.from(text, "utf8"), false, push, () => {});
  if (!failure) failure = parser.api.parse(undefined, true, push, () => {});
  const lines = (failure as { lines?: number } | undefined)?.lines;
  return { records, errorLine: failure ? (lines ?? null) : undefined };
}

/** The text's UTF-8 bytes cut at the given places (which may fall inside a character or a CRLF). */
function chunks(text: string, cuts: number[]): AsyncIterable<Uint8Array> {
  const all = new TextEncoder().encode(text);
  const at = [...new Set(cuts.map((c) => c % (all.length + 1)))].sort((a, b) => a - b);
  return {
    async *[Symbol.asyncIterator]() {
      let from = 0;
      for (const c of [...at, all.length]) {
        if (c > from) yield all.slice(from, c);
        from = Math.max(from, c);
      }
    },
  };
}

async function read(text: string, cuts: number[]) {
  const findings = new Findings();
  const records: CsvRecord[] = [];
  for await (const batch of readCsvBatches(chunks(text, cuts), "t.csv", findings)) records.push(...batch);
  return { records, findings: findings.list };
}

// Text made of what matters to the splitting: separators, every line ending, spaces, quotes, a non-ASCII letter.
const piece = fc.constantFrom("a", "bc", "1", ",", ",", "\n", "\n", "\r\n", "\r", " ", "é", '"', '""');
const csvText = fc.tuple(fc.boolean(), fc.array(piece, { maxLength: 60 })).map(([bom, parts]) => (bom ? "\uFEFF" : "") + parts.join(""));
const unquoted = fc.tuple(fc.boolean(), fc.array(fc.constantFrom("a", "bc", ",", "\n", "\r\n", "\r", " ", "é"), { maxLength: 60 })).map(([bom, parts]) => (bom ? "\uFEFF" : "") + parts.join(""));
const cuts = fc.array(fc.nat({ max: 400 }), { maxLength: 8 });

describe("readCsvBatches", () => {
  it("reads unquoted text into the records and lines csv-parse makes of it, however the bytes are cut", async () => {
    await fc.assert(
      fc.asyncProperty(unquoted, cuts, async (text, at) => {
        const { records, findings } = await read(text, at);
        expect(findings).toEqual([]);
        expect(records).toEqual(reference(text).records);
      }),
      { numRuns: 2000 },
    );
  });

  it("hands the rest to csv-parse from the first quote: the same records, lines and errors", async () => {
    await fc.assert(
      fc.asyncProperty(csvText, cuts, async (text, at) => {
        const { records, findings } = await read(text, at);
        const ref = reference(text);
        expect(records).toEqual(ref.records);
        if (ref.errorLine === undefined) expect(findings).toEqual([]);
        else expect(findings.map((f) => [f.severity, f.line])).toEqual([["error", ref.errorLine]]);
      }),
      { numRuns: 2000 },
    );
  });

  it("counts lines on past the unquoted part when a quoted field spans lines", async () => {
    const { records } = await read('sourcedId,title\n\ns1,plain\r\ns2,"two\nlines"\ns3,after\n', [5, 22]);
    expect(records).toEqual([
      { line: 1, fields: ["sourcedId", "title"] },
      { line: 3, fields: ["s1", "plain"] },
      { line: 5, fields: ["s2", "two\nlines"] },
      { line: 6, fields: ["s3", "after"] },
    ]);
  });
});
