// Builds OneRoster zips for tests from the public fixtures in
// ../shared/testdata/oneroster (read in place, never copied into the repository).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import yazl from "yazl";

export const ONEROSTER_FIXTURES = [path.resolve(process.cwd(), "../shared/testdata/oneroster"), "/work/shared/testdata/oneroster"].find((p) => existsSync(p)) ?? "";
export const HAVE_ONEROSTER_FIXTURES = ONEROSTER_FIXTURES !== "";
if (!HAVE_ONEROSTER_FIXTURES) console.warn("SKIPPED: the OneRoster fixtures (../shared/testdata/oneroster) are absent; the import tests that need them did not run.");

/** The files of a fixture folder, by name, with optional replacements (name -> text, or null to leave a file out). */
export function fixtureFiles(folder: string, replace: Record<string, string | null> = {}): Record<string, Buffer> {
  const dir = path.join(ONEROSTER_FIXTURES, folder);
  const out: Record<string, Buffer> = {};
  for (const name of readdirSync(dir)) {
    if (replace[name] === null) continue;
    out[name] = replace[name] !== undefined ? Buffer.from(replace[name] as string) : readFileSync(path.join(dir, name));
  }
  for (const [name, text] of Object.entries(replace)) if (text !== null && !(name in out)) out[name] = Buffer.from(text);
  return out;
}

export function fixtureText(folder: string, name: string): string {
  return readFileSync(path.join(ONEROSTER_FIXTURES, folder, name), "utf8");
}

/** A zip of the given members (names may carry folders, or be hostile: "../x.csv"). */
export function zipOf(files: Record<string, Buffer>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, data] of Object.entries(files)) zip.addBuffer(data, name);
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on("data", (c: Buffer) => chunks.push(c));
    zip.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on("error", reject);
  });
}
