import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "../prisma/seed/demo-data";
import { expectNoHorizontalOverflow, expectNoSeriousA11yViolations, PHONE, signIn, openRecordSection } from "./support";

// Issue 16, the referral packet: a coordinator refers a student with a year of
// interventions, records consent, sees the due date, opens the packet with the
// student's graphs and downloads the PDF, whose text is read back with
// pdftotext; the case manager reads the demo referral's checklist (one item
// missing) and marks the packet final with the reason, on a phone; an
// administrator relaxes the district's checklist. Axe on every page visited.

const COORDINATOR = "coordinator@maplevalley.example";
const SPECIALIST = "specialist@maplevalley.example";
const ADMIN = "admin@maplevalley.example";
/** A Maple Valley Elementary student of the demo year with two plans and their probes, and no referral. */
const FATIMA = { localId: "MV100260", first: "Fatima", last: "Walker" };
/** The demo's open referral (consent three weeks before the seed day): Nadia King's. */
const DEMO_REFERRAL = "4ef00000-0000-4000-8000-000000000001";

const dayFromToday = (n: number) => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
const formatted = (iso: string) => new Date(`${iso}T00:00:00Z`).toLocaleDateString("en-US", { dateStyle: "medium", timeZone: "UTC" });
const pdfText = (path: string) => {
  const out = spawnSync("pdftotext", ["-layout", path, "-"]);
  expect(out.status, out.stderr.toString()).toBe(0);
  return out.stdout.toString().replace(/\s+/g, " ");
};

test("a coordinator refers a student, records consent, opens the packet with the graphs and downloads the PDF", async ({ page }) => {
  await signIn(page, COORDINATOR, DEMO_PASSWORD);
  await page.goto("/students");
  await page.getByLabel(/^Name or local id\b/).fill(FATIMA.localId);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await page.getByRole("link", { name: `${FATIMA.last}, ${FATIMA.first}`, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${FATIMA.first} ${FATIMA.last}`);
  await openRecordSection(page, "Referral for evaluation");

  const section = page.getByRole("region", { name: "Referral for evaluation", exact: true });
  await section.getByText("Refer for special-education evaluation").click();
  await section.getByLabel(/^Reason\b/).fill("Slow response to two math interventions this year.");
  await section.getByLabel(/^Referral date\b/).fill(dayFromToday(-14));
  await section.getByRole("button", { name: "Start referral" }).click();
  await expect(section.getByRole("status")).toHaveText("Referral started.");
  await section.getByText("Update the referral").click();
  await section.getByLabel(/^Status\b/).selectOption("CONSENT_RECEIVED");
  await section.getByLabel(/^Parent consent date\b/).fill(dayFromToday(-10));
  await section.getByRole("button", { name: "Save referral" }).click();
  await expect(section.getByRole("status").filter({ hasText: "Referral saved." })).toBeVisible();
  await expect(section).toContainText(`Evaluation due ${formatted(dayFromToday(50))}: 50 days left`);

  await section.getByRole("link", { name: /^Referral packet/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Referral packet: ${FATIMA.first} ${FATIMA.last}`);
  await expect(page.getByRole("region", { name: "Referral", exact: true })).toContainText(`Evaluation due ${formatted(dayFromToday(50))}: 50 days left`);
  await expect(page.getByRole("region", { name: /^Readiness/ }).getByRole("listitem")).toHaveCount(4);
  const interventions = page.getByRole("region", { name: /^Interventions/ });
  // Every goal's graph, drawn on the server, named by its summary.
  const graphs = interventions.getByRole("img", { name: /^Progress graph of/ });
  expect(await graphs.count()).toBeGreaterThan(0);
  const titles = (await interventions.getByRole("heading", { level: 3 }).allTextContents()).map((t) => t.replace(/^\d+\.\s*/, "").split(" · ")[0]!.trim());
  expect(titles.length).toBeGreaterThan(0);
  const goalRoi = (await interventions.locator("dt", { hasText: /^Goal ROI$/ }).first().locator("xpath=following-sibling::dd").textContent())!.trim();
  expect(goalRoi).toMatch(/per week$/);
  // A goal's probes open as a table (built in the browser from the page's compact rows): one row per probe, dated.
  const summary = interventions.locator("summary", { hasText: /^Probes of this goal \(\d+\)$/ }).first();
  const probeCount = Number((await summary.textContent())!.match(/\((\d+)\)/)![1]);
  expect(probeCount).toBeGreaterThan(0);
  await summary.click();
  const probeTable = interventions.getByRole("table", { name: /^Probes of this goal, oldest first/ }).first();
  await expect(probeTable.getByRole("row")).toHaveCount(probeCount + 1);
  await expect(probeTable.getByRole("rowheader").first().locator("time")).toHaveAttribute("datetime", /^\d{4}-\d{2}-\d{2}$/);
  await expectNoSeriousA11yViolations(page);

  // Printed, the menu and the controls are left out and the graphs stay.
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("link", { name: "Download PDF" })).toBeHidden();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await expect(graphs.first()).toBeVisible();
  await page.emulateMedia({ media: "screen" });

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download PDF" }).click()]);
  expect(download.suggestedFilename()).toBe(`referral-packet-${FATIMA.localId}-${dayFromToday(0)}.pdf`);
  const path = await download.path();
  expect(readFileSync(path).subarray(0, 5).toString()).toBe("%PDF-");
  const text = pdfText(path);
  expect(text).toContain(`Referral packet: ${FATIMA.first} ${FATIMA.last}`);
  for (const title of titles) expect(text).toContain(title);
  expect(text).toContain(`Goal ROI ${goalRoi}`);
  expect(text).toContain(`Evaluation due ${formatted(dayFromToday(50))}: 50 days left`);
});

test("the case manager reads the demo referral's checklist on a phone and marks the packet final with the reason", async ({ browser }) => {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  await signIn(page, SPECIALIST, DEMO_PASSWORD);
  await page.goto(`/referrals/${DEMO_REFERRAL}/packet`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Referral packet: /);
  const readiness = page.getByRole("region", { name: "Readiness: 1 of 4 missing", exact: true });
  await expect(readiness.getByRole("listitem").filter({ hasText: "Missing:" })).toHaveText(/Fidelity at least 80% in each intervention\. Below 80% or not known: Read Naturally \(\d+(\.\d)?%\)\./);
  const interventions = page.getByRole("region", { name: "Interventions (2)", exact: true });
  await expect(interventions.getByRole("heading", { level: 3 })).toHaveText([/^1\. Read Naturally · Reading · Discontinued/, /^2\. Corrective Reading: Decoding · Reading · Active/]);
  await expect(interventions.getByRole("img", { name: /^Progress graph of/ })).toHaveCount(2);
  await expect(page.getByRole("region", { name: "Tier history", exact: true }).getByRole("row")).toHaveCount(4);
  await expectNoHorizontalOverflow(page);
  await expectNoSeriousA11yViolations(page);

  await readiness.getByRole("button", { name: "Mark the packet final" }).click();
  await expect(readiness.getByLabel(/^Why the packet is final with items missing\b/)).toHaveAccessibleDescription(/Say why the packet is final with 1 item missing/);
  await readiness.getByLabel(/^Why the packet is final with items missing\b/).fill("Fidelity was low last year only; this year's plan was delivered as written. The team proceeds.");
  await readiness.getByRole("button", { name: "Mark the packet final" }).click();
  await expect(readiness).toContainText("Final: marked by Sam Patel");
  await expect(readiness).toContainText("Reason given with items missing: Fidelity was low last year only");
  await expectNoSeriousA11yViolations(page);
  await context.close();
});

test("an administrator sets the district's packet checklist, and the packet follows it", async ({ page }) => {
  await signIn(page, ADMIN, DEMO_PASSWORD);
  await page.goto("/admin/settings");
  const checklist = page.getByRole("region", { name: "Referral packet checklist", exact: true });
  await expect(checklist.getByLabel(/^Fidelity in each intervention \(%\)/)).toHaveValue("80");
  await checklist.getByLabel(/^Fidelity in each intervention \(%\)/).fill("101");
  await checklist.getByRole("button", { name: "Save checklist" }).click();
  await expect(checklist.getByLabel(/^Fidelity in each intervention \(%\)/)).toHaveAccessibleDescription(/from 50 to 100/);
  await checklist.getByLabel(/^Fidelity in each intervention \(%\)/).fill("70");
  await checklist.getByRole("button", { name: "Save checklist" }).click();
  await expect(checklist.getByRole("status")).toHaveText("The referral packet checklist was saved.");
  await expectNoSeriousA11yViolations(page);

  await page.goto(`/referrals/${DEMO_REFERRAL}/packet`);
  await expect(page.getByRole("region", { name: "Readiness: every item met", exact: true })).toContainText("Fidelity at least 70% in each intervention");
  await expectNoSeriousA11yViolations(page);
});
