// Issue 17 (decision 019): an administrator uploads an XLSX of students,
// confirms the proposed columns, reads the dry run, applies it, and the
// students appear. Axe on every page.
import ExcelJS from "exceljs";
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD } from "../prisma/seed/demo-data";
import { expectNoSeriousA11yViolations, signIn } from "./support";

async function studentsXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("New students");
  ws.addRow(["Student Number", "First Name", "Last Name", "Grade Level", "School", "DOB", "Bus Route"]);
  ws.addRow(["SHEET-E2E-1", "Wren", "Castellano", "2", "Maple Valley Elementary", new Date(Date.UTC(2018, 9, 3)), "7"]);
  ws.addRow(["SHEET-E2E-2", "Idris", "Castellano", "K", "MVE", "2021-04-18", "7"]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

test("an administrator imports students from an XLSX: columns, dry run, apply", async ({ page }) => {
  test.slow();
  await signIn(page, "admin@maplevalley.example", DEMO_PASSWORD);
  await page.goto("/admin/imports");
  await expect(page.getByRole("heading", { level: 1, name: "Roster imports" })).toBeVisible();
  await page.getByRole("link", { name: "Import a spreadsheet" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Import students, staff or guardians from a spreadsheet" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel("Spreadsheet files").setInputFiles({ name: "new-students.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: await studentsXlsx() });
  await page.getByRole("button", { name: "Read the columns" }).click();

  // The proposed mapping, to confirm.
  await expect(page).toHaveURL(/\/admin\/imports\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: "Spreadsheet import: confirm the columns" })).toBeVisible();
  await expect(page.getByLabel("This table holds")).toHaveValue("students");
  await expect(page.getByLabel("Column “Student Number”")).toHaveValue("0:0:localId");
  await expect(page.getByLabel("Column “DOB”")).toHaveValue("0:5:dateOfBirth");
  await expect(page.getByLabel("Column “Bus Route”")).toHaveValue("0:6:");
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("button", { name: "Confirm the columns and check the rows (dry run)" }).click();

  // The dry run.
  await expect(page.getByRole("heading", { level: 1, name: "Dry run of the spreadsheet import" })).toBeVisible();
  const planned = page.getByRole("table", { name: "Changes planned" });
  await expect(planned.getByRole("row").filter({ hasText: "Students" })).toContainText("2 created");
  await expect(page.getByRole("heading", { name: /^Problems: 0 errors, 0 warnings/ })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  await page.getByRole("button", { name: "Apply the import" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The import was applied" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Changes made" }).getByRole("row").filter({ hasText: "Students" })).toContainText("2 created");
  await expectNoSeriousA11yViolations(page);

  // The students are in the student list.
  await page.goto("/students");
  await page.getByLabel(/^Name or local id\b/).fill("Castellano");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByRole("link", { name: "Castellano, Wren", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Castellano, Idris", exact: true })).toBeVisible();

  // The history lists it as a spreadsheet import.
  await page.goto("/admin/imports");
  await expect(page.getByRole("table", { name: "Import history" }).getByRole("row").filter({ hasText: "new-students.xlsx (spreadsheet)" })).toContainText("Applied");
  await expectNoSeriousA11yViolations(page);
});
