// Each role's menu, exactly: what it offers and in what order (issue 2: "sees a
// navigation that only offers what their role may use").
import { describe, expect, it } from "vitest";
import { NAV_ITEMS, navFor } from "@/domain/navigation";
import { ROLES } from "@/domain/permissions";

const HOME = { href: "/", label: "Home" };
const TODAY = { href: "/sessions", label: "Today" };
const IEP_SERVICES = { href: "/iep-services", label: "IEP services" };
const OVERSIGHT = { href: "/sessions/oversight", label: "Dosage oversight" };
const COMPLIANCE = { href: "/compliance", label: "Compliance calendar" };
const STUDENTS = { href: "/students", label: "Students" };
const MY_CASELOAD = { href: "/my-caseload", label: "My caseload" };
const MY_CLASSES = { href: "/classes", label: "My classes" };
const PLANS = { href: "/plans", label: "Plans" };
const REVIEW = { href: "/goals/review", label: "Needs review" };
const MEETINGS = { href: "/meetings", label: "Meetings" };
const REPORT_CARDS = { href: "/behavior/cards", label: "Report cards" };
const RECORD_INCIDENT = { href: "/behavior/incidents/new", label: "Record incident" };
const INCIDENT_REVIEW = { href: "/behavior/review", label: "Incidents to review" };
const BEHAVIOR_OVERVIEW = { href: "/behavior/overview", label: "Behaviour overview" };
const BEHAVIOR_CODES = { href: "/admin/behavior-codes", label: "Behaviour codes" };
const SCREENING = { href: "/screening", label: "Screening" };
const SCREENING_WINDOWS = { href: "/admin/screening", label: "Screening windows" };
const CASELOADS = { href: "/caseloads", label: "Caseloads" };
const INTERVENTIONS = { href: "/interventions", label: "Interventions" };
const DASHBOARDS = { href: "/dashboards", label: "Dashboards" };
const SCHOOLS = { href: "/admin/schools", label: "Schools" };
const STAFF = { href: "/admin/staff", label: "Staff" };
const IMPORTS = { href: "/admin/imports", label: "Roster imports" };
const BENCHMARKS = { href: "/admin/benchmarks", label: "Benchmarks" };
const SETTINGS = { href: "/admin/settings", label: "Settings" };
const CALENDAR = { href: "/admin/calendar", label: "School calendar" };
const AUDIT = { href: "/admin/audit", label: "Audit log" };

const MENUS = {
  ADMIN: [HOME, TODAY, IEP_SERVICES, STUDENTS, MY_CASELOAD, PLANS, REVIEW, MEETINGS, REPORT_CARDS, RECORD_INCIDENT, INCIDENT_REVIEW, BEHAVIOR_OVERVIEW, SCREENING, CASELOADS, OVERSIGHT, COMPLIANCE, INTERVENTIONS, DASHBOARDS, SCHOOLS, STAFF, IMPORTS, BENCHMARKS, SCREENING_WINDOWS, BEHAVIOR_CODES, SETTINGS, CALENDAR, AUDIT],
  COORDINATOR: [HOME, TODAY, IEP_SERVICES, STUDENTS, MY_CASELOAD, PLANS, REVIEW, MEETINGS, REPORT_CARDS, RECORD_INCIDENT, INCIDENT_REVIEW, BEHAVIOR_OVERVIEW, SCREENING, CASELOADS, OVERSIGHT, COMPLIANCE, INTERVENTIONS, DASHBOARDS],
  SPECIALIST: [HOME, TODAY, IEP_SERVICES, STUDENTS, MY_CASELOAD, PLANS, REVIEW, REPORT_CARDS, RECORD_INCIDENT, SCREENING, COMPLIANCE, INTERVENTIONS],
  ASSISTANT: [HOME, TODAY, IEP_SERVICES, MY_CASELOAD, PLANS, REPORT_CARDS, RECORD_INCIDENT],
  // A classroom teacher (decision 020): their classes, their class's report cards and incidents; no caseload.
  TEACHER: [HOME, MY_CLASSES, REPORT_CARDS, RECORD_INCIDENT],
} as const;

const menuOf = (role: string) => navFor(role).map(({ href, label }) => ({ href, label }));

describe("navFor", () => {
  it("has a menu written out here for every role", () => {
    expect(Object.keys(MENUS).sort()).toEqual([...ROLES].sort());
  });

  it.each(Object.entries(MENUS))("%s sees exactly its menu, in order", (role, menu) => {
    expect(menuOf(role)).toEqual(menu);
  });

  it.each(["", "admin", "SUPERUSER", "constructor", "__proto__", "toString"])("an unknown role %j gets only the pages every signed-in person has", (role) => {
    expect(menuOf(role)).toEqual([HOME]);
  });

  it("only administrators are offered the admin pages", () => {
    for (const role of ROLES) {
      const admin = navFor(role).some((item) => item.href.startsWith("/admin"));
      expect(admin, role).toBe(role === "ADMIN");
    }
  });

  it("returns a fresh list each time (callers cannot change the menu of others)", () => {
    const first = navFor("ASSISTANT");
    first.push({ href: "/admin/audit", label: "Audit log" });
    expect(menuOf("ASSISTANT")).toEqual(MENUS.ASSISTANT);
    // An administrator is offered every page of the menu but a teacher's own classes.
    expect(NAV_ITEMS).toHaveLength(MENUS.ADMIN.length + 1);
    expect(NAV_ITEMS.filter((i) => !MENUS.ADMIN.some((m) => m.href === i.href)).map((i) => i.href)).toEqual(["/classes"]);
  });

  it("every item has a unique href and label", () => {
    expect(new Set(NAV_ITEMS.map((i) => i.href)).size).toBe(NAV_ITEMS.length);
    expect(new Set(NAV_ITEMS.map((i) => i.label)).size).toBe(NAV_ITEMS.length);
  });

  it("groups exactly the /admin pages as district set-up, after the daily work (so the menu reads in the same order as the list)", () => {
    expect(NAV_ITEMS.filter((i) => i.setup).map((i) => i.href)).toEqual(NAV_ITEMS.filter((i) => i.href.startsWith("/admin")).map((i) => i.href));
    const firstSetup = NAV_ITEMS.findIndex((i) => i.setup);
    expect(firstSetup).toBeGreaterThan(0);
    expect(NAV_ITEMS.slice(firstSetup).every((i) => i.setup)).toBe(true);
  });
});
