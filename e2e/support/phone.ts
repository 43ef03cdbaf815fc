import { expect, type Locator, type Page } from "@playwright/test";

/** The width the house tests phones at: the narrowest common phone. */
export const PHONE_WIDTH = 360;
export const PHONE = { viewport: { width: PHONE_WIDTH, height: 740 } } as const;

/**
 * Fails when the page scrolls sideways: the document is wider than the
 * viewport (wide tables must scroll inside their own region or stack).
 */
export async function expectNoHorizontalOverflow(page: Page, width = page.viewportSize()?.width ?? PHONE_WIDTH): Promise<void> {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth, `the page ${page.url()} is ${scrollWidth}px wide at a ${width}px viewport`).toBeLessThanOrEqual(width);
}

/**
 * A link of the main menu, opening the menu first when it is folded behind
 * its "Menu" button (a phone-sized screen).
 */
export async function mainMenuLink(page: Page, name: string): Promise<Locator> {
  const nav = page.getByRole("navigation", { name: "Main" });
  const menu = nav.locator("summary");
  if (await menu.isVisible()) {
    const details = nav.locator("details");
    if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await menu.click();
  }
  return nav.getByRole("link", { name, exact: true });
}
