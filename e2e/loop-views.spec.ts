// Issue 13 (the daily loop's views): an assistant logs a session with the
// keyboard only, focus landing on each page's heading; the coordinator's home
// flags and the student list's filters in the address; the audit log in words
// and in the district's time zone; the app's icon and manifest. Axe on every page.
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../prisma/seed/demo-data";
import { expectNoSeriousA11yViolations, signIn } from "./support";

const ASSISTANT = "assistant@maplevalley.example";
const COORDINATOR = "coordinator@maplevalley.example";
const ADMIN = "admin@maplevalley.example";
// Jordan Lee's plan for Maya (prisma/seed/plans.ts): every weekday at 09:15; no other journey logs its sessions.
const SOLO_PLAN_ID = "9a000000-0000-4000-8000-000000000001";
const SOLO = "Repeated reading with corrective feedback";
// The reading group: only opened here (e2e/sessions.spec.ts logs it).
const GROUP_PLAN_ID = "9a000000-0000-4000-8000-000000000002";

/** What has focus: its tag and its text (sr-only text included, as a screen reader hears it). */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { tag: el?.tagName.toLowerCase() ?? "", text: (el?.textContent ?? "").replace(/\s+/g, " ").trim(), label: el?.getAttribute("aria-label") ?? (el as HTMLInputElement | null)?.labels?.[0]?.textContent?.trim() ?? "" };
  });

/** Presses Tab (only) until the focused element's text or label matches, failing after `max` presses. */
async function tabTo(page: Page, what: RegExp, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const f = await focused(page);
    if (what.test(f.text) || what.test(f.label)) return;
  }
  throw new Error(`No tab stop matching ${what} within ${max} presses of Tab`);
}

const headingHasFocus = (page: Page, name: string | RegExp) => expect(page.locator("main h1")).toBeFocused().then(() => expect(page.locator("main h1")).toHaveText(name));

test("an assistant signs in and logs a session with the keyboard only, focus on each page's heading, the skip link first", async ({ page }) => {
  test.slow();
  await page.goto("/sign-in");
  await expectNoSeriousA11yViolations(page);
  // The first tab stop is the skip link.
  await page.keyboard.press("Tab");
  expect((await focused(page)).text).toBe("Skip to main content");
  await tabTo(page, /^Email/);
  await page.keyboard.type(ASSISTANT);
  await page.keyboard.press("Tab");
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/$/);
  await headingHasFocus(page, /^Welcome, /);
  await expectNoSeriousA11yViolations(page);

  await tabTo(page, /^Today's sessions$/);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/sessions$/);
  await headingHasFocus(page, "Today");
  await expectNoSeriousA11yViolations(page);
  // Links that read the same on screen say which plan and when to a screen reader.
  const logNames = await page.locator(`a[href^="/sessions/new/"]`).evaluateAll((links) => links.map((a) => (a.textContent ?? "").replace(/\s+/g, " ").trim()));
  expect(logNames.length).toBeGreaterThan(1);
  expect(new Set(logNames).size).toBe(logNames.length);
  expect(logNames).toContainEqual(expect.stringMatching(new RegExp(`^Log (another )?session for ${SOLO} \\(.+\\), \\w+day 09:15$`)));

  // The group's form: while a student is present, "Minutes if partial" is neither shown nor a tab stop.
  await page.goto(`/sessions/new/${GROUP_PLAN_ID}`);
  await expectNoSeriousA11yViolations(page);
  const partial = page.getByLabel(/^Minutes if partial/);
  expect(await partial.count()).toBeGreaterThan(1);
  for (const field of await partial.all()) await expect(field).toBeHidden();
  await page.goBack();
  await expect(page.locator("main h1")).toHaveText("Today");

  await tabTo(page, new RegExp(`^Log (another )?session for ${SOLO}`));
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/sessions/new/${SOLO_PLAN_ID}`));
  await headingHasFocus(page, new RegExp(`^Log a session: ${SOLO}`));
  await expectNoSeriousA11yViolations(page);

  // "All components delivered", then untick the first one with Space.
  await tabTo(page, /^All components delivered$/);
  await page.keyboard.press("Enter");
  const components = page.getByRole("group", { name: "Components delivered" }).getByRole("checkbox");
  const count = await components.count();
  expect(count).toBeGreaterThanOrEqual(2);
  for (let i = 0; i < count; i++) await expect(components.nth(i)).toBeChecked();
  await expect(components.nth(0)).toBeFocused();
  await page.keyboard.press("Space");
  await expect(components.nth(0)).not.toBeChecked();
  await tabTo(page, /^Log session$/);
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(/\/sessions\?logged=/);
  await headingHasFocus(page, "Today");
  await expect(page.getByRole("status").filter({ hasText: "Session logged" })).toContainText(SOLO);
  await expectNoSeriousA11yViolations(page);

  // What was saved: every component but the first.
  await tabTo(page, /^Change it$/);
  await page.keyboard.press("Enter");
  await headingHasFocus(page, /^Change the session of /);
  await expectNoSeriousA11yViolations(page);
  const saved = page.getByRole("group", { name: "Components delivered" }).getByRole("checkbox");
  await expect(saved.nth(0)).not.toBeChecked();
  for (let i = 1; i < count; i++) await expect(saved.nth(i)).toBeChecked();
});

test("a coordinator's home flags students with no plan or no caseload member, and the student list keeps its filters (never a name) in the address", async ({ page }) => {
  // The coordinator's home and two lists with an axe scan each: past 60 s on a busy machine.
  test.slow();
  await signIn(page, COORDINATOR, DEMO_PASSWORD);
  const flags = page.getByRole("region", { name: "Students who need a plan or a caseload member", exact: true });
  await expect(flags).toBeVisible();
  await expect(flags.getByRole("heading", { name: /^Tier 2 or 3 with no active plan \(\d+\)$/ })).toBeVisible();
  await expect(flags.getByRole("heading", { name: /^On a plan with no caseload member \(\d+\)$/ })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.goto("/students?tier=TIER_3");
  await expect(page.getByLabel(/^Tier\b/)).toHaveValue("TIER_3");
  await expect(page.getByLabel(/^In area\b/)).toHaveValue("");
  await expect(page.getByRole("columnheader", { name: "Tier" })).toBeVisible();
  const rows = page.getByRole("table").first().getByRole("row");
  expect(await rows.count()).toBeGreaterThan(1);
  // Every row shown is in Tier 3 somewhere.
  for (const row of (await rows.all()).slice(1, 6)) await expect(row).toContainText("Tier 3");
  await expectNoSeriousA11yViolations(page);

  // A search keeps its filters in the address, but never what was typed.
  await page.getByLabel(/^Grade\b/).selectOption("G3");
  await page.getByLabel(/^Name or local id\b/).fill("Johnson");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(/grade=G3/);
  expect(page.url()).toContain("tier=TIER_3");
  expect(page.url()).not.toMatch(/johnson|q=/i);
  // The address opens the same list.
  await page.goto(page.url());
  await expect(page.getByLabel(/^Grade\b/)).toHaveValue("G3");
  await expect(page.getByLabel(/^Tier\b/)).toHaveValue("TIER_3");
  await expect(page.getByLabel(/^Name or local id\b/)).toHaveValue("");
});

test("the audit log says what each event was about, in the district's time zone, and the app has its icon and manifest", async ({ page, request }) => {
  await signIn(page, ADMIN, DEMO_PASSWORD);
  await page.goto("/admin/audit");
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  const table = page.getByRole("table");
  await expect(table).toBeVisible();
  await expect(table).not.toContainText("UTC");
  await expect(table.getByRole("cell", { name: /\d{1,2}:\d{2}:\d{2} [AP]M C[SD]T$/ }).first()).toBeVisible();
  // No ids cut to 8 characters: the "What" and "Student" columns are words.
  const what = await table.locator("tbody tr td:nth-child(4)").allInnerTexts();
  expect(what.length).toBeGreaterThan(0);
  for (const text of what) expect(text).not.toMatch(/\b[0-9a-f]{8}\b/);
  await expectNoSeriousA11yViolations(page);

  const icon = await request.get("/favicon.ico");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toMatch(/image\//);
  const manifest = await request.get("/manifest.webmanifest");
  expect(manifest.status()).toBe(200);
  expect(await manifest.json()).toMatchObject({ name: "MTSS case management", icons: expect.arrayContaining([expect.objectContaining({ sizes: "512x512" })]) });
  for (const src of ["/icon.svg", "/icon-192.png", "/icon-512.png"]) expect((await request.get(src)).status()).toBe(200);
});
