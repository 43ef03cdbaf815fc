import type { Page } from "@playwright/test";

/** Opens one section of the student record from its menu (the record shows one section at a time: decision 044). */
export async function openRecordSection(page: Page, heading: string): Promise<void> {
  await page.getByRole("navigation", { name: "Sections of the record" }).getByRole("link", { name: heading, exact: true }).click();
  await page.getByRole("region", { name: heading, exact: true }).waitFor();
}
