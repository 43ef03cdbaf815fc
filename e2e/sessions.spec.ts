import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "../prisma/seed/demo-data";
import { expectNoSeriousA11yViolations, mainMenuLink, signIn } from "./support";

const ASSISTANT = "assistant@maplevalley.example";
const COORDINATOR = "coordinator@maplevalley.example";
// Jordan Lee's grade 4 reading group (prisma/seed/plans.ts, a fixed id); no other journey logs its sessions.
const GROUP = "Read Naturally";
const GROUP_PLAN_ID = "9a000000-0000-4000-8000-000000000002";
// The math group leaves components out (prisma/seed/sessions.ts): its fidelity is below 80%.
const LOW_FIDELITY = "Pirate Math";

test.use({ viewport: { width: 360, height: 740 } });

test("an assistant logs a group session from Today on a phone with a probe score, once however often it is sent, and the plan's dosage and the goal's graph show it", async ({ page }) => {
  // A long journey (six pages, an axe scan on each, a double tap and a replay): 47 s on a quiet run, past 60 s on a busy machine.
  test.slow();
  const note = `E2E check ${Date.now()}`;
  const today = new Date().toISOString().slice(0, 10);
  await signIn(page, ASSISTANT, DEMO_PASSWORD);
  await page.getByRole("link", { name: "Today's sessions" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Today" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  // Nothing is wider than the phone's screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  // Scheduled today or not (the group meets Monday, Wednesday and Friday), it is one tap away.
  // (Other journeys may add plans of the same intervention: the card is the one that logs this plan.)
  const card = page.getByRole("listitem").filter({ has: page.locator(`a[href^="/sessions/new/${GROUP_PLAN_ID}"]`) });
  await expect(card.getByRole("heading")).toContainText(GROUP);
  await card.getByRole("link", { name: /^Log (another )?session for / }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`Log a session: ${GROUP}`);
  await expectNoSeriousA11yViolations(page);

  await page.getByLabel("Minutes", { exact: true }).fill("30");
  await page.getByRole("group", { name: /^What happened/ }).getByLabel(/^Held/).check();
  const attendance = page.getByRole("group", { name: "Attendance" });
  const students = attendance.getByRole("group");
  await expect(students).toHaveCount(3);
  // The first student present, the second absent, the third there for 20 of the 30 minutes.
  await students.nth(0).getByLabel("Present", { exact: true }).check();
  await students.nth(1).getByLabel("Absent", { exact: true }).check();
  await students.nth(2).getByLabel("Partial", { exact: true }).check();
  await students.nth(2).getByLabel(/^Minutes if partial/).fill("20");
  const components = page.getByRole("group", { name: "Components delivered" }).getByRole("checkbox");
  expect(await components.count()).toBeGreaterThanOrEqual(2);
  await components.nth(0).check();
  await components.nth(1).check();
  await page.getByLabel(/^Note\b/).fill(note);

  // The progress probe: one score per goal of the group (one ORF goal each in the demo).
  const [present, absent] = [(await students.nth(0).locator("legend").innerText()).trim(), (await students.nth(1).locator("legend").innerText()).trim()];
  const probes = page.getByRole("group", { name: /^Progress probe/ });
  await expect(probes.getByRole("textbox")).toHaveCount(3);
  const probeScore = (name: string) => probes.getByLabel(`${name}: ORF words correct per minute (WCPM)`, { exact: true });
  await expect(probeScore(present)).toHaveAccessibleDescription("A whole number, 0 or more.");
  // Every choice is a touch target of at least 44 px.
  for (const box of [
    await students.nth(1).locator("label").filter({ hasText: "Absent" }).boundingBox(),
    await components.nth(0).locator("xpath=ancestor::label").boundingBox(),
    await probeScore(present).boundingBox(),
  ]) {
    expect(box!.height).toBeGreaterThanOrEqual(44);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectNoSeriousA11yViolations(page);

  // A score for the student marked absent refuses the whole submission, the message beside its input, everything typed kept.
  await probeScore(absent).fill("40");
  await page.getByRole("button", { name: "Log session" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Please correct the highlighted fields.");
  await expect(probeScore(absent)).toHaveAccessibleDescription(`A whole number, 0 or more. ${absent} is marked absent: clear this score, or change their attendance.`);
  await expect(page.getByLabel(/^Note\b/)).toHaveValue(note);
  await expect(students.nth(2).getByLabel(/^Minutes if partial/)).toHaveValue("20");
  await expectNoSeriousA11yViolations(page);
  await probeScore(absent).fill("");
  await probeScore(present).fill("57");

  // A double tap on the button, then the same request sent again, as a phone
  // retries a form whose answer it lost: the server answers with the session
  // the first one created.
  const [sent] = await Promise.all([
    page.waitForRequest((r) => r.method() === "POST" && new URL(r.url()).pathname.startsWith("/sessions/new/")),
    page.getByRole("button", { name: "Log session" }).dblclick(),
  ]);
  await expect(page).toHaveURL(/\/sessions\?logged=[0-9a-f-]{36}$/);
  const loggedId = new URL(page.url()).searchParams.get("logged");
  const retry = await page.request.fetch(sent.url(), { method: "POST", headers: sent.headers(), data: sent.postDataBuffer()!, maxRedirects: 0 });
  expect(retry.status()).toBeLessThan(400);
  expect(retry.headers()["x-action-redirect"]).toContain(`/sessions?logged=${loggedId}`);
  const confirmation = page.getByRole("main").getByRole("status").first();
  await expect(confirmation).toContainText(`Session logged: ${GROUP}`);
  await expect(confirmation).toContainText(`Probe recorded for ${present}: 57 WCPM.`);
  await expect(card.getByRole("status")).toContainText("Logged today: Held");
  await expectNoSeriousA11yViolations(page);

  // The probe is on the goal's graph, dated the session's day, given by the assistant: once, for all the double tap and the replay.
  await confirmation.getByRole("link", { name: /^Progress graph/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${present}: ORF words correct per minute`);
  const graphData = page.getByRole("table", { name: /^Probes of this goal, oldest first/ });
  const todays = graphData.getByRole("row").filter({ has: page.locator(`time[datetime="${today}"]`) });
  await expect(todays).toHaveCount(1);
  await expect(todays.getByRole("cell").first()).toHaveText("57");
  await expect(todays).toContainText("Jordan Lee");
  await expectNoSeriousA11yViolations(page);
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1, name: "Today" })).toBeVisible();

  await card.getByRole("link", { name: "Sessions and dosage" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`Sessions: ${GROUP}`);
  const rows = page.getByRole("table", { name: "Logged sessions, newest first" }).getByRole("row").filter({ hasText: note });
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText("absent");
  await expect(rows).toContainText("partial (20 min)");
  const week = page.getByRole("table", { name: "Planned and delivered dosage of this plan" }).getByRole("row", { name: /^This week/ });
  // At least the session just logged is held this week, with its 30 minutes delivered.
  await expect(week.getByRole("cell").nth(1)).not.toHaveText("0");
  expect(Number(await week.getByRole("cell").nth(3).textContent())).toBeGreaterThanOrEqual(30);
  await expectNoSeriousA11yViolations(page);

  // The plan page carries the same summary.
  await page.getByRole("link", { name: "Back to the plan" }).click();
  // The sessions page has the same summary table: wait for the plan page itself before reading its address below.
  await page.waitForURL(/\/plans\/[^/]+$/);
  const summary = page.getByRole("table", { name: "Planned and delivered dosage of this plan" });
  await expect(summary.getByRole("row", { name: /^This week/ }).getByRole("cell").nth(1)).not.toHaveText("0");
  await expect(page.getByRole("table", { name: "Each student since the start" }).getByRole("row")).toHaveCount(4);
  await expectNoSeriousA11yViolations(page);

  // Logging the plan again today asks first, naming who logged the first session (issue 13); confirmed, it is logged.
  const planPath = new URL(page.url()).pathname;
  await page.goto(`${planPath}/sessions`);
  await page.getByRole("link", { name: "Log a session" }).click();
  await page.getByRole("button", { name: "Log session" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText(/This plan already has a session logged on .+ \(held, logged by you\)\./);
  const second = page.getByRole("checkbox", { name: "Yes: log a second session for this plan on this day" });
  // The tick box's group carries the explanation (CheckboxGroup describes the fieldset).
  await expect(page.getByRole("group", { name: "Another session on the same day?" })).toHaveAccessibleDescription(/tick the box and log it again/);
  await expectNoSeriousA11yViolations(page);
  await second.check();
  await page.getByRole("button", { name: "Log session" }).click();
  await expect(page).toHaveURL(/\/sessions\?logged=[0-9a-f-]{36}$/);

  // It was a mistake: its author voids it with a reason; it stays in the list, marked voided.
  await page.goto(`${planPath}/sessions`);
  await page.getByRole("link", { name: /^Change the session of/ }).first().click();
  await page.getByLabel(/^Why void it\?/).fill("Logged twice by mistake.");
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("button", { name: "Void this session" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Session voided." })).toBeVisible();
  await expect(page.getByRole("table", { name: "Logged sessions, newest first" }).getByRole("row").filter({ hasText: "Logged twice by mistake." })).toContainText("by Jordan Lee");
  await expectNoSeriousA11yViolations(page);
});

test("a coordinator sees the plan whose fidelity is below 80% and who has not logged this week", async ({ page }) => {
  await signIn(page, COORDINATOR, DEMO_PASSWORD);
  await (await mainMenuLink(page, "Dosage oversight")).click();
  await expect(page.getByRole("heading", { level: 1, name: "Dosage oversight" })).toBeVisible();
  const flagged = page.getByRole("table", { name: /^Active plans below threshold in/ });
  const row = flagged.getByRole("row").filter({ has: page.getByRole("link", { name: LOW_FIDELITY }) });
  await expect(row).toContainText(/fidelity \d+% \(threshold 80%\)/);
  await expect(page.getByRole("table", { name: /^Sessions logged this week by the interventionists of/ })).toContainText("Jordan Lee");
  await expectNoSeriousA11yViolations(page);

  await row.getByRole("link", { name: LOW_FIDELITY }).click();
  await expect(page.getByRole("note")).toContainText("Below threshold over the last 4 weeks");
  await expectNoSeriousA11yViolations(page);
});
