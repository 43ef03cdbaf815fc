// Issue 17 (decision 022): an administrator opens the export page from the
// roster imports page, downloads the whole district, and the zip holds the
// README and every district-owned table as CSV; a roster downloads as CSV;
// a coordinator is refused. Axe on every page.
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import yauzl from "yauzl";
import { EXPORT_TABLES, exportFileName } from "../src/domain/district-export";
import { DEMO_PASSWORD } from "../prisma/seed/demo-data";
import { expectNoSeriousA11yViolations, signIn } from "./support";

function entriesOf(buf: Buffer): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const out = new Map<string, string>();
      zip.on("entry", (entry: yauzl.Entry) =>
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("end", () => {
            out.set(entry.fileName, Buffer.concat(chunks).toString("utf8"));
            zip.readEntry();
          });
        }),
      );
      zip.on("end", () => resolve(out));
      zip.on("error", reject);
      zip.readEntry();
    });
  });
}

test("an administrator downloads the whole district as a zip of CSV files with a README", async ({ page }) => {
  test.slow();
  await signIn(page, "admin@maplevalley.example", DEMO_PASSWORD);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Roster imports" }).click();
  await page.getByRole("link", { name: "Export district data" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Export district data" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Files in the zip" }).getByRole("row", { name: /^student\.csv / })).toBeVisible();
  await expect(page.getByRole("region", { name: "Left out" })).toContainText("passwordHash");
  await expectNoSeriousA11yViolations(page);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download the district (zip)" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^district-export-\d{4}-\d{2}-\d{2}\.zip$/);
  const files = await entriesOf(await readFile((await download.path())!));
  expect([...files.keys()].sort()).toEqual(["README.md", ...Object.keys(EXPORT_TABLES).map(exportFileName)].sort());
  const readme = files.get("README.md")!;
  expect(readme).toContain("Maple Valley");
  expect(readme).toContain("### student.csv");
  expect(readme).toContain("user.csv `passwordHash`");
  const students = files.get("student.csv")!.trim().split("\r\n");
  expect(students[0]).toContain('"localId"');
  expect(students.length).toBeGreaterThan(100);
  expect(files.get("user.csv")!).not.toContain("passwordHash");
  expect(files.get("user.csv")!).toContain("admin@maplevalley.example");

  const [roster] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Students (CSV)" }).click()]);
  const csv = await readFile((await roster.path())!, "utf8");
  expect(csv.split("\r\n")[0]).toBe('"local_id","sourced_id","last_name","first_name","middle_name","preferred_name","grade","school","school_code"');
});

test("a coordinator is refused the export page and the download", async ({ page }) => {
  await signIn(page, "coordinator@maplevalley.example", DEMO_PASSWORD);
  const response = await page.goto("/admin/export");
  expect(response?.status()).toBe(404);
  await expectNoSeriousA11yViolations(page);
  expect((await page.request.get("/admin/export/district")).status()).toBe(404);
});
