// HTTP helpers of `npm run bench`: drive the app like a browser without
// JavaScript (forms answered by server actions, progressive enhancement).

const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };
export const decodeEntities = (s) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e) => {
    if (e[0] === "#") return String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ENTITIES[e.toLowerCase()] ?? m;
  });

/** Attributes of one start tag, entity-decoded. */
export function attributesOf(tag) {
  const attrs = {};
  for (const m of tag.matchAll(/([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g)) {
    if (m.index === 0) continue; // the tag name
    attrs[m[1].toLowerCase()] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? "");
  }
  return attrs;
}

/** The HTML of the first <form> whose start tag satisfies test(attributes). */
export function findForm(html, test) {
  for (const m of html.matchAll(/<form\b[^>]*>/gi)) {
    const attrs = attributesOf(m[0]);
    if (!test(attrs)) continue;
    const end = html.indexOf("</form>", m.index);
    if (end < 0) throw new Error("unterminated <form>");
    return { attrs, html: html.slice(m.index, end) };
  }
  return null;
}

/** The hidden fields React renders for a server-action form ($ACTION_REF_*, $ACTION_*:*, $ACTION_KEY), in order. */
export function actionFields(formHtml) {
  const fields = [];
  for (const m of formHtml.matchAll(/<input\b[^>]*>/gi)) {
    const a = attributesOf(m[0]);
    if (a.name?.startsWith("$ACTION")) fields.push([a.name, a.value ?? ""]);
  }
  if (!fields.length) throw new Error("the form has no $ACTION fields: is it a server-action form?");
  return fields;
}

/** The options of a <select name=...> in a form: [{ value, label }]. */
export function selectOptions(formHtml, name) {
  const m = formHtml.match(new RegExp(`<select\\b[^>]*\\bname="${name.replace(/[$]/g, "\\$&")}"[^>]*>([\\s\\S]*?)</select>`, "i"));
  if (!m) return null;
  return [...m[1].matchAll(/<option\b([^>]*)>([\s\S]*?)<\/option>/gi)].map((o) => ({
    value: attributesOf(`<option ${o[1]}>`).value ?? "",
    label: decodeEntities(o[2].replace(/<[^>]*>/g, "")).trim(),
  }));
}

/** Whether a form has a control with this name. */
export const hasControl = (formHtml, name) => new RegExp(`\\bname="${name}"`).test(formHtml);

/** A multipart/form-data body as a browser sends it, with a fixed boundary. */
export function multipart(fields) {
  const boundary = "----MtssBenchBoundary7MA4YWxkTrZu0gW";
  const parts = fields.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name.replace(/"/g, "%22")}"\r\n\r\n${value}\r\n`);
  return { body: Buffer.from(`${parts.join("")}--${boundary}--\r\n`, "utf8"), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Cookies from Set-Cookie headers into a jar (name -> value); deleted ones removed. */
export function storeCookies(jar, response) {
  for (const line of response.headers.getSetCookie()) {
    const [pair, ...attrs] = line.split(";");
    const eq = pair.indexOf("=");
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split("=")[1]) < Date.now()));
    if (expired || value === "") jar.delete(name);
    else jar.set(name, value);
  }
  return jar;
}

export const cookieHeader = (jar) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

/** GET/POST without following redirects. */
export async function request(base, path, { method = "GET", jar, body, contentType, headers = {} } = {}) {
  const h = { ...headers };
  if (jar?.size) h.cookie = cookieHeader(jar);
  if (contentType) h["content-type"] = contentType;
  if (method === "POST") h.origin = base; // what a browser sends with a form POST
  const response = await fetch(new URL(path, base), { method, headers: h, body, redirect: "manual" });
  const text = await response.text();
  if (jar) storeCookies(jar, response);
  return { status: response.status, location: response.headers.get("location"), text, headers: response.headers };
}

const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;
export const hasSession = (jar) => [...jar.keys()].some((k) => SESSION_COOKIE.test(k));

/**
 * Signs in through the sign-in page's own form, as a browser without
 * JavaScript does: GET /sign-in, take the form's hidden $ACTION fields, POST
 * them with email and password as multipart/form-data. Success is a redirect
 * with the Auth.js session cookie.
 */
export async function signInWithForm(base, email, password) {
  const jar = new Map();
  const page = await request(base, "/sign-in", { jar });
  if (page.status !== 200) throw new Error(`GET /sign-in: ${page.status}`);
  const form = findForm(page.text, () => true);
  if (!form || !hasControl(form.html, "email") || !hasControl(form.html, "password")) throw new Error("no sign-in form with email and password on /sign-in");
  const { body, contentType } = multipart([...actionFields(form.html), ["email", email], ["password", password]]);
  const res = await request(base, "/sign-in", { method: "POST", jar, body, contentType });
  if (!hasSession(jar)) {
    const message = res.text.match(/role="alert"[^>]*>([\s\S]{0,300}?)</)?.[1];
    throw new Error(`sign-in form: ${res.status} without a session cookie${message ? ` (${decodeEntities(message).trim()})` : ""}`);
  }
  return { jar, via: `the /sign-in form (server action, no-JS multipart POST; answered ${res.status}${res.location ? ` -> ${res.location}` : ""})` };
}

/** Auth.js's own endpoints: GET /api/auth/csrf, POST /api/auth/callback/credentials (form-encoded). */
export async function signInWithAuthJs(base, email, password) {
  const jar = new Map();
  const csrf = await request(base, "/api/auth/csrf", { jar });
  if (csrf.status !== 200) throw new Error(`GET /api/auth/csrf: ${csrf.status}`);
  const { csrfToken } = JSON.parse(csrf.text);
  const body = new URLSearchParams({ csrfToken, email, password, callbackUrl: `${base}/` }).toString();
  const res = await request(base, "/api/auth/callback/credentials", { method: "POST", jar, body, contentType: "application/x-www-form-urlencoded" });
  if (!hasSession(jar)) throw new Error(`Auth.js callback: ${res.status} ${res.location ?? ""} without a session cookie`);
  return { jar, via: "Auth.js's endpoints (/api/auth/csrf, POST /api/auth/callback/credentials)" };
}
