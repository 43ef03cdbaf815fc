import { writeFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../prisma/seed/demo-data";
import { expectNoHorizontalOverflow, expectNoSeriousA11yViolations, mainMenuLink, PHONE, signIn } from "./support";

// Universal screening (issue 17). Other specs share the demo database: these
// tests touch grade 3 students of Maple Valley Elementary nothing else reads
// (Isaac Davis and Ava King in Tier 1, Ryan Campbell in Tier 2 for math),
// and only their winter scores and tiers.
const ISAAC = { localId: "MV100128", name: "Davis, Isaac" };
const AVA = { localId: "MV100134", name: "King, Ava" };
const RYAN = { localId: "MV100176", name: "Campbell, Ryan" };

async function check(page: Page) {
  await expectNoSeriousA11yViolations(page);
}

/** Uploads a CSV as the signed-in coordinator for the winter window and lands on its mapping page. */
async function uploadWinterFile(page: Page, path: string, text: string, scan = true) {
  await writeFile(path, text);
  await page.goto("/screening/upload");
  await expect(page.getByRole("heading", { level: 1, name: "Upload screening scores" })).toBeVisible();
  if (scan) await check(page);
  const windowSelect = page.getByLabel(/^Screening window\b/);
  const winter = (await windowSelect.locator("option", { hasText: /^Winter / }).first().textContent())!;
  await windowSelect.selectOption({ label: winter });
  await page.getByLabel(/^CSV file\b/).setInputFiles(path);
  await page.getByRole("button", { name: "Upload and map columns" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Screening file: / })).toBeVisible();
}

test("a coordinator's file with errors is reported line by line and cannot be applied", async ({ page }, testInfo) => {
  await signIn(page, "coordinator@maplevalley.example", DEMO_PASSWORD);
  await uploadWinterFile(page, testInfo.outputPath("bad.csv"), `Student ID,Last Name,DORF,Math Composite\n${ISAAC.localId},Davis,40,150\nMV999999,Nobody,50,50\n`);
  await page.getByRole("button", { name: "Check the file (dry run)" }).click();
  const report = page.getByRole("region", { name: "2. Dry run" });
  await expect(report.getByText("Errors (block the file):")).toBeVisible();
  const problems = report.getByRole("table", { name: "Problems found in the file" });
  await expect(problems.getByRole("row", { name: /^2 Math Composite 150 Math screening composite scores are from 0 to 100\. Error$/ })).toBeVisible();
  await expect(problems.getByRole("row", { name: /^3 Student ID MV999999 No student of your schools has this local id\. Error$/ })).toBeVisible();
  await expect(report.getByRole("button", { name: /^Apply/ })).toHaveCount(0);
  await expect(report.getByText("Nothing can be saved until the errors are corrected")).toBeVisible();
  await check(page);
});

test("a coordinator uploads winter scores with a column mapping, applies them and confirms the suggested tier changes", async ({ page }, testInfo) => {
  await signIn(page, "coordinator@maplevalley.example", DEMO_PASSWORD);
  await (await mainMenuLink(page, "Screening")).click();
  await expect(page.getByRole("heading", { level: 1, name: "Universal screening" })).toBeVisible();
  await check(page);

  // A DIBELS-style export: the app proposes the mapping from the headers; the coordinator confirms it.
  await uploadWinterFile(
    page,
    testInfo.outputPath("winter.csv"),
    ["Student ID,Last Name,First Name,Grade,DORF,Math Composite", `${ISAAC.localId},Davis,Isaac,3,40,50`, `${AVA.localId},King,Ava,3,112,60`, `${RYAN.localId},Campbell,Ryan,3,118,70`, ""].join("\n"),
    false, // scanned in the test above
  );
  await expect(page.getByLabel(/^Column 1: “Student ID”/)).toHaveValue("localId");
  await expect(page.getByLabel(/^Column 2: “Last Name”/)).toHaveValue("ignore");
  await expect(page.getByLabel(/^Column 4: “Grade”/)).toHaveValue("grade");
  await expect(page.getByLabel(/^Column 5: “DORF”/).locator("option:checked")).toHaveText(/^Scores: ORF words correct per minute/);
  await expect(page.getByLabel(/^Column 6: “Math Composite”/).locator("option:checked")).toHaveText(/^Scores: Math screening composite/);
  await check(page);
  await page.getByRole("button", { name: "Check the file (dry run)" }).click();

  const report = page.getByRole("region", { name: "2. Dry run" });
  await expect(report.getByText(/^6 \(/)).toBeVisible();
  await expect(report.getByText("Errors (block the file):")).toBeVisible();
  await expect(report.getByRole("table", { name: "Problems found in the file" }).getByRole("cell", { name: "Error", exact: true })).toHaveCount(0);
  await check(page);
  await report.getByRole("button", { name: "Apply: save 6 scores" }).click();
  // Applied: the page now shows what was saved, and the file can no longer be applied.
  await expect(page.getByRole("region", { name: "Applied" }).getByRole("status")).toContainText(": 6 new scores, 0 scores updated, 0 unchanged.");
  await expect(page.getByRole("button", { name: /^Apply/ })).toHaveCount(0);
  await check(page);
  await page.getByRole("link", { name: "Review the tier suggestions of the window" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Tier suggestions from screening" })).toBeVisible();
  await expect(page.getByText(/Reading: Tier 1 \(no decision\) → Tier 3/).first()).toBeVisible();
  await check(page);
  const item = (name: string, area: string) => page.getByRole("listitem").filter({ hasText: name }).filter({ hasText: `${area}:` }).getByRole("checkbox");
  await expect(item(ISAAC.name, "Reading")).not.toBeChecked();
  await expect(page.getByRole("listitem").filter({ hasText: ISAAC.name }).filter({ hasText: "Reading:" })).toContainText("Reason recorded: “Winter screening: high risk”");
  await expect(page.getByRole("listitem").filter({ hasText: AVA.name })).toHaveCount(0);
  await item(ISAAC.name, "Reading").check();
  await item(RYAN.name, "Math").check();
  await page.getByRole("button", { name: "Confirm the ticked tier decisions" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText(/^2 tier decisions recorded from the Winter /);
  await expect(page.getByRole("listitem").filter({ hasText: ISAAC.name }).filter({ hasText: "Reading:" })).toHaveCount(0);
  await check(page);

  // Each is an ordinary tier decision on the student's record (the record's own spec scans it with axe).
  await page.goto("/students");
  await page.getByLabel(/^Name or local id\b/).fill(ISAAC.localId);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await page.getByRole("link", { name: ISAAC.name, exact: true }).click();
  await expect(page.getByText("Winter screening: high risk").first()).toBeVisible();
});

test.describe("on a phone", () => {
  test.use(PHONE);

  test("a specialist enters a score in the grid of her school's grade 3", async ({ page }) => {
    await signIn(page, "specialist@maplevalley.example", DEMO_PASSWORD);
    await (await mainMenuLink(page, "Screening")).click();
    await expect(page.getByRole("heading", { level: 1, name: "Universal screening" })).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await check(page);
    await page.getByRole("link", { name: "Enter scores by grade" }).click();
    await page.getByLabel(/^Grade\b/).selectOption("G3");
    await page.getByRole("button", { name: "Show" }).click();
    await expect(page.getByRole("heading", { level: 2, name: /^Maple Valley Elementary, grade 3: / })).toBeVisible();
    await expectNoHorizontalOverflow(page);
    await check(page);
    // Ava King is on the first page (family names from C).
    const ava = page.getByLabel(`ORF words correct per minute, ${AVA.name}`, { exact: true });
    if (!(await ava.isVisible())) await page.getByRole("link", { name: "Next page" }).click();
    await ava.fill("abc");
    await page.getByRole("button", { name: "Save scores" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toContainText("Nothing was saved: 1 score has a problem.");
    await expect(ava).toHaveAttribute("aria-invalid", "true");
    await check(page);
    await ava.fill("121");
    await page.getByRole("button", { name: "Save scores" }).click();
    await expect(page.getByRole("main").getByRole("status")).toHaveText(/^1 score saved for /);
    await expect(ava).toHaveValue("121");
    await expectNoHorizontalOverflow(page);
  });

  test("the suggestions and upload pages fit a phone", async ({ page }) => {
    await signIn(page, "coordinator@maplevalley.example", DEMO_PASSWORD);
    for (const path of ["/screening/suggestions", "/screening/upload"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectNoHorizontalOverflow(page);
      await check(page);
    }
  });
});

test("an administrator sets the screening windows and screeners", async ({ page }) => {
  await signIn(page, "admin@riverbend.example", DEMO_PASSWORD);
  await (await mainMenuLink(page, "Screening windows")).click();
  await expect(page.getByRole("heading", { level: 1, name: "Screening windows" })).toBeVisible();
  await check(page);
  const windows = page.getByRole("region", { name: /^Windows of / });
  const winterStart = windows.getByRole("group", { name: /^Winter window/ }).getByLabel("First day");
  const winterEnd = windows.getByRole("group", { name: /^Winter window/ }).getByLabel("Last day");
  const end = await winterEnd.inputValue();
  await winterStart.fill(end);
  await winterEnd.fill(await windows.getByRole("group", { name: /^Fall window/ }).getByLabel("Last day").inputValue());
  await page.getByRole("button", { name: "Save the windows" }).click();
  await expect(windows.getByRole("alert")).toContainText("Nothing was saved");
  await check(page);
});
