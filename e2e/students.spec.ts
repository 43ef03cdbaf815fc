import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_STUDENTS } from "../prisma/seed/demo-data";
import { expectNoSeriousA11yViolations, signIn, openRecordSection } from "./support";

const ADMIN = "admin@maplevalley.example";
const COORDINATOR = "coordinator@maplevalley.example";
const ASSISTANT = "assistant@maplevalley.example";
const nameOf = (email: string) => DEMO_ACCOUNTS.find((a) => a.email === email)!.name;

type Fixed = (typeof DEMO_STUDENTS)[keyof typeof DEMO_STUDENTS];
/** How the list shows a student: "Last, First". */
const listName = (s: Fixed) => `${s.last}, ${s.first}`;

/** Searches the student list by name through the form, as a person would. */
async function searchByName(page: Page, text: string) {
  await page.getByLabel(/^Name or local id\b/).fill(text);
  await page.getByRole("button", { name: "Search", exact: true }).click();
}

/** A student's profile path, found through an administrator's student list (ids, never names, are in URLs). */
async function profilePathOf(browser: Browser, student: Fixed): Promise<string> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, ADMIN, DEMO_PASSWORD);
  await page.goto("/students");
  await searchByName(page, `${student.first} ${student.last}`);
  const href = await page.getByRole("link", { name: listName(student), exact: true }).getAttribute("href");
  await context.close();
  expect(href).toMatch(/^\/students\/[0-9a-f-]{36}$/);
  return href!;
}

test("a coordinator finds a student by name, and the name never reaches the URL", async ({ page }) => {
  const leo = DEMO_STUDENTS.leo;
  await signIn(page, COORDINATOR, DEMO_PASSWORD);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Students" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Students" })).toBeVisible();
  await expect(page.getByRole("main").getByRole("status")).toContainText("students found");
  await expectNoSeriousA11yViolations(page);

  await page.getByLabel(/^Grade\b/).selectOption(leo.grade);
  await searchByName(page, leo.last.toUpperCase());
  await expect(page.getByRole("main").getByRole("status")).toContainText("1 student found");
  // The form keeps the search and the filters it shows the results of.
  await expect(page.getByLabel(/^Name or local id\b/)).toHaveValue(leo.last.toUpperCase());
  await expect(page.getByLabel(/^Grade\b/)).toHaveValue(leo.grade);
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: listName(leo), exact: true }) });
  await expect(row).toContainText(leo.localId);
  await expect(row).toContainText("No one yet");
  expect(page.url()).not.toMatch(new RegExp(`${leo.last}|${leo.first}`, "i"));
  await expectNoSeriousA11yViolations(page);

  await row.getByRole("link", { name: listName(leo) }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${leo.first} ${leo.last}`);
  expect(page.url()).not.toMatch(new RegExp(`${leo.last}|${leo.first}`, "i"));
  await openRecordSection(page, "Key facts");
  await expect(page.getByText("Date of birth")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Access history" })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
});

test("the student search works without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, COORDINATOR, DEMO_PASSWORD);
  await page.goto("/students");
  await searchByName(page, DEMO_STUDENTS.maya.last);
  await expect(page.getByRole("link", { name: listName(DEMO_STUDENTS.maya), exact: true })).toBeVisible();
  await expect(page.getByLabel(/^Name or local id\b/)).toHaveValue(DEMO_STUDENTS.maya.last);
  expect(page.url()).not.toMatch(new RegExp(DEMO_STUDENTS.maya.last, "i"));
  // No axe scan here: axe runs as a script in the page. The first test scans this page with JavaScript.
  await context.close();
});

test("an assistant opens a student on their caseload without the sensitive fields, and gets 404 for one who is not", async ({ page, browser }) => {
  const onCaseload = await profilePathOf(browser, DEMO_STUDENTS.maya);
  const elsewhere = await profilePathOf(browser, DEMO_STUDENTS.noah);
  await signIn(page, ASSISTANT, DEMO_PASSWORD);

  await page.goto(onCaseload);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${DEMO_STUDENTS.maya.first} ${DEMO_STUDENTS.maya.last}`);
  await openRecordSection(page, "Caseload");
  await expect(page.getByRole("region", { name: "Caseload", exact: true })).toContainText(nameOf(ASSISTANT));
  // The key facts an assistant sees leave out the sensitive ones; the guardians are not offered.
  await openRecordSection(page, "Key facts");
  for (const hidden of ["Date of birth", "Race", "Economically disadvantaged", "IEP", "504 plan"]) {
    await expect(page.getByText(hidden, { exact: true })).toHaveCount(0);
  }
  await expect(page.getByRole("heading", { name: "Guardians" })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);

  const response = await page.goto(elsewhere);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await expect(page.getByText(DEMO_STUDENTS.noah.last)).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);

  const students = await page.goto("/students");
  expect(students?.status()).toBe(404);
});

test("an administrator reads a student's access history", async ({ page }) => {
  const noah = DEMO_STUDENTS.noah;
  await signIn(page, ADMIN, DEMO_PASSWORD);
  await page.goto("/students");
  await searchByName(page, `${noah.first} ${noah.last}`);
  await page.getByRole("link", { name: listName(noah), exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${noah.first} ${noah.last}`);
  await expectNoSeriousA11yViolations(page);

  await openRecordSection(page, "Access history");
  const history = page.getByRole("region", { name: "Access history", exact: true });
  await expect(history).toBeVisible();
  // This very visit is the newest event.
  const newest = history.getByRole("row").nth(1);
  await expect(newest).toContainText(nameOf(ADMIN));
  await expect(newest).toContainText("view");
  await expect(newest).toContainText("Student");
});

test("a coordinator sets a student's reading tier on the profile and sees it in the history", async ({ page }) => {
  const leo = DEMO_STUDENTS.leo;
  await signIn(page, COORDINATOR, DEMO_PASSWORD);
  await page.goto("/students");
  await searchByName(page, `${leo.first} ${leo.last}`);
  await page.getByRole("link", { name: listName(leo), exact: true }).click();
  await openRecordSection(page, "Tiers");
  const tiers = page.getByRole("region", { name: "Tiers", exact: true });
  await expect(tiers).toContainText("Tier 1 (core instruction) in every area.");
  await expectNoSeriousA11yViolations(page);

  // The form is behind its control: the record reads first.
  await tiers.locator("summary", { hasText: "Set a tier" }).click();
  await tiers.getByLabel(/^Area\b/).selectOption("READING");
  await tiers.getByLabel(/^Tier\b/).selectOption("TIER_2");
  await expect(tiers.getByLabel(/^Effective date\b/)).toHaveValue(new Date().toISOString().slice(0, 10));
  await tiers.getByRole("button", { name: "Set tier" }).click();
  // Nothing without a reason; the message is beside the field.
  await expect(tiers.getByRole("alert")).toContainText("Please correct the highlighted fields.");
  await expect(tiers.getByLabel(/^Reason\b/)).toHaveAccessibleDescription(/Enter the reason for the decision\./);
  await expect(tiers.getByLabel(/^Tier\b/)).toHaveValue("TIER_2");
  await tiers.getByLabel(/^Reason\b/).fill("Winter screening: below benchmark");
  await tiers.getByRole("button", { name: "Set tier" }).click();

  await expect(tiers.getByRole("status")).toContainText(`${leo.first} ${leo.last}: Tier 2 in reading`);
  await expect(tiers.getByRole("term").filter({ hasText: "Reading" })).toBeVisible();
  await expect(tiers.getByRole("definition").filter({ hasText: "Tier 2 (targeted, small-group)" })).toBeVisible();
  await expect(tiers).toContainText("Tier 1 (core instruction) for all other areas.");
  const history = tiers.getByRole("list", { name: "Tier decisions, newest first" });
  await expect(history.getByRole("listitem").first()).toContainText("Reading, Tier 2");
  await expect(history.getByRole("listitem").first()).toContainText(`Winter screening: below benchmark (decided by ${nameOf(COORDINATOR)})`);
  await expectNoSeriousA11yViolations(page);
});

test("a coordinator adds a student, fixing a mistake shown beside the field, then edits them", async ({ page }) => {
  const localId = `E2E${Date.now().toString(36).toUpperCase()}`;
  await signIn(page, COORDINATOR, DEMO_PASSWORD);
  await page.goto("/students");
  await page.getByRole("link", { name: "Add a student" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Add a student" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.getByLabel(/^Local student id\b/).fill(localId);
  await page.getByLabel(/^Legal first name\b/).fill("Rowan");
  await page.getByLabel(/^Legal last name\b/).fill("Quill");
  await page.getByLabel(/^Date of birth\b/).fill("2099-01-01");
  await page.getByLabel(/^School\b/).selectOption({ label: "Maple Valley Elementary" });
  await page.getByLabel(/^Grade\b/).selectOption({ label: "Grade 2" });
  await page.getByLabel("Asian").check();
  const guardian = page.getByRole("group", { name: "Guardian 1" });
  await guardian.getByLabel(/^Name\b/).fill("Ellis Quill");
  await guardian.getByLabel(/^Relationship\b/).fill("Father");
  await page.getByRole("button", { name: "Add student" }).click();

  await expect(page.getByRole("main").getByRole("alert")).toContainText("Please correct the highlighted fields.");
  const dob = page.getByLabel(/^Date of birth\b/);
  await expect(dob).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("The date of birth cannot be in the future.")).toBeVisible();
  await expect(page.getByLabel(/^Legal first name\b/)).toHaveValue("Rowan");
  await expect(page.getByLabel("Asian")).toBeChecked();
  await expect(guardian.getByLabel(/^Name\b/)).toHaveValue("Ellis Quill");
  await expectNoSeriousA11yViolations(page);

  await dob.fill("2019-02-03");
  await page.getByRole("button", { name: "Add student" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Rowan Quill");
  await expect(page).toHaveURL(/\/students\/[0-9a-f-]{36}$/);
  await openRecordSection(page, "Guardians");
  await expect(page.getByRole("region", { name: "Guardians", exact: true })).toContainText("Ellis Quill");

  await page.getByRole("link", { name: "Edit student" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Edit Rowan Quill");
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel(/^Preferred name\b/).fill("Ro");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Saved.");
  await page.getByRole("link", { name: "Back to the profile" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ro Quill (legal name: Rowan Quill)");
  await expectNoSeriousA11yViolations(page);
});
