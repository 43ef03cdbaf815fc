// Issue 17 (decision 018): an administrator uploads the Catalyst OneRoster 1.2
// export as a zip (built here from ../shared/testdata/oneroster), reads the dry
// run, applies it, and the students and the class appear. Axe on every page.
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "../prisma/seed/demo-data";
import { fixtureFiles, HAVE_ONEROSTER_FIXTURES, zipOf } from "../tests/support/oneroster";
import { expectNoSeriousA11yViolations, signIn } from "./support";

test("an administrator imports the Catalyst OneRoster 1.2 zip: dry run, apply, students and classes", async ({ page }) => {
  test.skip(!HAVE_ONEROSTER_FIXTURES, "the OneRoster fixtures (../shared/testdata/oneroster) are absent");
  test.slow();
  const zip = await zipOf(fixtureFiles("catalyst_v1p2_full_dataset"));

  // Riverbend's administrator: a full import ends the classes of the district that the file leaves out, and
  // Maple Valley's seeded homerooms are the teacher journey's (e2e/teacher.spec.ts), which may run after this.
  await signIn(page, "admin@riverbend.example", DEMO_PASSWORD);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Roster imports" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Roster imports" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.getByRole("link", { name: "Import a OneRoster export" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Import a OneRoster export" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel("OneRoster files").setInputFiles({ name: "catalyst-oneroster-1.2.zip", mimeType: "application/zip", buffer: zip });
  await page.getByRole("button", { name: "Check the files (dry run)" }).click();

  // The dry run runs in the background (decision 021): the page shows it queued or running, with a
  // progress bar, then (polling its status) the result, with the rows read per file.
  await expect(page).toHaveURL(/\/admin\/imports\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: "Dry run of the import" })).toBeVisible();
  const progress = page.getByRole("region", { name: "Progress of the dry run" });
  await expect(progress.getByRole("status")).toContainText(/Queued|Running|Done/);
  await expectNoSeriousA11yViolations(page);
  await expect(progress.getByRole("status")).toHaveText("Done.", { timeout: 60_000 });
  await expect(progress.getByRole("table", { name: "Rows per file" }).getByRole("row").filter({ hasText: "users.csv" })).toContainText(/\d/);
  const planned = page.getByRole("table", { name: "Changes planned" });
  await expect(planned.getByRole("row").filter({ hasText: "Students" })).toContainText("3 created");
  await expect(planned.getByRole("row").filter({ hasText: "Classes" })).toContainText("1 created");
  const problems = page.getByRole("table", { name: "Problems found" });
  await expect(problems.getByRole("row").filter({ hasText: "1/05/2023" }).first()).toContainText("users.csv");
  await expect(page.getByRole("heading", { name: /^Problems: 0 errors/ })).toBeVisible();
  await expect(page.getByLabel(/^teacher \(2 people\)/)).toHaveValue("teacher:TEACHER");
  await expectNoSeriousA11yViolations(page);

  // The site administrator is invited (a new email): an initial password is asked for.
  await page.getByLabel(/^Initial password for invited staff/).fill("catalyst-initial-2026");
  await page.getByRole("button", { name: "Apply the import" }).click();
  // Queued in the background: the page follows the job, then shows the import as applied, with what it wrote.
  await expect(page.getByRole("status").filter({ hasText: /being applied in the background|The import was applied/ }).first()).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "The import was applied" })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole("table", { name: "Changes made" }).getByRole("row").filter({ hasText: "Students" })).toContainText("3 created");
  await expectNoSeriousA11yViolations(page);

  // The students are in the student list.
  await page.goto("/students");
  await page.getByLabel(/^Name or local id\b/).fill("Brown");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByRole("link", { name: "Brown, Anna", exact: true })).toBeVisible();

  // The class, with its teacher and students, on its school's page.
  await page.goto("/admin/schools");
  await page.getByRole("link", { name: "History Department" }).click();
  const classes = page.getByRole("table", { name: "Classes of the school" });
  const physics = classes.getByRole("row").filter({ hasText: "Introduction to Physics" });
  await expect(physics).toContainText("John Doe");
  await expect(physics).toContainText("Phys 100 - 1");
  await expectNoSeriousA11yViolations(page);

  // The history shows who applied what.
  await page.goto("/admin/imports");
  const row = page.getByRole("table", { name: "Import history" }).getByRole("row").filter({ hasText: "catalyst-oneroster-1.2.zip" });
  await expect(row).toContainText("Applied");
  await expect(row).toContainText("3 created");
  await expectNoSeriousA11yViolations(page);
});
