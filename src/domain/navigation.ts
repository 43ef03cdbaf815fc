import { scopeOf, type Action } from "./permissions";

export interface NavItem {
  href: string;
  label: string;
  requires?: Action;
  /** The district's set-up pages, shown apart from the daily work so the menu stays readable. */
  setup?: true;
}

/** Every page a signed-in person can reach from the menu, in menu order. */
export const NAV_ITEMS: readonly NavItem[] = [
  { href: "/", label: "Home" },
  { href: "/sessions", label: "Today", requires: "session.log" },
  { href: "/iep-services", label: "IEP services", requires: "service.log" },
  { href: "/students", label: "Students", requires: "student.list" },
  { href: "/my-caseload", label: "My caseload", requires: "caseload.view" },
  { href: "/classes", label: "My classes", requires: "class.view" },
  { href: "/plans", label: "Plans", requires: "plan.view" },
  { href: "/goals/review", label: "Needs review", requires: "plan.write" },
  { href: "/meetings", label: "Meetings", requires: "meeting.manage" },
  { href: "/behavior/cards", label: "Report cards", requires: "cico.rate" },
  { href: "/behavior/incidents/new", label: "Record incident", requires: "incident.record" },
  { href: "/behavior/review", label: "Incidents to review", requires: "incident.review" },
  { href: "/behavior/overview", label: "Behaviour overview", requires: "behavior.overview" },
  { href: "/screening", label: "Screening", requires: "screening.view" },
  { href: "/caseloads", label: "Caseloads", requires: "caseload.assign" },
  { href: "/sessions/oversight", label: "Dosage oversight", requires: "dosage.oversee" },
  { href: "/compliance", label: "Compliance calendar", requires: "compliance.view" },
  { href: "/interventions", label: "Interventions", requires: "intervention.view" },
  { href: "/dashboards", label: "Dashboards", requires: "dashboard.view" },
  { href: "/admin/schools", label: "Schools", requires: "school.manage", setup: true },
  { href: "/admin/staff", label: "Staff", requires: "staff.manage", setup: true },
  { href: "/admin/imports", label: "Roster imports", requires: "roster.import", setup: true },
  { href: "/admin/benchmarks", label: "Benchmarks", requires: "benchmark.manage", setup: true },
  { href: "/admin/screening", label: "Screening windows", requires: "screening.manage", setup: true },
  { href: "/admin/behavior-codes", label: "Behaviour codes", requires: "behaviorCode.manage", setup: true },
  { href: "/admin/settings", label: "Settings", requires: "settings.manage", setup: true },
  { href: "/admin/calendar", label: "School calendar", requires: "calendar.manage", setup: true },
  { href: "/admin/audit", label: "Audit log", requires: "audit.view", setup: true },
];

export function navFor(role: string): NavItem[] {
  return NAV_ITEMS.filter((item) => !item.requires || scopeOf(role, item.requires) !== undefined);
}
