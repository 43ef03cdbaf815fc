import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_STUDENTS } from "../prisma/seed/demo-data";
import { expectNoSeriousA11yViolations, signIn, openRecordSection } from "./support";

const SPECIALIST = "specialist@maplevalley.example";
const ASSISTANT = "assistant@maplevalley.example";
// Unique per run, so the journey does not depend on what other specs do to Maya's record.
const DESCRIPTION = `Audio version of science tests (${Date.now().toString(36)})`;

async function openProfileFromList(page: Page, student: (typeof DEMO_STUDENTS)[keyof typeof DEMO_STUDENTS]) {
  await page.goto("/students");
  await page.getByLabel(/^Name or local id\b/).fill(`${student.first} ${student.last}`);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await page.getByRole("link", { name: `${student.last}, ${student.first}`, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${student.first} ${student.last}`);
}

test("a specialist adds an accommodation on a caseload student's profile; the assistant who serves her sees it, not its source", async ({ page, browser }) => {
  const maya = DEMO_STUDENTS.maya;
  await signIn(page, SPECIALIST, DEMO_PASSWORD);
  await openProfileFromList(page, maya);
  await openRecordSection(page, "Accommodations");
  const section = page.getByRole("region", { name: "Accommodations", exact: true });
  // The demo's: from Maya's student support plan.
  await expect(section.getByRole("listitem").filter({ hasText: "Preferential seating near the point of instruction" })).toContainText("Other · since");
  await expectNoSeriousA11yViolations(page);

  const add = section.locator("details", { has: page.getByText("Add an accommodation", { exact: true }) });
  await add.getByText("Add an accommodation", { exact: true }).click();
  await add.getByRole("radio", { name: /^Other\b/ }).check();
  await add.getByRole("button", { name: "Add accommodation" }).click();
  // Nothing without a description; the message is beside the field, the choice kept.
  await expect(section.getByRole("alert")).toContainText("Please correct the highlighted fields.");
  await expect(add.getByLabel(/^Accommodation\b/)).toHaveAccessibleDescription(/Describe the accommodation, for example: Extended time \(1\.5x\) on tests\./);
  await expect(add.getByRole("radio", { name: /^Other\b/ })).toBeChecked();
  await expectNoSeriousA11yViolations(page);

  await add.getByLabel(/^Accommodation\b/).fill(DESCRIPTION);
  await add.getByRole("button", { name: "Add accommodation" }).click();
  await expect(section.getByRole("status")).toHaveText("Accommodation added.");
  const added = section.getByRole("listitem").filter({ hasText: DESCRIPTION });
  await expect(added).toContainText("Other · since");
  await expect(added.getByText("Edit or end this accommodation")).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  const profileView = new URL(page.url());
  const profilePath = profileView.pathname + profileView.search;

  const context = await browser.newContext();
  const assistantPage = await context.newPage();
  await signIn(assistantPage, ASSISTANT, DEMO_PASSWORD);
  await assistantPage.goto(profilePath);
  const seen = assistantPage.getByRole("region", { name: "Accommodations", exact: true });
  const item = seen.getByRole("listitem").filter({ hasText: DESCRIPTION });
  await expect(item).toBeVisible();
  await expect(item).not.toContainText("Other");
  await expect(seen).not.toContainText("Other ·");
  await expect(seen.getByText("Add an accommodation")).toHaveCount(0);
  await expect(seen.getByText("Edit or end this accommodation")).toHaveCount(0);
  await expectNoSeriousA11yViolations(assistantPage);
  await context.close();
});
