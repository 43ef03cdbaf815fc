import type { Page } from "@playwright/test";
import { expect, test } from "./support/csp";
import { DEMO_PASSWORD, DEMO_STUDENTS } from "../prisma/seed/demo-data";
import { expectNoHorizontalOverflow, expectNoSeriousA11yViolations, mainMenuLink, PHONE, signIn } from "./support";

const COORDINATOR = "coordinator@maplevalley.example";
const SPECIALIST = "specialist@maplevalley.example";
const ASSISTANT = "assistant@maplevalley.example";
const { maya } = DEMO_STUDENTS;
// Maya's Tier 3 reading plan (prisma/seed/plans.ts, a fixed id) with its phase change.
const MAYA_PLAN_ID = "9a000000-0000-4000-8000-000000000001";
const MAYA_PLAN = "Repeated reading with corrective feedback";
const profile = `/students/${maya.id}`;

test("a coordinator opens a demo student and reads the tiers, the plans with sparklines, the latest recommendation and the phase change in the history", async ({ page }) => {
  // Seven pages with an axe scan on most: past 60 s on a busy machine.
  test.slow();
  // A laptop screen: what needs action shows without scrolling.
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, COORDINATOR, DEMO_PASSWORD);
  await page.goto("/students");
  await page.getByLabel(/^Name or local id\b/).fill(maya.localId);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await page.getByRole("row").filter({ hasText: maya.localId }).getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${maya.first} ${maya.last}`);

  const glance = page.getByRole("region", { name: "Case at a glance", exact: true });
  await expect(glance).toContainText("Reading: Tier 3");
  const needsAction = glance.getByRole("heading", { name: "Needs action" }).locator("..");
  await expect(needsAction.getByRole("link").first()).toBeVisible();
  await expect(needsAction).toBeInViewport({ ratio: 1 });
  await expect(glance.getByRole("link", { name: `Reading: ${MAYA_PLAN}` })).toBeVisible();
  // The sparkline is an image named by its text, which is also printed beside it.
  const spark = glance.getByRole("img", { name: /^ORF words correct per minute: \d+ probes since/ });
  await expect(spark).toBeVisible();
  const sparkText = await spark.getAttribute("aria-label");
  await expect(glance.getByText(sparkText!, { exact: true })).toBeVisible();
  // The latest recommendation, as the goal page words it.
  const recommendation = glance.getByText(/^Latest recommendation: (Continue|Raise the goal|Change or intensify instruction|Consider fading or exit|Consider referral|Not enough data yet|Not enough delivery to judge yet)(, with a warning)?$/);
  await expect(recommendation).toBeVisible();
  // The record opens with the latest history under the glance; the menu leads to every other section.
  await expect(page.getByRole("navigation", { name: "Sections of the record" }).getByRole("link", { name: "History" })).toHaveAttribute("aria-current", "page");
  await expectNoSeriousA11yViolations(page);

  // The goal page gives the same recommendation.
  const said = (await recommendation.textContent())!.replace("Latest recommendation: ", "");
  await glance.getByRole("link", { name: /^Graph and decision support/ }).first().click();
  await expect(page.getByRole("region", { name: "Decision support", exact: true })).toContainText(said);
  await page.goBack();

  // The history: the phase change, newest first, with who and a link to the plan.
  await page.getByRole("region", { name: "History", exact: true }).getByRole("link", { name: /^Full history/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`History: ${maya.first} ${maya.last}`);
  await page.getByRole("checkbox", { name: "Plans" }).check();
  await page.getByRole("button", { name: "Show" }).click();
  const feed = page.getByRole("list", { name: "History, newest first" });
  const change = feed.getByRole("listitem").filter({ hasText: `Plan changed (new phase): ${MAYA_PLAN}` });
  await expect(change).toContainText("Four points below the aimline: a fifth session a week (was 4).");
  await expect(change).toContainText("by Sam Patel");
  await expect(change.getByRole("link")).toHaveAttribute("href", `/plans/${MAYA_PLAN_ID}`);
  await expectNoSeriousA11yViolations(page);

  // Probes come one entry a week.
  await page.goto(`${profile}/history?kind=probe`);
  await expect(feed.getByRole("listitem").first()).toContainText(/Week of/);
  await expect(feed.getByText(/^Probe marked invalid: ORF words correct per minute 58/)).toBeVisible();

  // Bad filters are refused with a clear message; a page past the end is empty, with a way back.
  await page.goto(`${profile}/history?kind=diagnosis`);
  await expect(page.getByRole("alert").filter({ hasText: "These filters cannot be used" })).toContainText('Unknown kind of history: "diagnosis"');
  await page.goto(`${profile}/history?page=999`);
  await expect(page.getByText(/^Page 999 is past the end/)).toBeVisible();
  await page.getByRole("link", { name: /^Go to the (last|first) page/ }).click();
  await expect(page.getByRole("list", { name: "History, newest first" })).toBeVisible();

  // Each section is its own view, chosen in the menu (the address names the section, nothing about the student).
  await page.goto(profile);
  const menu = page.getByRole("navigation", { name: "Sections of the record" });
  await menu.getByRole("link", { name: "Tiers", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${profile}\\?section=tiers#tiers$`));
  await expect(menu.getByRole("link", { name: "Tiers", exact: true })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("region", { name: "Case at a glance", exact: true })).toContainText("Reading: Tier 3");
  const tiers = page.getByRole("region", { name: "Tiers", exact: true });
  await expect(tiers).toContainText("Tier history");
  await expect(page.getByRole("region", { name: "History", exact: true })).toHaveCount(0);
  // Forms wait behind their controls.
  await expect(tiers.getByRole("button", { name: "Set tier" })).toBeHidden();
  await expectNoSeriousA11yViolations(page);
  // A section that does not exist is refused with a message, the menu still there.
  await page.goto(`${profile}?section=diagnosis`);
  await expect(page.getByRole("alert").filter({ hasText: "does not exist or is not shown to you" })).toBeVisible();
  await expect(menu.getByRole("link", { name: "Plans", exact: true })).toBeVisible();

  // The one-page summary for the team meeting.
  await page.goto(profile);
  await page.getByRole("link", { name: "One-page summary" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Case summary: ${maya.first} ${maya.last}`);
  await expect(page.getByRole("region", { name: "Case at a glance", exact: true })).toContainText("Reading: Tier 3");
  await expectNoSeriousA11yViolations(page);
});

/**
 * Opens a page at phone width and checks it: no sideways scrolling of the
 * page as it opens, nor with every disclosure of the page (edit and add
 * forms, "Minutes per week") opened, so what hides behind a control fits
 * too; then axe, with them open.
 */
async function checkPhonePage(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectNoHorizontalOverflow(page);
  let opened = 0;
  // Rounds: a fold renders its content when it opens (Fold, decision 008), and that content may hold folds too.
  for (let round = 0; round < 5; round++) {
    const n = await page.evaluate(() => {
      const closed = [...document.querySelectorAll("main details:not([open])")] as HTMLDetailsElement[];
      for (const d of closed) d.open = true;
      return closed.length;
    });
    if (!n) break;
    opened += n;
    await page.waitForFunction(() => document.querySelectorAll("main details[open] > noscript").length === 0);
  }
  if (opened) await expectNoHorizontalOverflow(page);
  await expectNoSeriousA11yViolations(page);
}

/** The ids that the links of the page at `path` carry in the place of `(id)` in `pattern` (fetched by the signed-in page). */
async function linkedIds(page: Page, path: string, pattern: string): Promise<string[]> {
  return page.evaluate(
    async ({ path, source }) => {
      const html = await (await fetch(path)).text();
      return [...new Set([...html.matchAll(new RegExp(source, "g"))].map((m) => m[1]!))];
    },
    { path, source: pattern.replace("(id)", "([0-9a-f-]{36})") },
  );
}

async function firstLinkedId(page: Page, path: string, pattern: string): Promise<string> {
  const [id] = await linkedIds(page, path, pattern);
  expect(id, `a link like ${pattern} on ${path}`).toBeDefined();
  return id!;
}

test.describe("at 360 px", () => {
  test.use(PHONE);

  test("the assistant's daily pages fit the phone, and the menu is a disclosure", async ({ page }) => {
    test.slow();
    await signIn(page, ASSISTANT, DEMO_PASSWORD);
    const nav = page.getByRole("navigation", { name: "Main" });
    const menu = nav.locator("summary");
    await expect(menu).toHaveText(/Menu$/);
    await expect(menu).toBeVisible();
    await expect(nav.getByRole("link", { name: "Plans" })).toBeHidden();
    // A disclosure: it opens and closes by keyboard.
    await menu.focus();
    await page.keyboard.press("Enter");
    await expect(nav.getByRole("link", { name: "Plans" })).toBeVisible();
    await page.keyboard.press("Enter");
    await expect(nav.getByRole("link", { name: "Plans" })).toBeHidden();
    await (await mainMenuLink(page, "Plans")).click();
    await expect(page.getByRole("heading", { level: 1, name: "Plans" })).toBeVisible();
    await expectNoHorizontalOverflow(page);

    // Every page of the assistant's menu, and a plan they deliver with its goal, a session they logged and a daily report card.
    const goal = await firstLinkedId(page, `/plans/${MAYA_PLAN_ID}`, 'href="/goals/(id)"');
    const session = await firstLinkedId(page, `/plans/${MAYA_PLAN_ID}/sessions`, 'href="/sessions/(id)/edit"');
    const card = await firstLinkedId(page, "/behavior/cards", 'href="/behavior/cards/(id)"');
    for (const path of [
      "/",
      "/sessions",
      "/iep-services",
      "/my-caseload",
      "/plans",
      `/plans/${MAYA_PLAN_ID}`,
      `/plans/${MAYA_PLAN_ID}/sessions`,
      `/plans/${MAYA_PLAN_ID}/probes`,
      `/sessions/new/${MAYA_PLAN_ID}`,
      `/sessions/${session}/edit`,
      `/goals/${goal}`,
      `/goals/${goal}/probes/new`,
      "/behavior/incidents/new",
      "/behavior/cards",
      `/behavior/cards/${card}`,
      "/account",
    ]) {
      await checkPhonePage(page, path);
    }
  });

  test("the records of the students an assistant serves fit the phone, with their behaviour pages", async ({ page }) => {
    test.slow();
    await signIn(page, ASSISTANT, DEMO_PASSWORD);
    // The student whose IEP service the assistant gives, and an incident of a student they serve (the demo's is one with a BIP).
    const served = await firstLinkedId(page, "/iep-services", 'href="/students/(id)\\?section=iep504-services');
    let incident: string | undefined;
    for (const student of await linkedIds(page, "/my-caseload", 'href="/students/(id)"')) {
      [incident] = await linkedIds(page, `/students/${student}?section=behavior`, 'href="/behavior/incidents/(id)"');
      if (incident) break;
    }
    expect(incident, "an incident on a served student's record").toBeDefined();
    // Every view of the record the assistant is offered (decision 044: one section a view).
    const views = ["plans", "dosage", "behavior", "accommodations", "tiers", "caseload", "facts"].map((s) => `${profile}?section=${s}`);
    for (const path of [profile, ...views, `${profile}/history`, `${profile}/history?kind=probe`, `${profile}/summary`, `/students/${served}?section=iep504-services`, `/behavior/incidents/${incident}`, `/behavior/abc/new?student=${maya.id}`]) {
      await checkPhonePage(page, path);
    }

    // The served student's record: the services the assistant delivers, never the IEP/504 record itself.
    await page.goto(`/students/${served}`);
    const sections = page.getByRole("navigation", { name: "Sections of the record" });
    await expect(sections.getByRole("link", { name: "Guardians" })).toHaveCount(0);
    await expect(sections.getByRole("link", { name: "IEP and 504 services you deliver" })).toBeVisible();
    await expect(sections.getByRole("link", { name: "IEP and 504", exact: true })).toHaveCount(0);
    await expect(sections.getByRole("link", { name: "Referral for evaluation" })).toHaveCount(0);
    await sections.getByRole("link", { name: "IEP and 504 services you deliver" }).click();
    // A wide table scrolls in its own named region that a keyboard can reach.
    const scroller = page.getByRole("region", { name: "IEP and 504 services you deliver", exact: true }).getByRole("region", { name: "Services you deliver to this student", exact: true });
    await expect(scroller).toHaveAttribute("tabindex", "0");
    expect(await scroller.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await scroller.focus();
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => scroller.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  });

  test("the pages a specialist opens fit the phone", async ({ page }) => {
    test.slow();
    await signIn(page, SPECIALIST, DEMO_PASSWORD);
    const views = ["plans", "dosage", "behavior", "iep504", "guardians", "family-contacts"].map((s) => `${profile}?section=${s}`);
    for (const path of ["/", "/students", "/goals/review", "/plans", "/interventions", profile, ...views, `${profile}/history`, `${profile}/service-log`, `/plans/${MAYA_PLAN_ID}`]) {
      await checkPhonePage(page, path);
    }
  });
});
