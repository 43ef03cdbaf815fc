// Writes through the app's own forms, as a browser without JavaScript sends
// them (multipart POST of the server-action form with React's hidden $ACTION
// fields): a session logged for a plan (with a probe score per goal, one
// transaction) and a single probe of a goal. Each write carries the client
// key of its own submission, so "saved exactly once" can be checked; shared
// by the crash drill (e2e/durability.spec.mjs) and the soak (scripts/soak.mjs).
import { actionFields, attributesOf, hasControl, multipart, request } from "./http.mjs";

const inputsOf = (html) => [...html.matchAll(/<input\b[^>]*>/gi)].map((m) => attributesOf(m[0]));
const unique = (xs) => [...new Set(xs)];

/** Outcome of one POST: acknowledged (the app said it saved), refused (it answered, not saved), or lost (no answer). */
async function post(base, path, jar, fields) {
  const { body, contentType } = multipart(fields);
  try {
    return await request(base, path, { method: "POST", jar, body, contentType });
  } catch (error) {
    return { status: 0, lost: true, error };
  }
}

/**
 * The session form of a plan the signed-in user delivers: every student
 * present (a group's form asks per student; an individual plan's does not), minutes 30, the first two components ticked, a probe score for
 * every goal, and the tick box that allows another session on the same day.
 * write(key) resolves to { acked, id?, status, ... }.
 */
export async function sessionWriter(base, jar, planId, { score = "42" } = {}) {
  const path = `/sessions/new/${planId}`;
  const page = await request(base, path, { jar });
  if (page.status !== 200) throw new Error(`GET ${path}: ${page.status}`);
  const formHtml = sessionForm(page.text);
  if (!formHtml) throw new Error(`no session form on ${path}`);
  const inputs = inputsOf(formHtml);
  const students = unique(inputs.filter((a) => a.name?.startsWith("attendance:")).map((a) => a.name.slice("attendance:".length)));
  const components = unique(inputs.filter((a) => a.name === "unverifiedComponentIds").map((a) => a.value)).slice(0, 2);
  const goals = inputs.filter((a) => a.name?.startsWith("measure:")).map((a) => ({ goalId: a.name.slice("measure:".length), measureId: a.value }));
  const fixed = [
    ...actionFields(formHtml),
    ["unverifiedPlanId", planId],
    ["date", ""],
    ["startTime", ""],
    ["minutes", "30"],
    ["status", "HELD"],
    ...students.map((s) => [`attendance:${s}`, "PRESENT"]),
    ...components.map((c) => ["unverifiedComponentIds", c]),
    ...goals.flatMap((g) => [
      [`score:${g.goalId}`, score],
      [`measure:${g.goalId}`, g.measureId],
    ]),
    ["confirmDuplicate", "yes"],
    ["note", "Logged by the durability drill."],
  ];
  return {
    kind: "session",
    planId,
    students,
    components,
    goals,
    async write(key) {
      const res = await post(base, path, jar, [...fixed, ["clientKey", key]]);
      const id = res.location?.match(/\/sessions\?logged=([0-9a-f-]{36})/)?.[1];
      return { ...res, acked: res.status === 303 && !!id, id };
    },
  };
}

/** The session form is the one with the plan's hidden id and a client key. */
function sessionForm(html) {
  // Not the first form on the page (the header has its own): search them all.
  for (const m of html.matchAll(/<form\b[^>]*>/gi)) {
    const end = html.indexOf("</form>", m.index);
    const f = html.slice(m.index, end);
    if (hasControl(f, "unverifiedPlanId") && hasControl(f, "clientKey")) return f;
  }
  return null;
}

/** The probe form of a goal: write(key) enters one score on the form's default date. */
export async function probeWriter(base, jar, goalId, { score = "45" } = {}) {
  const path = `/goals/${goalId}/probes/new`;
  const page = await request(base, path, { jar });
  if (page.status !== 200) throw new Error(`GET ${path}: ${page.status}`);
  let formHtml = null;
  for (const m of page.text.matchAll(/<form\b[^>]*>/gi)) {
    const f = page.text.slice(m.index, page.text.indexOf("</form>", m.index));
    if (hasControl(f, "unverifiedGoalId") && hasControl(f, "clientKey")) formHtml = f;
  }
  if (!formHtml) throw new Error(`no probe form on ${path}`);
  const inputs = inputsOf(formHtml);
  const value = (name) => inputs.find((a) => a.name === name)?.value ?? "";
  const fixed = [
    ...actionFields(formHtml),
    ["unverifiedGoalId", value("unverifiedGoalId")],
    ["unverifiedMeasureId", value("unverifiedMeasureId")],
    ["date", value("date")],
    ["score", score],
    ["unverifiedGivenByUserId", ""],
    ["note", ""],
  ];
  return {
    kind: "probe",
    goalId,
    async write(key) {
      const res = await post(base, path, jar, [...fixed, ["clientKey", key]]);
      return { ...res, acked: res.status === 200 && /Probe saved: /.test(res.text ?? "") };
    },
  };
}
