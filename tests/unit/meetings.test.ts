import { describe, expect, it } from "vitest";
import { actionItemSentence, dayMonth, decisionSentence, isOverdue, listOf, nextMeetingSentence, targetAmount, type PlanFacts } from "@/domain/meetings";

const rr: PlanFacts = { title: "Repeated Reading", sessionsPerWeek: 5, minutesPerSession: 30, interventionists: ["Jordan Lee"], reviewDate: "2027-01-12" };

describe("recap sentences", () => {
  it("says what continues, with whom, and the next review", () => {
    expect(decisionSentence({ kind: "CONTINUE", student: "Maya", plan: rr })).toBe(
      "Maya continues Repeated Reading, 5 sessions a week of 30 minutes with Jordan Lee; next review 12 January.",
    );
  });
  it("says what a plan change changed, from when, and the phase", () => {
    const before = { ...rr, sessionsPerWeek: 4 };
    expect(decisionSentence({ kind: "CHANGE_PLAN", student: "Maya", before, plan: rr, phase: 2, from: "2026-12-05" })).toBe(
      "Maya moves to Repeated Reading, 5 sessions a week of 30 minutes with Jordan Lee (was 4 sessions a week) from 5 December (phase 2); next review 12 January.",
    );
    const other = { ...rr, title: "Read Naturally", minutesPerSession: 20, interventionists: ["Jordan Lee", "Ana Ruiz"], sessionsPerWeek: 1 };
    expect(decisionSentence({ kind: "CHANGE_PLAN", student: "Leo", before: rr, plan: other, phase: 3, from: "2026-11-30" })).toBe(
      "Leo moves to Read Naturally, 1 session a week of 20 minutes with Jordan Lee and Ana Ruiz (was Repeated Reading, 5 sessions a week and 30 minutes) from 30 November (phase 3); next review 12 January.",
    );
  });
  it("names the tier before, when there was one", () => {
    expect(decisionSentence({ kind: "CHANGE_TIER", student: "Maya", area: "Reading", tier: "Tier 3", before: "Tier 2" })).toBe("Maya moves to Tier 3 in reading (was Tier 2).");
    expect(decisionSentence({ kind: "CHANGE_TIER", student: "Maya", area: "Math", tier: "Tier 2", before: null })).toBe("Maya moves to Tier 2 in math.");
  });
  it("ends and refers", () => {
    expect(decisionSentence({ kind: "END_PLAN", student: "Maya", plan: rr, outcome: "COMPLETED", reason: null })).toBe("Maya's Repeated Reading plan is completed.");
    expect(decisionSentence({ kind: "END_PLAN", student: "Maya", plan: rr, outcome: "DISCONTINUED", reason: "moved to Tier 3" })).toBe(
      "Maya's Repeated Reading plan is discontinued: moved to Tier 3.",
    );
    expect(decisionSentence({ kind: "START_REFERRAL", student: "Maya", reason: "No adequate response to two Tier 3 plans." })).toBe(
      "Maya is referred for a special-education evaluation: No adequate response to two Tier 3 plans.",
    );
  });
  it("says how a goal rises or changes, with the target before", () => {
    const at = (amount: string, date: string) => ({ amount, date });
    expect(
      decisionSentence({ kind: "CHANGE_GOAL", student: "Maya", area: "Reading", target: at("90 words correct per minute", "2027-03-12"), before: at("72 words correct per minute", "2027-03-12"), raised: true }),
    ).toBe("Maya's reading goal rises to 90 words correct per minute by 12 March (was 72 words correct per minute by 12 March).");
    // Only the date moves: the sentence names the old date alone.
    expect(decisionSentence({ kind: "CHANGE_GOAL", student: "Leo", area: "Math", target: at("40 digits correct", "2027-05-28"), before: at("40 digits correct", "2027-03-12"), raised: false })).toBe(
      "Leo's math goal changes to 40 digits correct by 28 May (was 12 March).",
    );
  });
  it("says which plan starts, with whom, from when, and that it is a draft", () => {
    const rn: PlanFacts = { title: "Read Naturally", sessionsPerWeek: 3, minutesPerSession: 30, interventionists: ["Jordan Lee"], reviewDate: "2027-03-12" };
    expect(decisionSentence({ kind: "START_PLAN", student: "Maya", plan: rn, from: "2026-12-05" })).toBe(
      "Maya starts Read Naturally, 3 sessions a week of 30 minutes with Jordan Lee from 5 December; next review 12 March. The plan is a draft until its goal is written and it is approved.",
    );
  });
  it("writes a target with its measure's words", () => {
    expect(targetAmount("read {n} words correct per minute", "90")).toBe("90 words correct per minute");
    expect(targetAmount("earn {n}% of daily points", "80")).toBe("80% of daily points");
    expect(targetAmount("no placeholder", "7")).toBe("7");
  });
  it("writes action items and the next meeting", () => {
    expect(actionItemSentence({ owner: "Jordan Lee", description: "Send the reading log home.", dueDate: "2026-12-12", status: "OPEN" })).toBe(
      "Jordan Lee: Send the reading log home, by 12 December.",
    );
    expect(actionItemSentence({ owner: "Jordan Lee", description: "Call the family", dueDate: "2026-12-01", status: "DONE" })).toBe("Jordan Lee: Call the family, by 1 December (done).");
    expect(nextMeetingSentence("2027-01-09")).toBe("The team meets again on 9 January.");
    expect(nextMeetingSentence(null)).toBe("The next meeting is not scheduled yet.");
  });
  it("formats days and lists", () => {
    expect(dayMonth("2027-02-28")).toBe("28 February");
    expect(listOf([])).toBe("");
    expect(listOf(["A", "B", "C"])).toBe("A, B and C");
  });
  it("counts an open item past its due date as overdue, never a done one or one due today", () => {
    expect(isOverdue({ status: "OPEN", dueDate: "2026-12-01" }, "2026-12-02")).toBe(true);
    expect(isOverdue({ status: "OPEN", dueDate: "2026-12-02" }, "2026-12-02")).toBe(false);
    expect(isOverdue({ status: "DONE", dueDate: "2026-12-01" }, "2026-12-02")).toBe(false);
  });
});
