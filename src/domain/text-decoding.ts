// One way every upload turns bytes into text (issue 17, "non-UTF-8 text";
// decision 019). UTF-8 (with or without its byte-order mark) is read as is;
// UTF-16 with a byte-order mark is converted (the mark makes it certain); a
// file that is not UTF-8 is converted from Windows-1252 only when that is
// certain by the rules of `looksWindows1252` below; anything else is reported
// with its line and the text stops there: a wrong guess would silently turn
// names into other names.

import iconv from "iconv-lite";

export type Encoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";

export interface DecodeProblem {
  /** 1-based line of the first byte that could not be read. */
  line: number;
  value: string | null;
  message: string;
}

/** Thrown by `TextDecoderOf.push` / `end`: the text cannot be read from `line` on. */
export class DecodeError extends Error {
  constructor(readonly problem: DecodeProblem) {
    super(problem.message);
  }
}

export const NOT_UTF8_MESSAGE =
  "The file is not UTF-8 text from this line on, and its encoding cannot be told for certain. In the spreadsheet, save it as “CSV UTF-8 (comma delimited)” and upload that file.";
export const BINARY_MESSAGE = "The file holds binary data (a zero byte): it is not a CSV text file.";

/** Characters a Windows-1252 byte (0x80-0xFF) may stand for in a roster: Latin letters and a few marks typed in names. */
const ALLOWED_PUNCTUATION = new Set([..."’‘“”–—…´·ºª°"]);
const isLetter = (c: string | undefined) => c !== undefined && /\p{L}/u.test(c);
const isLatinLetter = (c: string) => /\p{Script=Latin}/u.test(c);
const isUpper = (c: string | undefined) => c !== undefined && c !== c.toLowerCase() && c === c.toUpperCase();
const isLower = (c: string | undefined) => c !== undefined && c !== c.toUpperCase() && c === c.toLowerCase();

/**
 * Whether `text` (bytes read as Windows-1252) is certainly Windows-1252. Every
 * character from a byte 0x80-0xFF must be
 * - defined in Windows-1252 (0x81, 0x8D, 0x8F, 0x90, 0x9D are not),
 * - a Latin letter inside a word (a letter next to it), or one of a few marks
 *   typed in names (’ ‘ “ ” – — … ´ · º ª °),
 * - and no capital from such a byte sits between two small letters ("RenŽe"
 *   is what Mac Roman's "Renée" looks like read as Windows-1252).
 * Returns the index of the first character that breaks a rule, or -1.
 * `before` is the character before `text` (the previous chunk's last), for the word rule.
 */
export function firstDoubtfulWindows1252(text: string, highAt: (i: number) => boolean, before = "", after?: string): number {
  for (let i = 0; i < text.length; i++) {
    if (!highAt(i)) continue;
    const c = text[i] as string;
    const prev = i > 0 ? text[i - 1] : before || undefined;
    const next = i + 1 < text.length ? text[i + 1] : after;
    if (c === "\ufffd") return i;
    if (ALLOWED_PUNCTUATION.has(c)) continue;
    if (!isLatinLetter(c)) return i;
    if (!isLetter(prev) && !isLetter(next)) return i;
    if (isUpper(c) && isLower(prev) && isLower(next)) return i;
  }
  return -1;
}

const countLines = (text: string) => {
  let n = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) n++;
  return n;
};

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Where the last complete UTF-8 character of `buf` ends (a character cut by the chunk's end waits for the next). */
function boundary(buf: Uint8Array): number {
  const len = buf.length;
  for (let k = 1; k <= Math.min(3, len); k++) {
    const b = buf[len - k] as number;
    if (b < 0x80) return len;
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return k < need ? len - k : len;
    }
  }
  return len;
}

const hex = (b: number | undefined) => `byte 0x${(b ?? 0).toString(16).padStart(2, "0")}`;

/**
 * A streaming decoder: `push` each chunk, then `end`. Throws DecodeError at the
 * first byte it cannot read with certainty. `encoding` says what the text was;
 * `convertedAt` the line of the first Windows-1252 character (for the warning).
 */
export class TextDecoderOf {
  encoding: Encoding | null = null;
  convertedAt: number | null = null;
  private utf8: TextDecoder | null = null;
  /** The bytes of a UTF-8 character cut by the chunk's end, kept for the next chunk. */
  private carry = new Uint8Array();
  private utf16: TextDecoder | null = null;
  private line = 1;
  private sawHigh = false;
  /** Windows-1252 text held back one character, so the word rule sees the next character. */
  private held = "";
  private heldHigh = false;
  private heldByte = 0;
  private lastChar = "";

  private emit(text: string): string {
    const zero = text.indexOf("\u0000");
    if (zero !== -1) throw new DecodeError({ line: this.line + countLines(text.slice(0, zero)), value: null, message: BINARY_MESSAGE });
    this.line += countLines(text);
    this.lastChar = text.at(-1) ?? this.lastChar;
    return text;
  }

  push(chunk: Uint8Array): string {
    let data = chunk;
    if (!this.encoding) {
      if (data.length >= 2 && data[0] === 0xff && data[1] === 0xfe) {
        this.encoding = "utf-16le";
        this.utf16 = new TextDecoder("utf-16le", { fatal: true });
        data = data.subarray(2);
      } else if (data.length >= 2 && data[0] === 0xfe && data[1] === 0xff) {
        this.encoding = "utf-16be";
        this.utf16 = new TextDecoder("utf-16be", { fatal: true });
        data = data.subarray(2);
      } else {
        this.encoding = "utf-8";
        // ignoreBOM false: a UTF-8 byte-order mark is dropped.
        this.utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
      }
    }
    if (this.utf16) {
      try {
        return this.emit(this.utf16.decode(data, { stream: true }));
      } catch (e) {
        if (e instanceof DecodeError) throw e;
        throw new DecodeError({ line: this.line, value: null, message: "The file says it is UTF-16 but is not valid UTF-16 from this line on. Export it again as UTF-8 CSV." });
      }
    }
    if (this.encoding === "windows-1252") return this.push1252(data);
    const buf = this.carry.length ? concat(this.carry, data) : data;
    const cut = boundary(buf);
    let text: string;
    try {
      text = (this.utf8 as TextDecoder).decode(buf.subarray(0, cut));
    } catch {
      return this.fallback(buf, false);
    }
    if (!this.sawHigh && buf.subarray(0, cut).some((b) => b >= 0x80)) this.sawHigh = true;
    this.carry = buf.slice(cut);
    return this.emit(text);
  }

  /**
   * `buf` is not valid UTF-8. Windows-1252 only if nothing beyond ASCII came
   * before as UTF-8 and the first high byte does not start a valid UTF-8
   * character: a file mixing both is certain neither way.
   */
  private fallback(buf: Uint8Array, final: boolean): string {
    const firstHigh = buf.findIndex((b) => b >= 0x80);
    const startsUtf8 = (() => {
      const b = buf[firstHigh] ?? 0;
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 0;
      if (!need || firstHigh + need > buf.length) return false;
      try {
        new TextDecoder("utf-8", { fatal: true }).decode(buf.subarray(firstHigh, firstHigh + need));
        return true;
      } catch {
        return false;
      }
    })();
    if (!this.sawHigh && firstHigh >= 0 && !startsUtf8) {
      const head = this.emit(new TextDecoder("utf-8").decode(buf.subarray(0, firstHigh)));
      this.encoding = "windows-1252";
      this.carry = new Uint8Array();
      const rest = this.push1252(buf.subarray(firstHigh));
      return final ? head + rest + this.end() : head + rest;
    }
    // The longest prefix that is valid UTF-8 (validity of a prefix is monotone: binary search), for the line.
    let lo = 0;
    let hi = buf.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      try {
        new TextDecoder("utf-8", { fatal: true }).decode(buf.subarray(0, mid), { stream: true });
        lo = mid;
      } catch {
        hi = mid - 1;
      }
    }
    // A character begun but never finished: the problem starts at its first byte.
    const complete = (n: number) => {
      try {
        new TextDecoder("utf-8", { fatal: true }).decode(buf.subarray(0, n));
        return true;
      } catch {
        return false;
      }
    };
    while (lo > 0 && !complete(lo)) lo--;
    const line = this.line + countLines(new TextDecoder("utf-8").decode(buf.subarray(0, lo)));
    throw new DecodeError({ line, value: hex(buf[lo]), message: NOT_UTF8_MESSAGE });
  }

  private push1252(data: Uint8Array): string {
    const text = iconv.decode(Buffer.from(data.buffer, data.byteOffset, data.byteLength), "windows-1252");
    // Single-byte encoding: character i is byte i.
    const all = this.held + text;
    const raw = [this.heldByte, ...data];
    const highs = raw.map((b) => b >= 0x80);
    const offset = this.held ? 0 : 1;
    const out = all.slice(0, -1);
    const bad = firstDoubtfulWindows1252(out, (i) => highs[i + offset] === true, this.lastChar, all.at(-1));
    if (bad !== -1) this.fail1252(out, bad, raw[bad + offset]);
    if (this.convertedAt === null) {
      const first = out.split("").findIndex((_, i) => highs[i + offset]);
      if (first !== -1) this.convertedAt = this.line + countLines(out.slice(0, first));
    }
    this.held = all.slice(-1);
    this.heldHigh = highs[all.length - 1 + offset] === true;
    this.heldByte = raw[all.length - 1 + offset] ?? 0;
    return this.emit(out);
  }

  private fail1252(text: string, bad: number, byte: number | undefined): never {
    const line = this.line + countLines(text.slice(0, bad));
    throw new DecodeError({ line, value: hex(byte), message: NOT_UTF8_MESSAGE });
  }

  end(): string {
    if (this.utf16) {
      try {
        return this.emit(this.utf16.decode());
      } catch {
        throw new DecodeError({ line: this.line, value: null, message: "The file ends in the middle of a UTF-16 character. Export it again as UTF-8 CSV." });
      }
    }
    if (this.encoding === "windows-1252") {
      const last = this.held;
      if (last && this.heldHigh && firstDoubtfulWindows1252(last, () => true, this.lastChar, undefined) !== -1) this.fail1252(last, 0, this.heldByte);
      if (last && this.heldHigh && this.convertedAt === null) this.convertedAt = this.line;
      this.held = "";
      return this.emit(last);
    }
    const carry = this.carry;
    this.carry = new Uint8Array();
    if (!carry.length) return "";
    let text: string;
    try {
      text = (this.utf8 as TextDecoder).decode(carry);
    } catch {
      return this.fallback(carry, true);
    }
    return this.emit(text);
  }

  /** The warning to show when the text was converted (null for UTF-8). */
  conversionNote(): string | null {
    if (this.encoding === "utf-16le" || this.encoding === "utf-16be") return "The file is UTF-16 (it says so in its first bytes); it was converted to UTF-8.";
    if (this.encoding === "windows-1252" && this.convertedAt !== null)
      return "The file is not UTF-8: its accented letters are Windows-1252 (what Excel's plain “CSV” saves), so it was converted. Check the names on this line read correctly.";
    return null;
  }
}

/** Decodes a whole upload held in memory. */
export function decodeBytes(bytes: Uint8Array): { ok: true; text: string; encoding: Encoding; note: { line: number; message: string } | null } | { ok: false; problem: DecodeProblem } {
  const d = new TextDecoderOf();
  try {
    let text = "";
    for (let i = 0; i < bytes.length; i += 65536) text += d.push(bytes.subarray(i, i + 65536));
    text += d.end();
    const message = d.conversionNote();
    return { ok: true, text, encoding: d.encoding ?? "utf-8", note: message ? { line: d.convertedAt ?? 1, message } : null };
  } catch (e) {
    if (e instanceof DecodeError) return { ok: false, problem: e.problem };
    throw e;
  }
}

/** Decodes a byte stream; problems and conversion notes go to the callbacks. Stops at the first problem. */
export async function* decodeStream(
  bytes: AsyncIterable<Uint8Array>,
  on: { problem: (p: DecodeProblem) => void; converted: (line: number, message: string) => void },
): AsyncGenerator<string> {
  const d = new TextDecoderOf();
  let noted = false;
  const note = () => {
    const message = d.conversionNote();
    if (message && !noted && (d.encoding !== "windows-1252" || d.convertedAt !== null)) {
      noted = true;
      on.converted(d.encoding === "windows-1252" ? (d.convertedAt ?? 1) : 1, message);
    }
  };
  try {
    for await (const chunk of bytes) {
      const text = d.push(chunk);
      note();
      if (text) yield text;
    }
    const rest = d.end();
    note();
    if (rest) yield rest;
  } catch (e) {
    if (e instanceof DecodeError) {
      on.problem(e.problem);
      return;
    }
    throw e;
  }
}
