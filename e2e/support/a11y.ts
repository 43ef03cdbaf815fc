import { createHash } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

// What each page was last found clean in (decision 042): the same markup at
// the same viewport size is the same axe result, so a second scan of an
// unchanged page in one test is skipped. Any change (a message, a value, a
// row, another URL) is a different state and is scanned.
const cleanStates = new WeakMap<Page, Set<string>>();

async function stateOf(page: Page, exclude: string[]): Promise<string> {
  // Next.js appends its route announcer (the same empty live region on every
  // page) once the page has hydrated, often while the first scan runs; it is
  // left out of the state so that a scan started just before it appears counts.
  const markup = (await page.evaluate(() => document.documentElement.outerHTML)).replace(/<next-route-announcer\b[^>]*><\/next-route-announcer>/g, "");
  const size = page.viewportSize();
  return createHash("sha256")
    .update(JSON.stringify([page.url(), size?.width, size?.height, exclude]))
    .update(markup)
    .digest("hex");
}

/**
 * Runs axe on the page as it is now (WCAG 2.0/2.1 A and AA rules plus best
 * practices) and fails on any serious or critical violation, listing each
 * rule with the elements it found.
 */
export async function expectNoSeriousA11yViolations(page: Page, options: { exclude?: string[] } = {}): Promise<void> {
  const exclude = options.exclude ?? [];
  const state = await stateOf(page, exclude);
  if (cleanStates.get(page)?.has(state)) return;
  // Only violations are reported in full: passes and incomplete results are
  // not read here, and building a selector for every node they cover is most
  // of axe's time on a big page (axe's resultTypes option). Every rule still
  // runs on every element.
  let builder = new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .options({ resultTypes: ["violations"] });
  for (const selector of exclude) builder = builder.exclude(selector);
  const { violations } = await builder.analyze();
  const serious = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(" ")}`).join("\n")}`);
  expect(serious, `axe on ${page.url()}`).toEqual([]);
  // Kept only when the page did not change while axe ran: then this state is the one found clean.
  if ((await stateOf(page, exclude)) !== state) return;
  let states = cleanStates.get(page);
  if (!states) cleanStates.set(page, (states = new Set()));
  states.add(state);
}
