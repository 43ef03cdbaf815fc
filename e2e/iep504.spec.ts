import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_STUDENTS } from "../prisma/seed/demo-data";
import { expectNoSeriousA11yViolations, openRecordSection, signIn } from "./support";

// Issue 16: a coordinator refers a student and sees the evaluation deadline;
// a case manager sees an annual review due on their home; an assistant sees
// the accommodations and the IEP service they deliver, never the disability
// category, and logs minutes on a phone. Axe on every page visited.

const COORDINATOR = "coordinator@maplevalley.example";
const SPECIALIST = "specialist@maplevalley.example";
const ASSISTANT = "assistant@maplevalley.example";
const ADMIN = "admin@maplevalley.example";

/** yyyy-mm-dd of a day `n` days from today (UTC, as the server counts). */
const dayFromToday = (n: number) => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
/** As the app writes a day: Dec 4, 2026. */
const formatted = (iso: string) => new Date(`${iso}T00:00:00Z`).toLocaleDateString("en-US", { dateStyle: "medium", timeZone: "UTC" });

test("a coordinator refers a student for evaluation, records the parent's consent and sees the due date with the days left", async ({ page }) => {
  const leo = DEMO_STUDENTS.leo;
  await signIn(page, COORDINATOR, DEMO_PASSWORD);
  await page.goto("/students");
  await page.getByLabel(/^Name or local id\b/).fill(`${leo.first} ${leo.last}`);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await page.getByRole("link", { name: `${leo.last}, ${leo.first}`, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${leo.first} ${leo.last}`);
  await openRecordSection(page, "Referral for evaluation");
  const section = page.getByRole("region", { name: "Referral for evaluation", exact: true });
  await expect(section).toContainText("No referral for evaluation.");
  await expectNoSeriousA11yViolations(page);

  await section.getByText("Refer for special-education evaluation").click();
  await section.getByRole("button", { name: "Start referral" }).click();
  await expect(section.getByLabel(/^Reason\b/)).toHaveAccessibleDescription(/Say why the student is referred/);
  await section.getByLabel(/^Reason\b/).fill("Little progress in reading after two Tier 3 interventions of 12 weeks each.");
  await section.getByLabel(/^Referral date\b/).fill(dayFromToday(-14));
  await section.getByRole("button", { name: "Start referral" }).click();
  await expect(section.getByRole("status")).toHaveText("Referral started.");
  await expect(section).toContainText("The clock starts at the parent's consent.");
  await expectNoSeriousA11yViolations(page);

  const consent = dayFromToday(-10);
  await section.getByText("Update the referral").click();
  await section.getByLabel(/^Status\b/).selectOption("CONSENT_RECEIVED");
  // A consent in the future is refused, with the reason beside the field.
  await section.getByLabel(/^Parent consent date\b/).fill(dayFromToday(3));
  await section.getByRole("button", { name: "Save referral" }).click();
  await expect(section.getByLabel(/^Parent consent date\b/)).toHaveAccessibleDescription(/cannot be in the future/);
  await section.getByLabel(/^Parent consent date\b/).fill(consent);
  await section.getByRole("button", { name: "Save referral" }).click();
  await expect(section.getByRole("status").filter({ hasText: "Referral saved." })).toBeVisible();
  // The demo district counts 60 calendar days.
  await expect(section).toContainText(`Evaluation due ${formatted(dayFromToday(50))}: 50 days left`);
  await expectNoSeriousA11yViolations(page);
});

test("a case manager sees an annual review due, and one overdue, on their home", async ({ page }) => {
  await signIn(page, SPECIALIST, DEMO_PASSWORD);
  await page.goto("/");
  const dates = page.getByRole("region", { name: /^IEP, 504 and referral dates \(/ });
  await expect(dates.getByRole("heading")).toContainText("1 overdue");
  await expect(dates.getByRole("row").filter({ hasText: "Annual review" }).filter({ hasText: "6 days overdue" })).toHaveCount(1);
  await expect(dates.getByRole("row").filter({ hasText: "Annual review" }).filter({ hasText: "due in 12 days" })).toHaveCount(1);
  // The demo's open referral of a student on the caseload: consent three weeks ago, 39 days left.
  await expect(dates.getByRole("row").filter({ hasText: "Evaluation (referral)" })).toContainText("due in 39 days");
  await expectNoSeriousA11yViolations(page);
  await dates.getByRole("row").filter({ hasText: "6 days overdue" }).getByRole("link").click();
  const iep = page.getByRole("region", { name: "IEP and 504", exact: true });
  await expect(iep).toContainText("6 days overdue");
  await expect(iep).toContainText("Disability category");
  await expectNoSeriousA11yViolations(page);
});

test("an assistant on a phone sees the accommodations and the IEP service they deliver, not the disability category, and logs minutes once", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 780 } });
  const page = await context.newPage();
  await signIn(page, ASSISTANT, DEMO_PASSWORD);
  await page.goto("/iep-services");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("IEP services");
  const card = page.getByRole("listitem").filter({ hasText: "Reading fluency practice (IEP)" });
  await expect(card).toContainText("90 min per week");
  await expectNoSeriousA11yViolations(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  await card.getByLabel(/^Minutes\b/).fill("0");
  await card.getByRole("button", { name: "Log minutes" }).click();
  await expect(card.getByLabel(/^Minutes\b/)).toHaveAccessibleDescription(/at least 1/);
  await card.getByLabel(/^Minutes\b/).fill("30");
  await card.getByRole("button", { name: "Log minutes" }).click();
  await expect(card.getByRole("status")).toHaveText("Minutes logged.");
  await expectNoSeriousA11yViolations(page);

  await card.getByRole("heading").getByRole("link").click();
  const services = page.getByRole("region", { name: "IEP and 504 services you deliver", exact: true });
  await expect(services).toContainText("Reading fluency practice (IEP)");
  // The record's menu offers neither the IEP/504 records nor the referral to an assistant.
  const menu = page.getByRole("navigation", { name: "Sections of the record" });
  await expect(menu.getByRole("link", { name: "IEP and 504", exact: true })).toHaveCount(0);
  await expect(menu.getByRole("link", { name: "Referral for evaluation", exact: true })).toHaveCount(0);
  for (const hidden of ["Disability category", "Specific learning disability", "Speech or language impairment", "Annual review"]) await expect(page.getByText(hidden)).toHaveCount(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectNoSeriousA11yViolations(page);
  await openRecordSection(page, "Accommodations");
  await expect(page.getByRole("region", { name: "Accommodations", exact: true }).getByRole("listitem").first()).toBeVisible();
  for (const hidden of ["Disability category", "Specific learning disability", "Speech or language impairment", "Annual review"]) await expect(page.getByText(hidden)).toHaveCount(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectNoSeriousA11yViolations(page);
  await context.close();
});

test("an administrator keeps the evaluation timeline and the district's non-school days", async ({ page }) => {
  await signIn(page, ADMIN, DEMO_PASSWORD);
  await page.goto("/admin/calendar");
  await expect(page.getByRole("region", { name: "Evaluation timeline", exact: true })).toContainText("an evaluation is due 60 calendar days after the parent's consent");
  await expectNoSeriousA11yViolations(page);
  const days = page.getByRole("region", { name: "Non-school days", exact: true });
  await days.getByLabel(/^First day\b/).fill("2027-04-05");
  await days.getByLabel(/^Last day\b/).fill("2027-04-06");
  await days.getByLabel(/^Name\b/).fill("Teacher work days");
  await days.getByRole("button", { name: "Add non-school days" }).click();
  await expect(days.getByRole("status")).toHaveText("2 days added.");
  await expect(days.getByRole("row").filter({ hasText: "Teacher work days" })).toHaveCount(2);
  await expectNoSeriousA11yViolations(page);
});
