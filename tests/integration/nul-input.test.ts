// U+0000 from the browser (issue 21): PostgreSQL refuses it in text, so it
// must be refused before a query. Server actions: runAction answers a field
// error and writes nothing; list searches: the schemas refuse it; refused
// requests that copy an unverified id into the audit still record the refusal.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { NUL_MESSAGE, SURROGATE_MESSAGE } from "@/domain/input-text";
import { NOT_A_FORM_REFUSAL, runAction } from "@/server/action";
import { logSession } from "@/server/sessions/actions";
import { getInterventionList } from "@/server/interventions/queries";
import { createStudent, searchStudents } from "@/server/students/actions";
import { getStudentProfile } from "@/server/students/queries";
import { makeDistrict, makeSchool } from "../factories";
import { asOwner } from "../support/db";
import { formOf, makePerson, NOT_FOUND, signInAs, type Person } from "../support/session";

vi.mock("@/server/auth/session", () => import("../support/session").then((m) => m.sessionModuleMock()));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

let districtId: string;
let schoolId: string;
let admin: Person;

beforeAll(async () => {
  await asOwner(async (tx) => {
    districtId = (await makeDistrict(tx, { name: "Lakeside" })).id;
    schoolId = (await makeSchool(tx, { districtId, name: "North Elementary" })).id;
  });
  admin = await asOwner((tx) => makePerson(tx, { districtId, role: "ADMIN", name: "Ada Admin" }));
});
beforeEach(() => signInAs(admin.ctx));

const counts = () => asOwner(async (tx) => ({ students: await tx.student.count({ where: { districtId } }), events: await tx.auditEvent.count({ where: { districtId, action: { not: "denied" } } }) }));

describe("NUL in input", () => {
  it("createStudent: a field error on the field, nothing written", async () => {
    const before = await counts();
    const state = await createStudent(null, formOf({ localId: "N-1", legalFirstName: "Ma\u0000ya", legalLastName: "Johnson", dateOfBirth: "2018-01-01", grade: "G3", unverifiedSchoolId: schoolId }));
    expect(state).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", fieldErrors: { legalFirstName: [NUL_MESSAGE] } } });
    expect(await counts()).toEqual(before);
  });

  it("searchStudents: refused with a field error, no list shown", async () => {
    const state = await searchStudents({ values: {}, result: null } as never, formOf({ q: "a\u0000b" }));
    expect(state.result).toBeNull();
    expect(state.error?.fieldErrors?.q).toEqual([NUL_MESSAGE]);
  });

  it("the intervention library ignores a search holding a NUL instead of failing", async () => {
    const list = await getInterventionList(admin.ctx, { q: "a\u0000b" });
    expect(list).toBeTruthy();
  });

  it("a refused id holding a NUL is still a 404 with its denied event", async () => {
    await expect(getStudentProfile(admin.ctx, "x\u0000y")).rejects.toMatchObject(NOT_FOUND);
    const denied = await asOwner((tx) => tx.auditEvent.findFirstOrThrow({ where: { districtId, action: "denied" }, orderBy: { createdAt: "desc" } }));
    expect(denied.entityId).toBe("x\uFFFDy");
  });

  // Found by the hostile-input suite (tests/integration/hostile-input.test.ts, decision 040).
  it("a lone surrogate in an object input is refused before the handler (it would be saved as U+FFFD)", async () => {
    let ran = false;
    const result = await runAction("test", z.object({ note: z.string() }).strict(), { note: "ok \uD83D" }, async () => {
      ran = true;
    });
    expect(result).toMatchObject({ ok: false, error: { code: "INVALID_INPUT", fieldErrors: { note: [SURROGATE_MESSAGE] } } });
    expect(ran).toBe(false);
  });

  it("an action called with something other than a form refuses instead of throwing", async () => {
    const before = await counts();
    await expect(createStudent(null, "not a form" as never)).resolves.toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
    await expect(logSession(null, null as never)).resolves.toEqual(NOT_A_FORM_REFUSAL);
    expect(await counts()).toEqual(before);
  });
});
