// Deterministic made-up people for the demo and scale seeds. A seeded PRNG
// (mulberry32) gives the same names, grades and flags on every run.
import type { Prisma } from "@/generated/prisma/client";

export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    chance: (p: number) => next() < p,
  };
}
export type Rng = ReturnType<typeof rng>;

const FIRST = [
  "Aaliyah", "Aiden", "Amara", "Andre", "Ava", "Benjamin", "Camila", "Carlos", "Chloe", "Daniel", "Deja", "Diego", "Elena", "Elijah", "Emma",
  "Ethan", "Fatima", "Gabriel", "Grace", "Hana", "Isaac", "Isabella", "Jackson", "Jada", "Jamal", "Jasmine", "Kai", "Kayla", "Leah", "Liam",
  "Lucas", "Luna", "Malik", "Maria", "Mateo", "Mia", "Mohamed", "Nadia", "Naomi", "Nia", "Noah", "Olivia", "Omar", "Priya", "Quinn", "Rosa",
  "Ryan", "Samir", "Sofia", "Thanh", "Tyler", "Valeria", "Wei", "Xavier", "Yusuf", "Zoe", "Anh", "Ibrahim", "Layla", "Santiago",
];
const LAST = [
  "Adams", "Ahmed", "Alvarez", "Baker", "Brown", "Campbell", "Chen", "Clark", "Davis", "Diaz", "Evans", "Flores", "Garcia", "Gonzalez", "Green",
  "Hall", "Hernandez", "Hill", "Jackson", "Johnson", "Kim", "King", "Lee", "Lopez", "Martin", "Martinez", "Mitchell", "Moore", "Nguyen", "Nelson",
  "Ortiz", "Patel", "Perez", "Phillips", "Ramirez", "Reyes", "Rivera", "Roberts", "Robinson", "Rodriguez", "Sanchez", "Scott", "Singh", "Smith",
  "Taylor", "Thomas", "Thompson", "Torres", "Tran", "Turner", "Walker", "White", "Williams", "Wilson", "Wright", "Young", "Yilmaz", "Hassan",
];
const LANGUAGES = ["Spanish", "Vietnamese", "Arabic", "Somali", "Mandarin", "Haitian Creole", "Tagalog", "Russian"];
const RACES = ["AMERICAN_INDIAN_ALASKA_NATIVE", "ASIAN", "BLACK_AFRICAN_AMERICAN", "NATIVE_HAWAIIAN_PACIFIC_ISLANDER", "WHITE"] as const;
const RELATIONSHIPS = ["Mother", "Father", "Grandmother", "Aunt", "Guardian", "Stepfather"];

export const GRADES_BY_LEVEL = {
  ELEMENTARY: ["KG", "G1", "G2", "G3", "G4", "G5"],
  MIDDLE: ["G6", "G7", "G8"],
  HIGH: ["G9", "G10", "G11", "G12"],
  OTHER: ["PK", "KG"],
} as const;

const GRADE_AGE: Record<string, number> = { PK: 4, KG: 5, G1: 6, G2: 7, G3: 8, G4: 9, G5: 10, G6: 11, G7: 12, G8: 13, G9: 14, G10: 15, G11: 16, G12: 17 };

/** One student's data and guardians, drawn from r; the school year starts in 2026. */
export function randomStudent(
  r: Rng,
  base: { districtId: string; schoolId: string; localId: string; grade: Prisma.StudentCreateManyInput["grade"] },
) {
  const first = r.pick(FIRST);
  const last = r.pick(LAST);
  const age = GRADE_AGE[base.grade] ?? 8;
  const dob = new Date(Date.UTC(2026 - age - 1, Math.floor(r.next() * 12), 1 + Math.floor(r.next() * 28)));
  const englishLearner = r.chance(0.12);
  const homeLanguage = englishLearner || r.chance(0.08) ? r.pick(LANGUAGES) : "English";
  const races = r.chance(0.1) ? [r.pick(RACES), r.pick(RACES)] : [r.pick(RACES)];
  const student = {
    ...base,
    legalFirstName: first,
    legalLastName: last,
    preferredName: r.chance(0.06) ? r.pick(FIRST) : null,
    dateOfBirth: dob,
    gender: r.chance(0.49) ? ("FEMALE" as const) : r.chance(0.96) ? ("MALE" as const) : ("NONBINARY" as const),
    hispanicLatino: r.chance(0.28),
    races: [...new Set(races)],
    englishLearner,
    economicallyDisadvantaged: r.chance(0.45),
    homeLanguage,
    hasIep: r.chance(0.14),
    has504: r.chance(0.05),
  };
  const guardians = Array.from({ length: r.chance(0.6) ? 2 : 1 }, (_, i) => ({
    districtId: base.districtId,
    name: `${r.pick(FIRST)} ${last}`,
    relationship: r.pick(RELATIONSHIPS),
    phone: `555-01${String(Math.floor(r.next() * 100)).padStart(2, "0")}`,
    email: i === 0 ? `${last.toLowerCase()}.family${Math.floor(r.next() * 1000)}@example.com` : null,
    preferredLanguage: homeLanguage,
    position: i,
  }));
  return { student, guardians };
}
