import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_SCHOOLS } from "../prisma/seed/demo-data";
import { expectNoHorizontalOverflow, expectNoSeriousA11yViolations, mainMenuLink, PHONE, signIn } from "./support";

// Issue 16's compliance calendar: an administrator sees the district's
// annual reviews, re-evaluations and referral deadlines with the overdue on
// top, narrows by horizon and school, and downloads the CSV; a coordinator
// sees their school's and narrows to a case manager; a case manager on a
// phone sees their own as cards. Axe on every page visited.

const ADMIN = "admin@maplevalley.example";
const COORDINATOR = "coordinator@maplevalley.example";
const SPECIALIST = "specialist@maplevalley.example";

// The seed writes its dates relative to its UTC day; the calendar counts from
// the district's day (Maple Valley is in Chicago), a day earlier before 06:00 UTC.
const utcToday = () => new Date().toISOString().slice(0, 10);
const districtToday = () => new Intl.DateTimeFormat("en-CA", { timeZone: "America/Chicago", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
const shift = () => Math.round((Date.parse(`${utcToday()}T00:00:00Z`) - Date.parse(`${districtToday()}T00:00:00Z`)) / 86_400_000);
const words = (n: number) => (n === 0 ? "due today" : n > 0 ? `due in ${n} ${n === 1 ? "day" : "days"}` : `${-n} ${n === -1 ? "day" : "days"} overdue`);

test("an administrator sees the district's due dates, overdue first, narrows them and downloads them as CSV", async ({ page }) => {
  await signIn(page, ADMIN, DEMO_PASSWORD);
  await (await mainMenuLink(page, "Compliance calendar")).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Compliance calendar");
  const table = page.getByRole("table", { name: /Due dates for the district/ });
  const rows = table.getByRole("row");
  // The demo's overdue annual review (Sam Patel's caseload) comes first.
  await expect(rows.nth(1)).toContainText("Annual review (IEP)");
  await expect(rows.nth(1)).toContainText(words(-6 + shift()));
  await expect(page.getByRole("heading", { level: 2 })).toContainText(/\d+ dates, \d+ overdue/);
  // Both demo referrals: Sam's (consent three weeks ago) and Cedar Ridge's (consent 50 days ago).
  await expect(rows.filter({ hasText: "Evaluation (referral)" })).toHaveCount(2);
  await expect(rows.filter({ hasText: "Evaluation (referral)" }).filter({ hasText: words(39 + shift()) })).toHaveCount(1);
  await expect(rows.filter({ hasText: "Evaluation (referral)" }).filter({ hasText: words(10 + shift()) })).toContainText(DEMO_SCHOOLS.cedarMiddle.name);
  // Schools across the district.
  for (const school of [DEMO_SCHOOLS.mapleElementary.name, DEMO_SCHOOLS.cedarMiddle.name, DEMO_SCHOOLS.mapleHigh.name]) await expect(rows.filter({ hasText: school }).first()).toBeVisible();
  // Never the disability category.
  for (const hidden of ["Disability", "Specific Learning", "Speech or Language", "Autism"]) await expect(page.getByText(hidden)).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);

  // The next 30 days: Sam's referral (39 days) drops out; Cedar Ridge's stays, and so does the overdue review.
  await page.getByLabel(/^Due within\b/).selectOption("30");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/horizon=30/);
  await expect(rows.filter({ hasText: "Evaluation (referral)" })).toHaveCount(1);
  await expect(rows.nth(1)).toContainText(words(-6 + shift()));
  await expectNoSeriousA11yViolations(page);

  // One school: every row is Cedar Ridge's.
  await page.getByLabel(/^School\b/).selectOption({ label: DEMO_SCHOOLS.cedarMiddle.name });
  await page.getByLabel(/^Due within\b/).selectOption("90");
  await page.getByRole("button", { name: "Show" }).click();
  const cedar = page.getByRole("table", { name: `Due dates for ${DEMO_SCHOOLS.cedarMiddle.name}, soonest first` });
  await expect(cedar).toBeVisible();
  const cedarRows = cedar.getByRole("row");
  const count = (await cedarRows.count()) - 1;
  expect(count).toBeGreaterThan(1);
  await expect(cedarRows.filter({ hasText: DEMO_SCHOOLS.cedarMiddle.name })).toHaveCount(count);
  // The URL carries ids only.
  expect(new URL(page.url()).searchParams.get("school")).toBe(DEMO_SCHOOLS.cedarMiddle.id);
  await expectNoSeriousA11yViolations(page);

  // The CSV: the same rows, a header, the referral's days left as a number.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download these dates as CSV" }).click();
  const csv = await readFile(await (await download).path(), "utf8");
  const lines = csv.trimEnd().split("\r\n");
  expect(lines[0]).toBe('"Due","Days left","What","Record","Student","Local id","School","Case manager","Last school day before it"');
  expect(lines).toHaveLength(count + 1);
  for (const line of lines.slice(1)) expect(line).toContain(`"${DEMO_SCHOOLS.cedarMiddle.name}"`);
  expect(lines.filter((l) => l.includes('"Evaluation (referral)","Referral"'))).toEqual([expect.stringContaining(`"${10 + shift()}","Evaluation (referral)","Referral"`)]);
  expect(csv).not.toContain("Disability");
});

test("a coordinator sees their school's due dates, narrows to a case manager, and is told when a link names a school not theirs", async ({ page }) => {
  await signIn(page, COORDINATOR, DEMO_PASSWORD);
  await page.goto("/compliance");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Compliance calendar");
  const table = page.getByRole("table", { name: /Due dates for your schools/ });
  const rows = table.getByRole("row");
  const count = (await rows.count()) - 1;
  expect(count).toBeGreaterThan(2);
  await expect(rows.filter({ hasText: DEMO_SCHOOLS.mapleElementary.name })).toHaveCount(count);
  // One school only: no school filter to choose from.
  await expect(page.getByLabel(/^School\b/)).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);

  await page.getByLabel(/^Case manager\b/).selectOption({ label: "Sam Patel" });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/[?&]caseManager=/);
  const sams = page.getByRole("table", { name: /Due dates for your schools/ }).getByRole("row");
  // Every row below the header is Sam's, retried until the narrowed page is there: counting the rows once,
  // straight after the click, counted the page being replaced (none) and failed at random.
  await expect.poll(async () => {
    const n = await sams.count();
    return n > 1 && (await sams.filter({ hasText: "Sam Patel" }).count()) === n - 1;
  }).toBe(true);
  await expect(sams.filter({ hasText: "Annual review (IEP)" }).filter({ hasText: words(12 + shift()) })).toHaveCount(1);
  await expect(sams.filter({ hasText: "Evaluation (referral)" })).toHaveCount(1);
  await expectNoSeriousA11yViolations(page);

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download these dates as CSV" }).click();
  const csv = await readFile(await (await download).path(), "utf8");
  const lines = csv.trimEnd().split("\r\n");
  expect(lines).toHaveLength(await sams.count());
  for (const line of lines.slice(1)) expect(line).toMatch(/"Sam Patel"(,"[^"]*")?$/);

  // A link naming another school is refused in words, listing nothing.
  await page.goto(`/compliance?school=${DEMO_SCHOOLS.cedarMiddle.id}`);
  // (Next.js keeps an empty route announcer with the alert role too.)
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText("That school is not one we know, or not one of yours: choose one from the list.");
  await expect(page.getByRole("table")).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
});

test("a case manager on a phone sees their own due dates as cards, with no sideways scroll", async ({ browser }) => {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  await signIn(page, SPECIALIST, DEMO_PASSWORD);
  await (await mainMenuLink(page, "Compliance calendar")).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Compliance calendar");
  await expect(page.locator("p").filter({ hasText: "for the students you are case manager of" })).toBeVisible();
  const cards = page.getByRole("list", { name: "Due dates" }).getByRole("listitem");
  await expect(cards.first()).toContainText(words(-6 + shift()));
  await expect(cards.filter({ hasText: "Evaluation (referral)" })).toHaveCount(1);
  await expect(cards.filter({ hasText: "Case manager: Sam Patel" })).toHaveCount(await cards.count());
  // Sam sees only his own: no case manager filter.
  await expect(page.getByLabel(/^Case manager\b/)).toHaveCount(0);
  await expectNoHorizontalOverflow(page);
  await expectNoSeriousA11yViolations(page);
  await context.close();
});
