// The seeded world of the reach suite (tests/integration/reach.test.ts): one
// student of North Elementary with every kind of record, the people who reach
// them (insiders) and the cast who must not (outsiders). Built once per run
// with the factories.
import { addDays } from "@/domain/dosage";
import type { Role } from "@/domain/permissions";
import { ensureDefaultMeasures } from "@/server/measures/queries";
import {
  makeAccommodation,
  makeAttendance,
  makeBehaviorCode,
  makeCaseloadAssignment,
  makeDistrict,
  makeGoal,
  makeGuardian,
  makeIncident,
  makeIntervention,
  makePlan,
  makeProbe,
  makeSchool,
  makeSession,
  makeSpecialEdPlan,
  makeSpecialEdService,
  makeStudent,
  makeUser,
} from "../../factories";
import { asOwner } from "../../support/db";
import { makePerson, type Person } from "../../support/session";

/**
 * Who must get 404 / NOT_FOUND for the world's objects:
 * - otherDistrict: an administrator of another district (every grant, wrong tenant);
 * - otherSchoolCoordinator: a coordinator of South Elementary (the objects are North's);
 * - unlinkedSpecialist: a North specialist with no caseload or plan link to the student;
 * - unlinkedAssistant: a North assistant with no caseload or plan link;
 * - endedAssistant: the North assistant who delivered the student's plan that
 *   has since completed (and logged a session of it yesterday): reach through
 *   it ended with the plan (decision 006);
 * - otherPlanAssistant: a North assistant who delivers another open plan of
 *   the same student: they reach the student, never the student's other plans.
 * - otherClassTeacher: a North classroom teacher of another class (decision 020):
 *   teachers reach only the students of the classes they teach.
 */
export const OUTSIDERS = ["otherDistrict", "otherSchoolCoordinator", "unlinkedSpecialist", "unlinkedAssistant", "endedAssistant", "otherPlanAssistant", "otherClassTeacher"] as const;
export type Outsider = (typeof OUTSIDERS)[number];

/** Who reaches the world's student, for cases that show a list does contain them. */
export const INSIDERS = ["admin", "coordinator", "caseSpecialist", "deliverer", "teacher"] as const;
export type Insider = (typeof INSIDERS)[number];

export interface World {
  districtId: string;
  otherDistrictId: string;
  school: { north: string; south: string };
  /** The student every object belongs to, and their names (what a list must not show an outsider). */
  student: { id: string; legalFirstName: string; legalLastName: string };
  plan: { active: string; ended: string; draft: string; other: string };
  goal: { active: string; ended: string };
  session: { active: string; ended: string };
  probe: { ended: string };
  accommodation: string;
  assignment: string;
  intervention: string;
  measure: { orf: string };
  /** A minor incident of the student's, reported by the North coordinator, and its codes. */
  incident: string;
  behaviorCode: string;
  /** The student's FBAs: one in progress (to update), one completed (to write a BIP from). */
  fba: { open: string; completed: string };
  /** The student's active IEP (case manager: caseSpecialist) and its service (provider: caseSpecialist). */
  specialEdPlan: string;
  service: string;
  /** The student's daily report card (CICO), kept for the active plan (delivered by `deliverer`) and feeding a goal of it. */
  cicoCard: string;
  /** The student's open referral for evaluation. */
  referral: string;
  /** The student's guardian, whom contacts with the family are logged with (decision 031). */
  guardian: string;
  /** A non-school day of the district's calendar, in the weeks ahead, with a label no other row has. */
  nonSchoolDay: { date: string; label: string };
  /** The district's invitation of someone not in the cast (only they may answer it). */
  invitation: string;
  /**
   * Universal screening: this school year's fall window, in which the student
   * scored high risk on ORF (a reading screener) with no tier decision, so the
   * coordinator's suggestions list them; and a file of scores the North
   * coordinator uploaded and has not applied (only they may see or apply it).
   */
  screening: { window: string; import: string };
  /** A roster import's dry run, ready to apply (administrators only). */
  importRun: string;
  /** A spreadsheet import whose columns wait to be confirmed (administrators only; decision 019). */
  sheetImportRun: string;
  /**
   * Class rosters (decision 020): the student's class at North, taught by
   * `teacher`, and another North class taught by `otherClassTeacher` with
   * another student; `title` is the student's class's title (no other row has it).
   */
  schoolClass: { own: string; other: string; title: string; otherStudent: string };
  /** A problem-solving meeting at North today, run by the coordinator, with the student on its agenda and an action item of the case specialist. */
  meeting: { id: string; actionItem: string };
  people: Record<Outsider | Insider, Person>;
}

const today = () => new Date().toISOString().slice(0, 10);
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

export async function buildWorld(): Promise<World> {
  const ids = await asOwner(async (tx) => {
    const districtId = (await makeDistrict(tx, { name: "Reach Unified" })).id;
    const otherDistrictId = (await makeDistrict(tx, { name: "Elsewhere County" })).id;
    const north = (await makeSchool(tx, { districtId, name: "North Elementary" })).id;
    const south = (await makeSchool(tx, { districtId, name: "South Elementary" })).id;
    await makeSchool(tx, { districtId: otherDistrictId, name: "Elsewhere High" });
    await ensureDefaultMeasures(tx, districtId);
    await ensureDefaultMeasures(tx, otherDistrictId);
    // Names no other row of the world has: a list that shows them leaks the student.
    const names = { legalFirstName: "Quintessa", legalLastName: "Zarkovian" };
    const student = await makeStudent(tx, { districtId, schoolId: north, ...names });
    return { districtId, otherDistrictId, north, south, student: { id: student.id, ...names } };
  });
  const { districtId, otherDistrictId, north, south } = ids;
  const person = (role: Role, schoolIds: string[], name: string, inDistrict = districtId) => asOwner((tx) => makePerson(tx, { districtId: inDistrict, role, schoolIds, name }));
  const people: World["people"] = {
    otherDistrict: await person("ADMIN", [], "Olga Elsewhere", otherDistrictId),
    otherSchoolCoordinator: await person("COORDINATOR", [south], "Sol South"),
    unlinkedSpecialist: await person("SPECIALIST", [north], "Una Unlinked"),
    unlinkedAssistant: await person("ASSISTANT", [north], "Ari Unlinked"),
    endedAssistant: await person("ASSISTANT", [north], "Eddie Ended"),
    otherPlanAssistant: await person("ASSISTANT", [north], "Otis Otherplan"),
    admin: await person("ADMIN", [], "Ada Admin"),
    coordinator: await person("COORDINATOR", [north], "Cora North"),
    caseSpecialist: await person("SPECIALIST", [north], "Sam Casemanager"),
    deliverer: await person("ASSISTANT", [north], "Dev Deliverer"),
    teacher: await person("TEACHER", [north], "Tess Teacher"),
    otherClassTeacher: await person("TEACHER", [north], "Theo Otherclass"),
  };
  return asOwner(async (tx) => {
    const studentId = ids.student.id;
    const orf = (await tx.measure.findFirstOrThrow({ where: { districtId, key: "orf_wcpm" } })).id;
    const intervention = (await makeIntervention(tx, { districtId, name: "Reach Phonics", measureIds: [orf] })).id;
    const start = day(addDays(today(), -60));
    const base = { districtId, schoolId: north, interventionId: intervention, createdByUserId: people.caseSpecialist.userId, startDate: start, studentIds: [studentId] };
    const active = (await makePlan(tx, { ...base, interventionistMembershipIds: [people.deliverer.membershipId] })).id;
    const ended = (await makePlan(tx, { ...base, status: "COMPLETED", endDate: day(today()), statusReason: "Goal met.", interventionistMembershipIds: [people.endedAssistant.membershipId] })).id;
    const draft = (await makePlan(tx, { ...base, status: "DRAFT", submittedAt: new Date(), interventionistMembershipIds: [people.deliverer.membershipId] })).id;
    const other = (await makePlan(tx, { ...base, area: "MATH", customIntervention: "Number talks", interventionId: null, interventionistMembershipIds: [people.otherPlanAssistant.membershipId] })).id;
    const goal = (planId: string) =>
      makeGoal(tx, { districtId, planId, studentId, measureId: orf, createdByUserId: people.caseSpecialist.userId, baselineDate: start, targetDate: day(addDays(today(), 90)) }).then((g) => g.id);
    const goalActive = await goal(active);
    const goalEnded = await goal(ended);
    // Logged yesterday, created now: inside the author's edit window.
    const session = async (planId: string, by: Person) => {
      const s = await makeSession(tx, { districtId, planId, loggedByUserId: by.userId, date: day(addDays(today(), -1)), note: "Zarkovian read the passage twice." });
      await makeAttendance(tx, s, studentId);
      return s.id;
    };
    const sessionActive = await session(active, people.deliverer);
    const sessionEnded = await session(ended, people.endedAssistant);
    const probe = (await makeProbe(tx, { districtId, studentId, goalId: goalEnded, measureId: orf, givenByUserId: people.endedAssistant.userId, date: day(addDays(today(), -2)) })).id;
    const accommodation = (await makeAccommodation(tx, { districtId, studentId, createdByUserId: people.caseSpecialist.userId })).id;
    const assignment = (await makeCaseloadAssignment(tx, { districtId, studentId, membershipId: people.caseSpecialist.membershipId })).id;
    const behaviorCode = (await makeBehaviorCode(tx, { districtId, label: "Disruption" })).id;
    const location = (await makeBehaviorCode(tx, { districtId, kind: "LOCATION", label: "Classroom" })).id;
    const incident = (await makeIncident(tx, { districtId, schoolId: north, studentId, behaviorCodeId: behaviorCode, locationCodeId: location, reportedByUserId: people.coordinator.userId, occurredOn: day(addDays(today(), -3)), notes: "Zarkovian left the room." })).id;
    const fba = (completed: boolean) =>
      tx.fba
        .create({
          data: {
            districtId,
            studentId,
            targetBehavior: "Leaves the classroom without permission during reading.",
            createdByUserId: people.caseSpecialist.userId,
            ...(completed
              ? { function: "ESCAPE_TASK", hypothesis: "Leaves to escape hard reading tasks.", team: "Sam Casemanager, Cora North", otherSources: "Teacher interview", completedOn: day(addDays(today(), -5)) }
              : {}),
          },
          select: { id: true },
        })
        .then((r) => r.id);
    const fbaCompleted = await fba(true);
    const fbaOpen = await fba(false);
    const caseManager = people.caseSpecialist.membershipId;
    const specialEdPlan = (await makeSpecialEdPlan(tx, { districtId, studentId, caseManagerMembershipId: caseManager, createdByUserId: people.caseSpecialist.userId })).id;
    const service = (await makeSpecialEdService(tx, { districtId, planId: specialEdPlan, providerMembershipId: caseManager, createdByUserId: people.caseSpecialist.userId, startDate: day(addDays(today(), -60)) })).id;
    const cico = (await tx.measure.findFirstOrThrow({ where: { districtId, key: "cico_percent_points" } })).id;
    const cicoGoal = (await makeGoal(tx, { districtId, planId: active, studentId, measureId: cico, createdByUserId: people.caseSpecialist.userId, baselineValue: 60, targetValue: 80, baselineDate: start, targetDate: day(addDays(today(), 90)) })).id;
    const cicoCard = (
      await tx.cicoCard.create({
        data: { districtId, studentId, planId: active, goalId: cicoGoal, expectations: ["Be safe", "Be kind", "Be ready"], periods: ["Morning", "Afternoon"], startedOn: start, createdByUserId: people.caseSpecialist.userId },
        select: { id: true },
      })
    ).id;
    const referral = (await tx.referral.create({ data: { districtId, studentId, reason: "No adequate response to two Tier 3 reading plans.", referredOn: day(addDays(today(), -10)), createdByUserId: people.caseSpecialist.userId }, select: { id: true } })).id;
    const guardian = (await makeGuardian(tx, { districtId, studentId, name: "Rita Reachguardian", relationship: "Mother" })).id;
    const nonSchoolDay = { date: addDays(today(), 21), label: "Reach Unified staff development day" };
    await tx.districtNonSchoolDay.create({ data: { districtId, date: day(nonSchoolDay.date), label: nonSchoolDay.label } });
    const invitee = await makeUser(tx, { name: "Ivy Invited" });
    const invitation = (await tx.invitation.create({ data: { districtId, userId: invitee.id, invitedName: "Ivy Invited", role: "ASSISTANT" } })).id;
    await tx.measure.update({ where: { id: orf }, data: { screeningArea: "READING" } });
    await tx.benchmark.create({ data: { districtId, measureId: orf, grade: "G3", season: "FALL", benchmark: 83, riskCut: 59 } });
    const year = Number(today().slice(0, 4)) - (Number(today().slice(5, 7)) >= 7 ? 0 : 1);
    const screeningWindow = (await tx.screeningWindow.create({ data: { districtId, schoolYear: year, season: "FALL", startDate: day(`${year}-09-01`), endDate: day(`${year}-09-12`) } })).id;
    const { localId, grade } = await tx.student.findUniqueOrThrow({ where: { id: studentId }, select: { localId: true, grade: true } });
    await tx.screeningScore.create({ data: { districtId, studentId, measureId: orf, windowId: screeningWindow, grade, score: 30, source: "GRID", enteredByUserId: people.coordinator.userId } });
    const screeningImport = (
      await tx.screeningImport.create({
        data: { districtId, uploadedByUserId: people.coordinator.userId, filename: "fall.csv", content: `id,ORF\n${localId},40\n`, mapping: ["localId", `measure:${orf}`], windowId: screeningWindow, dataRows: 1 },
      })
    ).id;
    const importCounts = { schools: { create: 0, update: 0 }, sessions: { create: 0, update: 0, remove: 0 }, students: { create: 0, update: 0, archive: 0 }, staff: { create: 0, update: 0, archive: 0 }, invitations: { create: 0 }, classes: { create: 0, update: 0, remove: 0 }, enrollments: { create: 0, update: 0, remove: 0 } };
    const importRun = (
      await tx.importRun.create({
        data: {
          districtId,
          kind: "ONEROSTER",
          status: "READY",
          mode: "bulk",
          version: "1.2",
          createdByUserId: people.admin.userId,
          fileNames: ["manifest.csv"],
          counts: importCounts,
          report: { version: "1.2", mode: "bulk", files: ["manifest.csv"], counts: importCounts, errors: 0, warnings: 0, omitted: 0, findings: [], staffRoles: [], mapping: {}, archive: [] },
        },
        select: { id: true },
      })
    ).id;
    await tx.importFile.create({ data: { districtId, importRunId: importRun, name: "manifest.csv", data: Buffer.from("propertyName,value\noneroster.version,1.2\n") } });
    const sheetCounts = { students: { create: 0, update: 0 }, staff: { create: 0, update: 0 }, guardians: { create: 0, update: 0 } };
    const sheetCsv = "Student ID,First Name,Last Name,Grade,School\nRW-900,Rowan,Reach,3,North\n";
    const sheetImportRun = (
      await tx.importRun.create({
        data: {
          districtId,
          kind: "SPREADSHEET",
          status: "MAPPING",
          createdByUserId: people.admin.userId,
          fileNames: ["students.csv"],
          counts: sheetCounts,
          report: {
            kind: "SPREADSHEET",
            files: ["students.csv"],
            tables: [{ file: "students.csv", sheet: null, headers: ["Student ID", "First Name", "Last Name", "Grade", "School"], rows: 1, mapping: { kind: "students", columns: ["localId", "firstName", "lastName", "grade", "school"] } }],
            confirmed: false,
            counts: sheetCounts,
            fingerprint: null,
            errors: 0,
            warnings: 0,
            omitted: 0,
            findings: [],
          },
        },
        select: { id: true },
      })
    ).id;
    await tx.importFile.create({ data: { districtId, importRunId: sheetImportRun, name: "students.csv", data: Buffer.from(sheetCsv) } });
    // Class rosters as the OneRoster import leaves them, each teacher's roster record linked to their account.
    const rosterTeacher = (p: Person, sourcedId: string) =>
      tx.rosterStaff.create({ data: { districtId, sourcedId, givenName: "T", familyName: sourcedId, oneRosterRole: "teacher", schoolId: north, userId: p.userId }, select: { id: true } }).then((r) => r.id);
    const classTitle = "Room 12 Wombat Readers";
    const ownClass = (await tx.schoolClass.create({ data: { districtId, sourcedId: "class-own", schoolId: north, title: classTitle, periods: "1" }, select: { id: true } })).id;
    const otherClass = (await tx.schoolClass.create({ data: { districtId, sourcedId: "class-other", schoolId: north, title: "Room 14 Heron Writers", periods: "2" }, select: { id: true } })).id;
    const otherStudent = (await makeStudent(tx, { districtId, schoolId: north, legalFirstName: "Bartholomew", legalLastName: "Quillfeather" })).id;
    await tx.classEnrollment.createMany({
      data: [
        { districtId, sourcedId: "enr-1", classId: ownClass, studentId, role: "STUDENT" },
        { districtId, sourcedId: "enr-2", classId: ownClass, rosterStaffId: await rosterTeacher(people.teacher, "staff-tess"), role: "TEACHER", primary: true },
        { districtId, sourcedId: "enr-3", classId: otherClass, studentId: otherStudent, role: "STUDENT" },
        { districtId, sourcedId: "enr-4", classId: otherClass, rosterStaffId: await rosterTeacher(people.otherClassTeacher, "staff-theo"), role: "TEACHER", primary: true },
      ],
    });
    const meeting = (await tx.meeting.create({ data: { districtId, schoolId: north, kind: "PROBLEM_SOLVING", date: day(today()), createdByUserId: people.coordinator.userId }, select: { id: true } })).id;
    await tx.meetingStudent.create({ data: { districtId, meetingId: meeting, studentId, position: 1, source: "CHOSEN" } });
    const actionItem = (
      await tx.meetingActionItem.create({
        data: { districtId, meetingId: meeting, studentId, ownerMembershipId: people.caseSpecialist.membershipId, description: "Send the reading log home.", dueDate: day(today()), createdByUserId: people.coordinator.userId },
        select: { id: true },
      })
    ).id;
    return {
      districtId,
      otherDistrictId,
      school: { north, south },
      student: ids.student,
      plan: { active, ended, draft, other },
      goal: { active: goalActive, ended: goalEnded },
      session: { active: sessionActive, ended: sessionEnded },
      probe: { ended: probe },
      accommodation,
      assignment,
      intervention,
      measure: { orf },
      incident,
      behaviorCode,
      fba: { open: fbaOpen, completed: fbaCompleted },
      specialEdPlan,
      service,
      cicoCard,
      referral,
      guardian,
      nonSchoolDay,
      invitation,
      screening: { window: screeningWindow, import: screeningImport },
      importRun,
      sheetImportRun,
      schoolClass: { own: ownClass, other: otherClass, title: classTitle, otherStudent },
      meeting: { id: meeting, actionItem },
      people,
    };
  });
}
