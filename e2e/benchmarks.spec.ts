import { readFile, writeFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "../prisma/seed/demo-data";
import { expectNoSeriousA11yViolations, signIn } from "./support";

// Other specs share this database and read Maple Valley's ORF benchmarks and
// settings: this one works on a measure nothing else uses (written expression,
// grade 9) and changes Riverbend's settings.
const MEASURE = "Written expression correct word sequences";

test("an administrator loads benchmarks from a CSV file, edits one in the table and downloads it", async ({ page }, testInfo) => {
  await signIn(page, "admin@maplevalley.example", DEMO_PASSWORD);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Benchmarks" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Benchmarks" })).toBeVisible();
  // The demo's ORF norms are shown first (Hasbrouck & Tindal, grade 3 winter: 97 and 79).
  await expect(page.getByLabel("Grade 3, winter benchmark", { exact: true })).toHaveValue("97");
  await expect(page.getByLabel("Grade 3, winter risk cut", { exact: true })).toHaveValue("79");
  await expectNoSeriousA11yViolations(page);

  await page.getByLabel(/^Measure\b/).selectOption({ label: MEASURE });
  await page.getByRole("button", { name: "Show benchmarks" }).click();
  await expect(page.getByRole("heading", { level: 2, name: MEASURE })).toBeVisible();
  await expect(page.getByLabel("Grade 9, fall benchmark", { exact: true })).toHaveValue("");

  const uploadSection = page.getByRole("region", { name: "Upload benchmarks", exact: true });
  const tableSection = page.getByRole("region", { name: MEASURE, exact: true });
  const file = testInfo.outputPath("benchmarks.csv");
  await writeFile(file, "measure_key,grade,season,benchmark,risk_cut\nwritten_expression_cws,9,fall,40,25\nwritten_expression_cws,9,winter,45,50\n");
  await page.getByLabel(/^CSV file\b/).setInputFiles(file);
  await page.getByRole("button", { name: "Upload benchmarks" }).click();
  await expect(uploadSection.getByRole("alert")).toContainText("Nothing was saved");
  await expect(uploadSection.getByText("Row 3: the risk cut must be below the benchmark (45), since higher scores are better.")).toBeVisible();
  await expect(page.getByLabel("Grade 9, fall benchmark", { exact: true })).toHaveValue("");
  await expectNoSeriousA11yViolations(page);

  await writeFile(file, "measure_key,grade,season,benchmark,risk_cut\nwritten_expression_cws,9,fall,40,25\nwritten_expression_cws,G9,Winter,45,30\n");
  await page.getByLabel(/^CSV file\b/).setInputFiles(file);
  await page.getByRole("button", { name: "Upload benchmarks" }).click();
  await expect(uploadSection.getByRole("status")).toHaveText("2 benchmarks loaded from benchmarks.csv.");
  await expect(page.getByLabel("Grade 9, fall benchmark", { exact: true })).toHaveValue("40");
  await expect(page.getByLabel("Grade 9, fall risk cut", { exact: true })).toHaveValue("25");
  await expect(page.getByLabel("Grade 9, winter benchmark", { exact: true })).toHaveValue("45");
  await expect(page.getByLabel("Grade 9, winter risk cut", { exact: true })).toHaveValue("30");
  await expectNoSeriousA11yViolations(page);

  // The table: a wrong cell is named and nothing is saved; then a good save.
  await page.getByLabel("Grade 9, spring benchmark", { exact: true }).fill("50");
  await page.getByLabel("Grade 9, spring risk cut", { exact: true }).fill("55");
  await page.getByRole("button", { name: "Save benchmarks" }).click();
  await expect(page.getByRole("link", { name: "Grade 9, spring: the risk cut must be below the benchmark (50), since higher scores are better." })).toBeVisible();
  await expect(page.getByLabel("Grade 9, spring risk cut", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel("Grade 9, spring risk cut", { exact: true }).fill("35");
  await page.getByRole("button", { name: "Save benchmarks" }).click();
  await expect(tableSection.getByRole("status")).toHaveText(`${MEASURE}: 3 cells saved.`);
  await expect(page.getByLabel("Grade 9, spring risk cut", { exact: true })).toHaveValue("35");

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download this table as a CSV file" }).click();
  const csv = await readFile(await (await download).path(), "utf8");
  expect(csv).toBe(
    `"measure_key","grade","season","benchmark","risk_cut"\r\n"written_expression_cws","9","fall","40","25"\r\n"written_expression_cws","9","winter","45","30"\r\n"written_expression_cws","9","spring","50","35"\r\n`,
  );
});

test("an administrator changes the district's decision-rule settings", async ({ page }) => {
  await signIn(page, "admin@riverbend.example", DEMO_PASSWORD);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  await expect(page.getByLabel(/^Minimum points for a trend\b/)).toHaveValue("6");
  await expect(page.getByRole("radio", { name: /^Ordinary least squares\b/ })).toBeChecked();
  await expectNoSeriousA11yViolations(page);

  await page.getByLabel(/^Minimum points for a trend\b/).fill("3");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Enter a whole number from 4 to 12.")).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.getByLabel(/^Minimum points for a trend\b/).fill("8");
  await page.getByRole("radio", { name: /^Tukey's three-group median method\b/ }).check();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("The settings were saved.");
  await page.reload();
  await expect(page.getByLabel(/^Minimum points for a trend\b/)).toHaveValue("8");
  await expect(page.getByRole("radio", { name: /^Tukey's three-group median method\b/ })).toBeChecked();
  await expectNoSeriousA11yViolations(page);
});
