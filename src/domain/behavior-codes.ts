// The default behaviour code lists a district starts with (issue 15), derived
// by hand from the Ed-Fi descriptors in shared/testdata/edfi_discipline_descriptors
// (Ed-Fi Data Standard 5.2): the repository must work on a fresh clone, so the
// list lives here rather than being read from those files. Each code keeps the
// Ed-Fi descriptor and code value it reports as; an administrator edits the
// labels, classes and mappings, adds codes and retires them.
//
// Ed-Fi's BehaviorDescriptor has only four broad categories (State Offense,
// School Violation, School Code of Conduct, Other), so the problem behaviours
// themselves are the SWIS-style list schools use, each mapped to the category
// a state report expects. Locations map one-to-one onto IncidentLocationDescriptor
// and actions onto DisciplineDescriptor. Ed-Fi has no descriptor for perceived
// motivation: those codes carry no mapping.

export const BEHAVIOR_CODE_KINDS = ["BEHAVIOR", "LOCATION", "MOTIVATION", "ACTION"] as const;
export type BehaviorCodeKind = (typeof BEHAVIOR_CODE_KINDS)[number];

export const BEHAVIOR_SEVERITIES = ["MINOR", "MAJOR"] as const;
export type BehaviorSeverity = (typeof BEHAVIOR_SEVERITIES)[number];

/** The Ed-Fi descriptor a code of each kind maps to (null: Ed-Fi has none). */
export const EDFI_DESCRIPTOR_OF_KIND: Readonly<Record<BehaviorCodeKind, string | null>> = {
  BEHAVIOR: "BehaviorDescriptor",
  LOCATION: "IncidentLocationDescriptor",
  MOTIVATION: null,
  ACTION: "DisciplineDescriptor",
};

/** The Ed-Fi code values a district may map its codes to, per descriptor (from the descriptor files). */
export const EDFI_CODE_VALUES: Readonly<Record<string, readonly string[]>> = {
  BehaviorDescriptor: ["State Offense", "School Violation", "School Code of Conduct", "Other"],
  IncidentLocationDescriptor: [
    "Administrative offices area",
    "Athletic field or playground",
    "Auditorium",
    "Bus stop",
    "Cafeteria area",
    "Classroom",
    "Computer lab",
    "Hallway or stairs",
    "Library/media center",
    "Locker room or gym areas",
    "Off campus",
    "Off-campus at a school sponsored activity",
    "Off-campus at another location unrelated to school",
    "Off-campus at other school",
    "Off-campus at other school district facility",
    "On campus",
    "On-campus other inside area",
    "On-campus other outside area",
    "Online",
    "Parking lot",
    "Restroom",
    "School bus",
    "Stadium",
    "Unknown",
    "Walking to or from school",
  ],
  DisciplineDescriptor: [
    "Removal from Classroom",
    "In School Suspension",
    "Out of School Suspension",
    "Expulsion",
    "Expulsion with Services",
    "Community Service",
    "Other",
    "No action for incident",
    "Expulsion under Guns Free School Act",
    "Expulsion under Guns Free School Act with Services",
  ],
};

export interface DefaultBehaviorCode {
  kind: BehaviorCodeKind;
  /** Stable key of the code in the district (unique per kind); never shown as the label. */
  code: string;
  label: string;
  /** Behaviours only: whether an incident of it is minor (handled by the reporter) or major (reviewed). */
  severity: BehaviorSeverity | null;
  /** An Ed-Fi code value of the kind's descriptor, or null. */
  edfiCodeValue: string | null;
}

const behavior = (code: string, label: string, severity: BehaviorSeverity, edfi: string): DefaultBehaviorCode => ({ kind: "BEHAVIOR", code, label, severity, edfiCodeValue: edfi });
const location = (code: string, label: string, edfi: string): DefaultBehaviorCode => ({ kind: "LOCATION", code, label, severity: null, edfiCodeValue: edfi });
const motivation = (code: string, label: string): DefaultBehaviorCode => ({ kind: "MOTIVATION", code, label, severity: null, edfiCodeValue: null });
const action = (code: string, label: string, edfi: string): DefaultBehaviorCode => ({ kind: "ACTION", code, label, severity: null, edfiCodeValue: edfi });

export const DEFAULT_BEHAVIOR_CODES: readonly DefaultBehaviorCode[] = [
  behavior("M_DEFIANCE", "Defiance or non-compliance", "MINOR", "School Code of Conduct"),
  behavior("M_DISRUPTION", "Disruption", "MINOR", "School Code of Conduct"),
  behavior("M_DISRESPECT", "Disrespect", "MINOR", "School Code of Conduct"),
  behavior("M_LANGUAGE", "Inappropriate language", "MINOR", "School Code of Conduct"),
  behavior("M_CONTACT", "Physical contact (not serious)", "MINOR", "School Code of Conduct"),
  behavior("M_PROPERTY", "Property misuse", "MINOR", "School Code of Conduct"),
  behavior("M_TECHNOLOGY", "Technology violation", "MINOR", "School Code of Conduct"),
  behavior("M_TARDY", "Tardy", "MINOR", "School Code of Conduct"),
  behavior("M_OTHER", "Other minor behaviour", "MINOR", "Other"),
  behavior("J_DEFIANCE", "Defiance or insubordination", "MAJOR", "School Violation"),
  behavior("J_DISRUPTION", "Serious disruption", "MAJOR", "School Violation"),
  behavior("J_ABUSIVE_LANGUAGE", "Abusive or inappropriate language", "MAJOR", "School Violation"),
  behavior("J_FIGHTING", "Fighting", "MAJOR", "State Offense"),
  behavior("J_AGGRESSION", "Physical aggression", "MAJOR", "School Violation"),
  behavior("J_BULLYING", "Bullying or harassment", "MAJOR", "State Offense"),
  behavior("J_PROPERTY", "Property damage or vandalism", "MAJOR", "School Violation"),
  behavior("J_THEFT", "Theft", "MAJOR", "State Offense"),
  behavior("J_SKIP", "Skipping class or leaving without permission", "MAJOR", "School Violation"),
  behavior("J_WEAPON", "Use or possession of a weapon", "MAJOR", "State Offense"),
  behavior("J_OTHER", "Other major behaviour", "MAJOR", "Other"),
  location("CLASSROOM", "Classroom", "Classroom"),
  location("HALLWAY", "Hallway or stairs", "Hallway or stairs"),
  location("CAFETERIA", "Cafeteria", "Cafeteria area"),
  location("PLAYGROUND", "Playground or field", "Athletic field or playground"),
  location("GYM", "Gym or locker room", "Locker room or gym areas"),
  location("RESTROOM", "Restroom", "Restroom"),
  location("LIBRARY", "Library", "Library/media center"),
  location("BUS", "School bus", "School bus"),
  location("BUS_STOP", "Bus stop or loading zone", "Bus stop"),
  location("OFFICE", "Office", "Administrative offices area"),
  location("PARKING_LOT", "Parking lot", "Parking lot"),
  location("OTHER", "Somewhere else", "Unknown"),
  motivation("PEER_ATTENTION", "Obtain peer attention"),
  motivation("ADULT_ATTENTION", "Obtain adult attention"),
  motivation("ITEMS", "Obtain items or activities"),
  motivation("AVOID_TASK", "Avoid task or activity"),
  motivation("AVOID_PEERS", "Avoid peers"),
  motivation("AVOID_ADULTS", "Avoid adults"),
  motivation("UNKNOWN", "Don't know"),
  action("CONFERENCE", "Conference with student", "No action for incident"),
  action("LOSS_PRIVILEGE", "Loss of privilege", "Other"),
  action("TIME_OUT", "Time in office or time-out", "Removal from Classroom"),
  action("PARENT_CONTACT", "Parent or guardian contact", "Other"),
  action("DETENTION", "Detention", "Other"),
  action("RESTITUTION", "Restitution or community service", "Community Service"),
  action("ISS", "In-school suspension", "In School Suspension"),
  action("OSS", "Out-of-school suspension", "Out of School Suspension"),
  action("NONE_YET", "Action pending (office to decide)", "Other"),
];

export const BEHAVIOR_CODE_KIND_LABEL: Readonly<Record<BehaviorCodeKind, string>> = {
  BEHAVIOR: "Problem behaviours",
  LOCATION: "Locations",
  MOTIVATION: "Perceived motivations",
  ACTION: "Actions taken",
};

export const SEVERITY_LABEL: Readonly<Record<BehaviorSeverity, string>> = { MINOR: "Minor", MAJOR: "Major" };

/** Whether an Ed-Fi code value is one the kind's descriptor has (null is always allowed: unmapped). */
export function isEdfiValueOf(kind: BehaviorCodeKind, value: string | null): boolean {
  if (value === null) return true;
  const descriptor = EDFI_DESCRIPTOR_OF_KIND[kind];
  return descriptor !== null && (EDFI_CODE_VALUES[descriptor] ?? []).includes(value);
}
