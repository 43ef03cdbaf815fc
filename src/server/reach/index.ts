import "server-only";
// Reach, in one place per kind of object (docs/decisions/010): students
// (./students.ts), plans, goals and sessions (./plans.ts).
export { reachForChecks, reachOf, reachedBySql, studentReach, studentsReach, taughtBySql, teachesClassSql } from "./students";
export { editRightOf, goalReach, planReach, planReachedBySql, plansInReachSql, planStudentsReach, SESSION_ACTIONS, sessionReach, type EditRight } from "./plans";
export { classReach } from "./classes";
