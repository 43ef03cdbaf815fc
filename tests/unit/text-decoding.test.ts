// The shared upload decoder (decision 019) on real byte sequences: what Excel,
// Numbers and Notepad actually write, cut into chunks at awkward places.
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeBytes, decodeStream, NOT_UTF8_MESSAGE, TextDecoderOf } from "@/domain/text-decoding";

const bytes = (...parts: (string | number[])[]) => new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...Buffer.from(p, "utf8")] : p)));

function inChunks(data: Uint8Array, size: number): string {
  const d = new TextDecoderOf();
  let out = "";
  for (let i = 0; i < data.length; i += size) out += d.push(data.subarray(i, i + size));
  return out + d.end();
}

describe("decodeBytes", () => {
  it("reads UTF-8 and drops its byte-order mark", () => {
    const r = decodeBytes(bytes([0xef, 0xbb, 0xbf], "local_id,first\n1,Renée\n"));
    expect(r).toMatchObject({ ok: true, text: "local_id,first\n1,Renée\n", encoding: "utf-8", note: null });
  });

  it("converts UTF-16 little- and big-endian with a byte-order mark", () => {
    const text = "local_id,first\r\n1,Zoë Ngô\r\n";
    const le = new Uint8Array([0xff, 0xfe, ...Buffer.from(text, "utf16le")]);
    const be = new Uint8Array([0xfe, 0xff, ...Buffer.from(text, "utf16le").swap16()]);
    expect(decodeBytes(le)).toMatchObject({ ok: true, text, encoding: "utf-16le" });
    expect(decodeBytes(be)).toMatchObject({ ok: true, text, encoding: "utf-16be" });
    const r = decodeBytes(le);
    expect(r.ok && r.note?.message).toMatch(/UTF-16/);
  });

  it("converts Windows-1252 names (Excel's plain CSV) and says on which line", () => {
    // "José Muñoz" and "O’Brien" as Windows-1252 bytes: 0xE9, 0xF1, 0x92.
    const data = new Uint8Array(iconv.encode("id,name\n1,Jose Smith\n2,José Muñoz\n3,Siobhán O’Brien\n", "windows-1252"));
    expect(data.includes(0xe9) && data.includes(0x92)).toBe(true);
    const r = decodeBytes(data);
    expect(r).toMatchObject({ ok: true, text: "id,name\n1,Jose Smith\n2,José Muñoz\n3,Siobhán O’Brien\n", encoding: "windows-1252" });
    expect(r.ok && r.note).toMatchObject({ line: 3 });
  });

  it("converts Windows-1252 whatever the chunk size, a last byte included", () => {
    const text = "id,name\n1,Chloé\n2,Zoë\n3,André\n";
    const data = new Uint8Array(iconv.encode(text, "windows-1252"));
    for (const size of [1, 2, 3, 5, 7, 64]) expect(inChunks(data, size)).toBe(text);
    expect(decodeBytes(new Uint8Array(iconv.encode("x,y\n1,José", "windows-1252")))).toMatchObject({ ok: true, text: "x,y\n1,José" });
  });

  it("keeps UTF-8 characters cut between chunks", () => {
    const text = "a,b\n1,Ngô Bảo Châu 🙂\n";
    const data = bytes(text);
    for (const size of [1, 2, 3, 4, 5]) expect(inChunks(data, size)).toBe(text);
  });

  it("does not guess Mac Roman (Renée reads as RenŽe in Windows-1252) and reports the line", () => {
    const data = new Uint8Array(iconv.encode("id,name\n1,Sam\n2,Renée\n", "macintosh"));
    expect(data.includes(0x8e)).toBe(true);
    expect(decodeBytes(data)).toEqual({ ok: false, problem: { line: 3, value: "byte 0x8e", message: NOT_UTF8_MESSAGE } });
  });

  it("does not guess when UTF-8 and other bytes are mixed", () => {
    const data = bytes("id,name\n1,Renée\n2,Jos", [0xe9], "\n");
    expect(decodeBytes(data)).toMatchObject({ ok: false, problem: { line: 3, value: "byte 0xe9", message: NOT_UTF8_MESSAGE } });
  });

  it("does not guess bytes that are not letters in a word, nor undefined Windows-1252 bytes", () => {
    expect(decodeBytes(bytes("a,b\n1,", [0xe9], "\n"))).toMatchObject({ ok: false, problem: { line: 2 } }); // é alone, not in a word
    expect(decodeBytes(bytes("a,b\n1,ab", [0x81], "c\n"))).toMatchObject({ ok: false, problem: { line: 2, value: "byte 0x81" } });
    expect(decodeBytes(bytes("a,b\n\n1,ab", [0xa4], "c\n"))).toMatchObject({ ok: false, problem: { line: 3 } }); // ¤ is not a letter
  });

  it("reports binary data and UTF-16 without a byte-order mark as not text", () => {
    expect(decodeBytes(bytes("a,b\n1,2\n", [0, 1, 2]))).toMatchObject({ ok: false, problem: { line: 3, message: expect.stringMatching(/binary/) } });
    expect(decodeBytes(new Uint8Array(Buffer.from("id,name\n", "utf16le")))).toMatchObject({ ok: false, problem: { line: 1 } });
    // A zip or an XLSX read as text: not certain, never garbled.
    expect(decodeBytes(bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]))).toMatchObject({ ok: false });
  });
});

describe("decodeStream", () => {
  it("streams the text and tells the conversion once, or the problem", async () => {
    async function* chunks(data: Uint8Array) {
      for (let i = 0; i < data.length; i += 4) yield data.subarray(i, i + 4);
    }
    const notes: string[] = [];
    const problems: number[] = [];
    let out = "";
    const data = new Uint8Array(iconv.encode("id,name\n1,Zoë\n2,Chloé\n", "windows-1252"));
    for await (const t of decodeStream(chunks(data), { problem: (p) => problems.push(p.line), converted: (line, m) => notes.push(`${line}:${m.slice(0, 20)}`) })) out += t;
    expect(out).toBe("id,name\n1,Zoë\n2,Chloé\n");
    expect(notes).toEqual(["2:The file is not UTF-"]);
    expect(problems).toEqual([]);

    out = "";
    for await (const t of decodeStream(chunks(bytes("id\n1\n2\n", [0xa9, 0xae])), { problem: (p) => problems.push(p.line), converted: () => notes.push("x") })) out += t;
    expect(problems).toEqual([4]);
    expect(out).toBe("id\n1\n2\n");
  });
});
