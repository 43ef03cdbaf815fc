import { expect, test } from "./support/csp";
import { DEMO_PASSWORD, DEMO_STUDENTS } from "../prisma/seed/demo-data";
import { expectNoSeriousA11yViolations, signIn, openRecordSection } from "./support";

const SPECIALIST = "specialist@maplevalley.example";
const { maya } = DEMO_STUDENTS;

test("a specialist opens Maya's progress graph: aimline, trend, the recommendation with its reason, and the same numbers as a table and as CSV", async ({ page }) => {
  await signIn(page, SPECIALIST, DEMO_PASSWORD);
  await expect(page.getByRole("region", { name: /^Goals that need review \(/ })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // Her profile, found by local id (names stay out of URLs), lists her plan's goal with a link to its graph.
  await page.goto("/students");
  await page.getByLabel(/^Name or local id\b/).fill(maya.localId);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await page.getByRole("row").filter({ hasText: maya.localId }).getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${maya.first} ${maya.last}`);
  await openRecordSection(page, "Plans");
  await page.getByRole("region", { name: "Plans", exact: true }).getByRole("link", { name: /^Progress graph of the goal: By 12 March/ }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${maya.first} ${maya.last}: ORF words correct per minute`);
  await expect(page.getByText("By 12 March 2027, Maya will read 72 words correct per minute (from 41), 1.2 per week.")).toBeVisible();
  expect(page.url()).not.toMatch(/maya|johnson/i);

  // The graph, drawn by Recharts from the server's numbers, with its text alternative.
  const graph = page.getByRole("img", { name: /^Progress graph of ORF words correct per minute/ });
  await expect(graph).toHaveAccessibleName(/the aimline runs from 41 on 18 September to the target 72 on 12 March 2027 \(1\.2 per week\); the trend is 1\.3 per week; plan changes on 26 October/);
  await expect(graph.locator(".recharts-reference-line")).toHaveCount(4); // the plan change, the aimline, the trend, its projection
  await expect(graph.locator(".recharts-scatter-symbol")).toHaveCount(16); // 15 valid probes and the hollow invalid one
  const legend = page.getByRole("list", { name: "Legend" });
  await expect(legend).toContainText("Aimline (baseline to target)");
  await expect(legend).toContainText("Trend, dotted to the target date");
  await expect(legend).toContainText("Plan change");

  // One recommendation: what to do, why, which rule decided by the district's precedence and why the other was
  // overridden, and a warning, since the trend falls short of the target (issue 13).
  const recommendation = page.getByTestId("recommendation");
  await expect(recommendation).toContainText("Continue, with a warning");
  await expect(recommendation).toContainText("Warning: on the current trend the goal will not be met by 12 March 2027: projected 68, target 72.");
  await expect(recommendation).toContainText(
    "The trend (1.3 per week, least squares over 10 points since the plan change on 26 October) is faster than the aimline (1.2 per week); projected to 68 by 12 March 2027, short of the target 72: continue, the trend is catching up with the aimline.",
  );
  await expect(recommendation).toContainText("Decided by the trend rule, from 10 points. When the rules disagree, this district lets the trend rule decide once it has its points.");
  await expect(recommendation).toContainText(
    "The four-point rule says change instruction (the 4 most recent points are below the aimline), but the trend rule decides: the district puts it first, and it uses all 10 points of the period, not only the latest 4.",
  );
  const panel = page.getByRole("region", { name: "Decision support", exact: true });
  // Each rule's heading says how many points it used.
  await expect(panel.getByRole("heading", { name: "The four-point rule: the latest 4 of 10 points" })).toBeVisible();
  await expect(panel.getByRole("heading", { name: "The trend rule: least squares over 10 points (needs at least 6)" })).toBeVisible();
  await expect(panel.getByRole("region", { name: "Gap analysis", exact: true })).toContainText("Grade 3, winter benchmark: 97 WCPM");
  await expect(panel.getByRole("region", { name: "Probe schedule", exact: true })).toContainText("at Tier 3 probes are due weekly");
  await expectNoSeriousA11yViolations(page);

  // The table lists every probe with the aimline's value on its date...
  const table = page.getByRole("table", { name: /^Probes of this goal/ });
  const rows = table.locator("tbody tr");
  const tableRows = await rows.evaluateAll((trs) =>
    trs.map((tr) => [tr.querySelector("time")!.getAttribute("datetime")!, ...[...tr.querySelectorAll("td")].map((td) => td.textContent!.trim())]),
  );
  expect(tableRows[0]).toEqual(["2026-09-25", "41", "42.2", "Yes", "Jordan Lee"]);
  expect(tableRows).toContainEqual(["2026-11-03", "58", "49.1", "No: marked invalid (Read last week's passage again)", "Jordan Lee"]);
  expect(tableRows).toContainEqual(["2026-11-27", "50", "53.4", "Yes", "Jordan Lee"]);

  // ... and the CSV download carries the very same rows (an audited export).
  const download = await page.request.get(await page.getByRole("link", { name: "Download the data as CSV" }).getAttribute("href").then((h) => h!));
  expect(download.headers()["content-disposition"]).toBe(`attachment; filename="progress-${maya.localId}-orf_wcpm-${new Date().toISOString().slice(0, 10)}.csv"`);
  const csv = (await download.text()).trimEnd().split("\r\n").map((line) => JSON.parse(`[${line}]`) as string[]);
  expect(csv[0]).toEqual(["date", "score", "unit", "aimline", "counted", "invalid_reason", "given_by"]);
  expect(csv.slice(1).map(([date, score, , aimline, counted, reason, givenBy]) => [date, score, aimline, counted === "yes" ? "Yes" : `No: marked invalid (${reason})`, givenBy])).toEqual(tableRows);
});

test("the needs-review list opens from the menu", async ({ page }) => {
  await signIn(page, SPECIALIST, DEMO_PASSWORD);
  await page.getByRole("navigation").getByRole("link", { name: "Needs review" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Goals that need review" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText(/goals? needs? review|No goal in your caseload needs review/);
  await expectNoSeriousA11yViolations(page);
});
