// Whether a plan fits its intervention (issue 13): group size, students' grades
// and dosage "well below" the recommendation (under 75% of its minutes a week),
// hand-checked.
import { describe, expect, it } from "vitest";
import { planFitProblems } from "@/domain/plan-fit";

const RN = { name: "Read Naturally", groupSizeMin: 1, groupSizeMax: 5, minutesPerSession: 30, sessionsPerWeek: 3 };

describe("planFitProblems", () => {
  it("is silent for a plan within the recommendation, a custom intervention, or an intervention with no recommendation", () => {
    expect(planFitProblems({ groupSize: 4, minutesPerSession: 30, sessionsPerWeek: 3 }, RN, [])).toEqual([]);
    expect(planFitProblems({ groupSize: 12, minutesPerSession: 5, sessionsPerWeek: 1 }, null, [])).toEqual([]);
    expect(planFitProblems({ groupSize: 12, minutesPerSession: 5, sessionsPerWeek: 1 }, { name: "X", groupSizeMin: null, groupSizeMax: null, minutesPerSession: null, sessionsPerWeek: null }, [])).toEqual([]);
  });

  it("flags a group outside the range", () => {
    expect(planFitProblems({ groupSize: 6, minutesPerSession: 30, sessionsPerWeek: 3 }, RN, [])).toEqual(["A group of 6 is outside Read Naturally's recommended group size (1 to 5)."]);
    expect(planFitProblems({ groupSize: 1, minutesPerSession: 30, sessionsPerWeek: 3 }, { ...RN, groupSizeMin: 2, groupSizeMax: null }, [])).toEqual([
      "A group of 1 is outside Read Naturally's recommended group size (at least 2).",
    ]);
  });

  it("flags dosage under 75% of the recommended minutes a week, not at 75%", () => {
    // Recommended 3 x 30 = 90. 2 x 30 = 60 = 66.7% -> flagged ("67%"); 3 x 23 = 69 = 76.7%: not flagged.
    expect(planFitProblems({ groupSize: 3, minutesPerSession: 30, sessionsPerWeek: 2 }, RN, [])).toEqual([
      "60 minutes a week (2 x 30) is well below Read Naturally's recommended 90 (3 x 30): 67%, under 75%.",
    ]);
    expect(planFitProblems({ groupSize: 3, minutesPerSession: 23, sessionsPerWeek: 3 }, RN, [])).toEqual([]);
    // Exactly 75%: 2 x 45 = 90 of 120 (4 x 30) is not under it.
    expect(planFitProblems({ groupSize: 3, minutesPerSession: 45, sessionsPerWeek: 2 }, { ...RN, sessionsPerWeek: 4 }, [])).toEqual([]);
  });

  describe("grades", () => {
    const RN_GRADES = { ...RN, gradeMin: "G3" as const, gradeMax: "G8" as const };
    const fits = { groupSize: 3, minutesPerSession: 30, sessionsPerWeek: 3 };

    it("is silent when every student is within the range (bounds included), has no grade, or the intervention states none", () => {
      expect(planFitProblems(fits, RN_GRADES, [{ name: "Ana", grade: "G3" }, { name: "Ben", grade: "G8" }, { name: "Cy", grade: null }])).toEqual([]);
      expect(planFitProblems(fits, RN, [{ name: "Ana", grade: "PK" }])).toEqual([]);
      expect(planFitProblems(fits, { ...RN, gradeMin: null, gradeMax: null }, [{ name: "Ana", grade: "G12" }])).toEqual([]);
    });

    it("names the student in a grade outside the range", () => {
      expect(planFitProblems({ ...fits, groupSize: 1 }, RN_GRADES, [{ name: "Ana", grade: "G2" }])).toEqual(["Grade 2 (Ana) is outside Read Naturally's grades (3 to 8)."]);
      // G10 sorts after G8 in school order, not as text ("G10" < "G8").
      expect(planFitProblems({ ...fits, groupSize: 1 }, RN_GRADES, [{ name: "Dee", grade: "G10" }])).toEqual(["Grade 10 (Dee) is outside Read Naturally's grades (3 to 8)."]);
    });

    it("gives a group plan one sentence per grade outside, in school order, naming each student", () => {
      const students = [
        { name: "Eli", grade: "G9" as const },
        { name: "Ana", grade: "KG" as const },
        { name: "Ben", grade: "G4" as const },
        { name: "Cy", grade: "KG" as const },
        { name: "Dee", grade: "KG" as const },
      ];
      expect(planFitProblems({ ...fits, groupSize: 5 }, RN_GRADES, students)).toEqual([
        "Kindergarten (Ana, Cy and Dee) is outside Read Naturally's grades (3 to 8).",
        "Grade 9 (Eli) is outside Read Naturally's grades (3 to 8).",
      ]);
    });

    it("reads an open-ended or single-grade range, and sits beside the other problems", () => {
      expect(planFitProblems(fits, { ...RN, gradeMin: "KG", gradeMax: null }, [{ name: "Ana", grade: "PK" }])).toEqual(["Pre-K (Ana) is outside Read Naturally's grades (K and up)."]);
      expect(planFitProblems(fits, { ...RN, gradeMin: null, gradeMax: "G1" }, [{ name: "Ana", grade: "G2" }])).toEqual(["Grade 2 (Ana) is outside Read Naturally's grades (up to 1)."]);
      expect(planFitProblems({ groupSize: 6, minutesPerSession: 30, sessionsPerWeek: 2 }, { ...RN, gradeMin: "G1", gradeMax: "G1" }, [{ name: "Ana", grade: "G3" }])).toEqual([
        "Grade 3 (Ana) is outside Read Naturally's grades (1 only).",
        "A group of 6 is outside Read Naturally's recommended group size (1 to 5).",
        "60 minutes a week (2 x 30) is well below Read Naturally's recommended 90 (3 x 30): 67%, under 75%.",
      ]);
    });
  });
});
