import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_SCHOOLS, DEMO_STUDENTS } from "../prisma/seed/demo-data";
import { expectNoSeriousA11yViolations, signIn } from "./support";

const ADMIN = "admin@maplevalley.example";
const COORDINATOR = "coordinator@maplevalley.example";
const SPECIALIST = "specialist@maplevalley.example";
const ASSISTANT = "assistant@maplevalley.example";
const nameOf = (email: string) => DEMO_ACCOUNTS.find((a) => a.email === email)!.name;
const SPECIALIST_NAME = nameOf(SPECIALIST);

const nav = (page: Page) => page.getByRole("navigation", { name: "Main" });

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email, DEMO_PASSWORD);
  return page;
}

/** The caseload table of "My caseload" or a home: the row that links to the student. */
const caseloadRow = (page: Page, listName: string) =>
  page.getByRole("row").filter({ has: page.getByRole("link", { name: listName, exact: true }) });

test("a coordinator assigns a student to a specialist, who sees them on My caseload until the assignment ends", async ({ page, browser }) => {
  // Two people, seven pages, an axe scan on each: more than the default minute on a busy machine.
  test.slow();
  await signIn(page, COORDINATOR, DEMO_PASSWORD);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${DEMO_SCHOOLS.mapleElementary.name} overview`);
  await expect(page.getByRole("heading", { level: 2, name: /^Students with no caseload member \(\d+\)$/ })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await nav(page).getByRole("link", { name: "Caseloads" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Caseloads" })).toBeVisible();
  await expect(page.getByRole("row").filter({ has: page.getByRole("link", { name: SPECIALIST_NAME, exact: true }) })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // Any student nobody is on yet, but not the one other journeys assign.
  const leo = DEMO_STUDENTS.leo;
  const unassigned = page.getByRole("table", { name: /with no caseload member/ });
  const row = unassigned
    .getByRole("row")
    .filter({ has: page.getByRole("link") })
    .filter({ hasNot: page.getByRole("link", { name: `${leo.last}, ${leo.first}` }) })
    .first();
  const listName = (await row.getByRole("link").first().textContent())!.trim();
  const [last, first] = listName.split(", ");
  const fullName = `${first} ${last}`;

  await row.getByRole("checkbox", { name: `Select ${fullName}` }).check();
  await page.getByLabel(/^Staff member\b/).selectOption({ label: `${SPECIALIST_NAME} (Specialist)` });
  await page.getByLabel(/^Role on the case\b/).selectOption({ label: "Interventionist" });
  await page.getByRole("button", { name: "Assign selected students" }).click();
  await expect(page.getByRole("status")).toHaveText(`${fullName} assigned to ${SPECIALIST_NAME} as interventionist.`);
  await expect(unassigned.getByRole("link", { name: listName, exact: true })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);

  const specialist = await signedIn(browser, SPECIALIST);
  await expect(specialist.getByRole("heading", { level: 1 })).toHaveText(`Welcome, ${SPECIALIST_NAME}`);
  await expect(caseloadRow(specialist, listName)).toContainText("Interventionist");
  await expectNoSeriousA11yViolations(specialist);
  await nav(specialist).getByRole("link", { name: "My caseload" }).click();
  await expect(specialist.getByRole("heading", { level: 1, name: "My caseload" })).toBeVisible();
  const mine = caseloadRow(specialist, listName);
  await expect(mine).toContainText("Interventionist");
  await expect(mine).toContainText(DEMO_SCHOOLS.mapleElementary.name);
  await expectNoSeriousA11yViolations(specialist);
  await mine.getByRole("link", { name: listName }).click();
  await expect(specialist.getByRole("heading", { level: 1 })).toHaveText(fullName);

  // The coordinator rebalances from the specialist's caseload page.
  await page.getByRole("link", { name: SPECIALIST_NAME, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${SPECIALIST_NAME}'s caseload`);
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("button", { name: `End assignment of ${fullName} as interventionist` }).click();
  await expect(page.getByRole("status")).toHaveText(`${SPECIALIST_NAME} is no longer interventionist for ${fullName}.`);
  await expect(caseloadRow(page, listName)).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);

  await specialist.goto("/my-caseload");
  await expect(specialist.getByRole("heading", { level: 1, name: "My caseload" })).toBeVisible();
  await expect(caseloadRow(specialist, listName)).toHaveCount(0);
  await specialist.context().close();
});

test("a coordinator's bulk assignment works without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, COORDINATOR, DEMO_PASSWORD);
  await page.goto("/caseloads?page=2");
  await expect(page.getByRole("heading", { level: 1, name: "Caseloads" })).toBeVisible();
  await expect(page.getByText(/^Page 2 of \d+$/)).toBeVisible();
  const boxes = page.getByRole("table", { name: /with no caseload member/ }).getByRole("checkbox", { name: /^Select / });
  const names = [await boxes.nth(0).getAttribute("aria-label"), await boxes.nth(1).getAttribute("aria-label")].map((n) => n!.replace(/^Select /, ""));
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await page.getByLabel(/^Staff member\b/).selectOption({ label: `${nameOf(ASSISTANT)} (Assistant)` });
  await page.getByLabel(/^Role on the case\b/).selectOption({ label: "Interventionist" });
  await page.getByRole("button", { name: "Assign selected students" }).click();
  await expect(page.getByRole("status")).toHaveText(`2 students assigned to ${nameOf(ASSISTANT)} as interventionist.`);
  // No axe scan in this context: axe runs as a script, which it disables (it
  // never finishes). The same page and message are scanned in the journey above.

  const assistant = await signedIn(browser, ASSISTANT);
  await expect(assistant.getByRole("heading", { level: 2, name: /^Students you serve \(\d+\)$/ })).toBeVisible();
  for (const fullName of names) {
    const [first, ...rest] = fullName.split(" ");
    await expect(caseloadRow(assistant, `${rest.join(" ")}, ${first}`)).toContainText("Interventionist");
  }
  await expectNoSeriousA11yViolations(assistant);
  await assistant.context().close();
  await context.close();
});

test("the caseload pages are refused as not found to those who do not assign caseloads", async ({ page }) => {
  await signIn(page, ASSISTANT, DEMO_PASSWORD);
  await expect(nav(page).getByRole("link", { name: "Caseloads" })).toHaveCount(0);
  await nav(page).getByRole("link", { name: "My caseload" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My caseload" })).toBeVisible();
  await expect(caseloadRow(page, `${DEMO_STUDENTS.maya.last}, ${DEMO_STUDENTS.maya.first}`)).toContainText("Interventionist");
  await expectNoSeriousA11yViolations(page);

  await page.goto("/caseloads");
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

test("an administrator lands on the district overview and balances any school", async ({ page }) => {
  await signIn(page, ADMIN, DEMO_PASSWORD);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Maple Valley School District overview");
  const schools = page.getByRole("table", { name: "Students per school" });
  for (const key of ["mapleElementary", "cedarMiddle", "mapleHigh"] as const) {
    await expect(schools.getByRole("link", { name: DEMO_SCHOOLS[key].name })).toBeVisible();
  }
  await expect(schools.getByRole("link", { name: DEMO_SCHOOLS.riverbendK8.name })).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);

  await schools.getByRole("link", { name: DEMO_SCHOOLS.cedarMiddle.name }).click();
  await expect(page.getByRole("heading", { level: 2, name: `Caseload sizes in ${DEMO_SCHOOLS.cedarMiddle.name}` })).toBeVisible();
  await expect(page.getByLabel("School", { exact: true })).toHaveValue(DEMO_SCHOOLS.cedarMiddle.id);
  await expect(page.getByRole("link", { name: nameOf("specialist.middle@maplevalley.example"), exact: true })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
});

test("a phone-sized screen shows My caseload without sideways scrolling of the page", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
  const page = await context.newPage();
  await signIn(page, ASSISTANT, DEMO_PASSWORD);
  await page.goto("/my-caseload");
  await expect(page.getByRole("heading", { level: 1, name: "My caseload" })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectNoSeriousA11yViolations(page);
  await context.close();
});
