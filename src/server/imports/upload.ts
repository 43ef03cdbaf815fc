import "server-only";
import { Readable } from "node:stream";
import yauzl from "yauzl";
import type { Findings } from "@/domain/oneroster/findings";
import type { Member } from "@/domain/oneroster/read";

/** Limits on an upload (decision 018): a zip bomb or a stray export must not exhaust the server. */
export const UPLOAD_LIMITS = {
  /** The whole upload as sent (the zip, or the CSV files together). */
  uploadBytes: 200 * 1024 * 1024,
  /** One member once unzipped (a 50,000-student district's enrollments.csv is about 60 MB). */
  memberBytes: 512 * 1024 * 1024,
  /** Every member together once unzipped. */
  totalBytes: 1536 * 1024 * 1024,
  members: 64,
} as const;

const sizeText = (n: number) => (n >= 1024 * 1024 ? `${Math.round(n / 1024 / 1024)} MB` : `${n} bytes`);

export type UploadLimits = Record<keyof typeof UPLOAD_LIMITS, number>;

export interface UploadedFile {
  name: string;
  data: Uint8Array;
}

const isZip = (f: UploadedFile) => /\.zip$/i.test(f.name) || (f.data[0] === 0x50 && f.data[1] === 0x4b && f.data[2] === 0x03 && f.data[3] === 0x04);

/** A name that tries to leave its folder or is absolute: never opened (nothing is written to disk either way). */
function unsafeName(name: string): boolean {
  return name.includes("\\") || name.startsWith("/") || /^[a-z]:/i.test(name) || name.split("/").some((p) => p === "..") || name.includes("\u0000");
}

async function* chunksOf(data: Uint8Array): AsyncGenerator<Uint8Array> {
  // 64 KiB at a time, as a file would stream.
  for (let i = 0; i < data.length; i += 65536) yield data.subarray(i, i + 65536);
}

/**
 * A member's name. Names are read raw (decodeStrings: false) so that a hostile
 * one ("../x.csv") is reported by name here instead of failing the whole zip.
 */
function nameOf(entry: yauzl.Entry): string {
  const raw = entry.fileName as unknown as Buffer | string;
  return typeof raw === "string" ? raw : Buffer.from(raw).toString("utf8");
}

function openZip(buffer: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.fromBuffer(buffer, { lazyEntries: true, autoClose: false, validateEntrySizes: true, decodeStrings: false }, (err, zip) => (err || !zip ? reject(err) : resolve(zip))),
  );
}

function entriesOf(zip: yauzl.ZipFile, maxMembers: number): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on("entry", (e: yauzl.Entry) => {
      entries.push(e);
      if (entries.length > maxMembers * 4) {
        reject(new Error("too many members"));
        return;
      }
      zip.readEntry();
    });
    zip.on("end", () => resolve(entries));
    zip.on("error", reject);
    zip.readEntry();
  });
}

function streamOf(zip: yauzl.ZipFile, entry: yauzl.Entry): AsyncIterable<Uint8Array> {
  return {
    async *[Symbol.asyncIterator]() {
      const stream = await new Promise<Readable>((resolve, reject) => zip.openReadStream(entry, (err, s) => (err || !s ? reject(err) : resolve(s))));
      // yauzl checks the inflated size against the directory's; a lying zip fails here, reported by the CSV reader.
      yield* stream as AsyncIterable<Uint8Array>;
    },
  };
}

/**
 * The members of an upload: each zip opened (size limits per member and in
 * total, unsafe names refused), plain CSV files as they are. Problems are
 * findings (errors), never exceptions. `close` releases the zips.
 */
export async function membersOf(files: UploadedFile[], findings: Findings, limits: UploadLimits = UPLOAD_LIMITS): Promise<{ members: Member[]; close: () => void }> {
  const members: Member[] = [];
  const zips: yauzl.ZipFile[] = [];
  let total = 0;
  for (const file of files) {
    if (!isZip(file)) {
      total += file.data.length;
      members.push({ name: file.name, open: () => chunksOf(file.data) });
      continue;
    }
    let zip: yauzl.ZipFile;
    let entries: yauzl.Entry[];
    try {
      zip = await openZip(Buffer.from(file.data.buffer, file.data.byteOffset, file.data.byteLength));
      entries = await entriesOf(zip, limits.members);
    } catch {
      findings.error(file.name, null, null, null, "This is not a zip file that can be opened (it may be damaged, or hold far too many files).");
      continue;
    }
    zips.push(zip);
    const files = entries.filter((e) => !nameOf(e).endsWith("/"));
    if (files.length > limits.members) {
      findings.error(file.name, null, null, String(files.length), `The zip holds ${files.length} files; a OneRoster export has at most ${limits.members}.`);
      continue;
    }
    for (const entry of files) {
      const name = nameOf(entry);
      if (unsafeName(name)) {
        findings.error(file.name, null, null, name, "A member's name points outside the zip's folder; it was not opened.");
        continue;
      }
      if (name.split("/").some((p) => p.startsWith(".")) || name.startsWith("__MACOSX/")) continue; // system files (macOS, hidden)
      if (entry.uncompressedSize > limits.memberBytes) {
        findings.error(name, null, null, String(entry.uncompressedSize), `The file is larger than ${sizeText(limits.memberBytes)} once unzipped.`);
        continue;
      }
      total += entry.uncompressedSize;
      if (total > limits.totalBytes) {
        findings.error(file.name, null, null, null, `The files are larger than ${sizeText(limits.totalBytes)} together once unzipped.`);
        break;
      }
      members.push({ name, open: () => streamOf(zip, entry) });
    }
  }
  return { members, close: () => zips.forEach((z) => z.close()) };
}
