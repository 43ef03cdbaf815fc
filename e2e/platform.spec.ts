import type { Page } from "@playwright/test";
import { expect, test } from "./support/csp";
import { DEMO_PASSWORD, DEMO_SCHOOLS } from "../prisma/seed/demo-data";
import { expectNoSeriousA11yViolations, signIn } from "./support";

const NAV_BY_ROLE = {
  ADMIN: {
    email: "admin@maplevalley.example",
    items: [
      "Home", "Today", "IEP services", "Students", "My caseload", "Plans", "Needs review", "Meetings", "Report cards", "Record incident", "Incidents to review", "Behaviour overview", "Screening",
      "Caseloads", "Dosage oversight", "Compliance calendar", "Interventions", "Dashboards", "Schools", "Staff", "Roster imports", "Benchmarks", "Screening windows", "Behaviour codes", "Settings", "School calendar", "Audit log",
    ],
  },
  COORDINATOR: {
    email: "coordinator@maplevalley.example",
    items: [
      "Home", "Today", "IEP services", "Students", "My caseload", "Plans", "Needs review", "Meetings", "Report cards", "Record incident", "Incidents to review", "Behaviour overview", "Screening",
      "Caseloads", "Dosage oversight", "Compliance calendar", "Interventions", "Dashboards",
    ],
  },
  SPECIALIST: {
    email: "specialist@maplevalley.example",
    items: ["Home", "Today", "IEP services", "Students", "My caseload", "Plans", "Needs review", "Report cards", "Record incident", "Screening", "Compliance calendar", "Interventions"],
  },
  ASSISTANT: { email: "assistant@maplevalley.example", items: ["Home", "Today", "IEP services", "My caseload", "Plans", "Report cards", "Record incident"] },
  TEACHER: { email: "teacher@maplevalley.example", items: ["Home", "My classes", "Report cards", "Record incident"] },
} as const;

async function navLabels(page: Page) {
  return page.getByRole("navigation", { name: "Main" }).getByRole("link").allTextContents();
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
}

for (const [role, { email, items }] of Object.entries(NAV_BY_ROLE)) {
  test(`${role.toLowerCase()} signs in, sees only their menu, and signs out`, async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in/);
    await expectNoSeriousA11yViolations(page);
    // Through the form: signing in and out is what this test is about.
    await signIn(page, email, DEMO_PASSWORD, { fresh: true });
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await navLabels(page)).toEqual(items);
    await expectNoSeriousA11yViolations(page);
    if (role !== "ADMIN") {
      for (const path of ["/admin/staff", "/admin/audit", "/admin/schools"]) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(404);
      }
      await expectNoSeriousA11yViolations(page);
      await page.goto("/");
    } else {
      for (const label of ["Schools", "Staff", "Audit log"]) {
        await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: label }).click();
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        await expectNoSeriousA11yViolations(page);
      }
    }
    await signOut(page);
    const response = await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in/);
    expect(response?.ok()).toBe(true);
  });
}

test("a wrong password gets a clear message that does not say whether the email exists", async ({ page }) => {
  // Next.js has its own (empty) route-announcer alert outside <main>.
  const alert = page.getByRole("main").getByRole("alert");
  await signIn(page, "admin@maplevalley.example", "not-the-password", { expectSuccess: false });
  await expect(alert).toContainText("email or password is not right");
  const known = await alert.textContent();
  await signIn(page, "nobody@maplevalley.example", "not-the-password", { expectSuccess: false });
  await expect(alert).toHaveText(known ?? "");
  await expectNoSeriousA11yViolations(page);
});

test("an administrator creates a user who then signs in", async ({ page, browser }) => {
  // Two sign-ins, the invitation answered and four axe scans (decision 009): a long journey.
  test.slow();
  const email = `new.specialist.${Date.now()}@maplevalley.example`;
  await signIn(page, "admin@maplevalley.example", DEMO_PASSWORD);
  await page.goto("/admin/staff/new");
  await expectNoSeriousA11yViolations(page);
  await page.getByLabel(/^Name\b/).fill("Quinn Harper");
  await page.getByLabel(/^Email\b/).fill(email);
  await page.getByLabel(/^Role\b/).selectOption("SPECIALIST");
  await page.getByLabel(DEMO_SCHOOLS.cedarMiddle.name).check();
  await page.getByLabel(/^Initial password\b/).fill("a-long-enough-password");
  await page.getByRole("button", { name: /add/i }).click();
  // The same answer whether or not the email had an account (decision 009).
  await expect(page.getByRole("status")).toContainText("Quinn Harper was invited.");
  await expectNoSeriousA11yViolations(page);

  const context = await browser.newContext();
  const newcomer = await context.newPage();
  await signIn(newcomer, email, "a-long-enough-password");
  // Their first sign-in asks them to accept the district's invitation.
  await expect(newcomer).toHaveURL(/\/invitations$/);
  await expect(newcomer.getByText(DEMO_SCHOOLS.cedarMiddle.name)).toBeVisible();
  await expectNoSeriousA11yViolations(newcomer);
  await newcomer.getByRole("button", { name: /^Accept the invitation/ }).click();
  await expect(newcomer.getByRole("banner")).toContainText("Quinn Harper");
  // A new specialist's home is their (still empty) caseload.
  await expect(newcomer.getByRole("heading", { level: 1, name: "Welcome, Quinn Harper" })).toBeVisible();
  await expect(newcomer.getByText("No students are on your caseload yet.")).toBeVisible();
  await expectNoSeriousA11yViolations(newcomer);
  await context.close();
});

test("someone in two districts chooses which one to work in, and can switch", async ({ page }) => {
  await signIn(page, "consultant@mtss.example", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/choose-district/);
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("button", { name: "Riverbend Unified" }).click();
  await expect(page.getByRole("banner")).toContainText("Riverbend Unified");
  await page.getByRole("link", { name: "Switch district" }).click();
  await page.getByRole("button", { name: "Maple Valley School District" }).click();
  await expect(page.getByRole("banner")).toContainText("Maple Valley School District");
  await expectNoSeriousA11yViolations(page);
});

test("a user of one district opening another district's page gets 404", async ({ page }) => {
  await signIn(page, "admin@riverbend.example", DEMO_PASSWORD);
  const response = await page.goto(`/admin/schools/${DEMO_SCHOOLS.mapleElementary.id}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByText(DEMO_SCHOOLS.mapleElementary.name)).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
  // The attempt is in Riverbend's audit log.
  await page.goto("/admin/audit");
  await expect(page.getByRole("cell", { name: "denied" }).first()).toBeVisible();
});

test("signing out everywhere ends the person's other sessions at their next request", async ({ page, browser }) => {
  // Two sessions of their own, through the form.
  await signIn(page, "specialist.high@maplevalley.example", DEMO_PASSWORD, { fresh: true });
  const other = await browser.newContext();
  const phone = await other.newPage();
  await signIn(phone, "specialist.high@maplevalley.example", DEMO_PASSWORD, { fresh: true });

  await page.getByRole("link", { name: "Jamie Okafor" }).click();
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  await phone.goto("/");
  await expect(phone).toHaveURL(/\/sign-in/);
  await other.close();
});
