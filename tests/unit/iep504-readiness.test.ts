// The referral packet's readiness checklist: each item met and missing, on
// the district's rules, and when a packet may be marked final.
import { describe, expect, it } from "vitest";
import { DEFAULT_PACKET_RULES, finalRefusal, packetReadiness, type PacketEvidence } from "@/domain/iep504/readiness";

const phonics = { title: "Phonics for Reading", dataPoints: 14, fidelityPercent: 91 };
const fluency = { title: "Read Naturally", dataPoints: 9, fidelityPercent: 84.6 };
const informed: Pick<PacketEvidence, "guardianCount" | "guardiansInformedOn"> = { guardianCount: 2, guardiansInformedOn: "2026-11-05" };

const byKey = (evidence: PacketEvidence, rules = DEFAULT_PACKET_RULES) => Object.fromEntries(packetReadiness(rules, evidence).items.map((i) => [i.key, i]));

describe("packetReadiness on the default rules", () => {
  it("is ready with two interventions of enough points and fidelity and the guardians informed", () => {
    const r = packetReadiness(DEFAULT_PACKET_RULES, { interventions: [phonics, fluency], ...informed });
    expect(r.ready).toBe(true);
    expect(r.missing).toEqual([]);
    expect(r.items.map((i) => i.label)).toEqual([
      "At least 2 interventions",
      "At least 6 data points in each intervention",
      "Fidelity at least 80% in each intervention",
      "Guardians informed",
    ]);
    expect(r.items[2]!.detail).toBe("Every intervention reaches 80% (Phonics for Reading: 91%; Read Naturally: 84.6%).");
    expect(r.items[3]!.detail).toBe("Guardians asked for consent on Nov 5, 2026.");
  });

  it("says how many interventions are missing", () => {
    const items = byKey({ interventions: [phonics], ...informed });
    expect(items.interventions!.met).toBe(false);
    expect(items.interventions!.detail).toBe("1 intervention on record: 1 more needed.");
    expect(items.dataPoints!.met).toBe(true);
  });

  it("names each intervention with too few points and how many more it needs (six is enough, five is not)", () => {
    const items = byKey({ interventions: [{ ...phonics, dataPoints: 6 }, { ...fluency, dataPoints: 5 }], ...informed });
    expect(items.dataPoints!.met).toBe(false);
    expect(items.dataPoints!.detail).toBe("Too few in Read Naturally (5, 1 more needed).");
  });

  it("judges fidelity per intervention: 80% is enough, 79.6% is not, and a plan with nothing logged is not known", () => {
    expect(byKey({ interventions: [{ ...phonics, fidelityPercent: 80 }, fluency], ...informed }).fidelity!.met).toBe(true);
    const items = byKey({ interventions: [{ ...phonics, fidelityPercent: 79.6 }, { ...fluency, fidelityPercent: null }], ...informed });
    expect(items.fidelity!.met).toBe(false);
    expect(items.fidelity!.detail).toBe("Below 80% or not known: Phonics for Reading (79.6%) and Read Naturally (no session logged).");
  });

  it("is not ready with no intervention at all, each item saying why", () => {
    const r = packetReadiness(DEFAULT_PACKET_RULES, { interventions: [], ...informed });
    expect(r.missing.map((i) => i.key)).toEqual(["interventions", "dataPoints", "fidelity"]);
    expect(r.missing.map((i) => i.detail)).toEqual(["No intervention on record: 2 more needed.", "No intervention, so no data points.", "No intervention, so no fidelity."]);
  });

  it("wants a guardian on record and the consent request recorded", () => {
    expect(byKey({ interventions: [phonics, fluency], guardianCount: 0, guardiansInformedOn: "2026-11-05" }).guardians!.detail).toMatch(/^No guardian on the student's record/);
    const notAsked = byKey({ interventions: [phonics, fluency], guardianCount: 1, guardiansInformedOn: null }).guardians!;
    expect(notAsked.met).toBe(false);
    expect(notAsked.detail).toMatch(/no consent request and no contact with the family is logged since it was made/);
  });

  it("takes a contact with the family logged since the referral when no consent request is recorded (decision 038)", () => {
    const told = byKey({ interventions: [phonics, fluency], guardianCount: 1, guardiansInformedOn: null, guardiansContacted: { on: "2026-11-03", method: "Phone call" } }).guardians!;
    expect(told.met).toBe(true);
    expect(told.detail).toBe("Phone call with the family on Nov 3, 2026 (the contact log); no consent request recorded yet.");
    // The consent request, when recorded, is what the item names.
    const both = byKey({ interventions: [phonics, fluency], guardianCount: 1, guardiansInformedOn: "2026-11-05", guardiansContacted: { on: "2026-11-03", method: "Phone call" } }).guardians!;
    expect(both.detail).toMatch(/^Guardians asked for consent on/);
    // A contact cannot stand in for a guardian on record.
    expect(byKey({ interventions: [phonics, fluency], guardianCount: 0, guardiansInformedOn: null, guardiansContacted: { on: "2026-11-03", method: "Letter" } }).guardians!.met).toBe(false);
  });
});

describe("packetReadiness on a district's own rules", () => {
  it("follows the district's numbers and leaves the guardians item out when the district does not ask for it", () => {
    const rules = { minInterventions: 1, minDataPoints: 10, minFidelity: 90, requireGuardiansInformed: false };
    const r = packetReadiness(rules, { interventions: [fluency], guardianCount: 0, guardiansInformedOn: null });
    expect(r.items.map((i) => [i.key, i.met])).toEqual([
      ["interventions", true],
      ["dataPoints", false],
      ["fidelity", false],
    ]);
    expect(r.items[0]!.label).toBe("At least 1 intervention");
    expect(r.items[1]!.detail).toBe("Too few in Read Naturally (9, 1 more needed).");
  });
});

describe("finalRefusal", () => {
  it("lets a ready packet be final with or without a note", () => {
    const ready = packetReadiness(DEFAULT_PACKET_RULES, { interventions: [phonics, fluency], ...informed });
    expect(finalRefusal(ready, "")).toBeNull();
  });

  it("asks for the reason when items are missing, naming them, and accepts one written", () => {
    const r = packetReadiness(DEFAULT_PACKET_RULES, { interventions: [phonics, { ...fluency, dataPoints: 4 }], ...informed });
    expect(finalRefusal(r, "   ")).toBe("Say why the packet is final with 1 item missing (at least 6 data points in each intervention).");
    expect(finalRefusal(r, "The parent requested the evaluation in writing.")).toBeNull();
  });
});
