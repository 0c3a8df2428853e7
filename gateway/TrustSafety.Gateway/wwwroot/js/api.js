// @ts-check
import { currentUser, signIn } from "./auth.js";

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.title || problem?.detail || `The service answered ${status}.`);
    this.status = status;
    this.problem = problem;
  }
  /** Field name → messages, from a validation problem. */
  get fieldErrors() { return this.problem?.errors ?? {}; }
}

/**
 * One request with the bearer token; a problem becomes an ApiError. `body` is sent as JSON; `raw` ({ type, text }) is sent
 * as it is with its own content type (a CSV export), or with none when the browser sets it (FormData).
 * @param {string} path
 * @param {{ method?: string, body?: unknown, raw?: { type?: string, text: BodyInit }, accept?: string, headers?: Record<string, string> }} [options]
 * @returns {Promise<Response>}
 */
async function send(path, { method = "GET", body, raw, accept = "application/json", headers: extra = {} } = {}) {
  const user = await currentUser();
  if (!user) { await signIn(); throw new ApiError(401, { title: "Signing in again" }); }
  const headers = { ...extra, Authorization: `Bearer ${user.access_token}`, Accept: accept };
  if (raw?.type) headers["Content-Type"] = raw.type;
  else if (body !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(path, { method, headers, body: raw !== undefined ? raw.text : body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, { title: "The platform could not be reached", detail: "Check your connection and try again." });
  }
  if (response.status === 401) { await signIn(); throw new ApiError(401, { title: "Your sign-in has expired" }); }
  if (!response.ok) {
    let problem = null;
    try { problem = await response.json(); } catch { /* not JSON */ }
    throw new ApiError(response.status, problem ?? { title: `The service answered ${response.status}.` });
  }
  return response;
}

/**
 * JSON from a platform API reached through the gateway (/api/<service>/…), with the ETag to send back in If-Match.
 * @template [T=any]
 * @param {string} path
 * @returns {Promise<{ data: T, fetchedAt: Date, date: string | null, etag: string | null }>}
 */
export async function getJson(path) {
  const response = await send(path);
  return { data: await response.json(), fetchedAt: new Date(), date: response.headers.get("Date"), etag: response.headers.get("ETag") };
}

/**
 * The If-Match to send when adding or changing the record read at path: its ETag, or "0" when it does not exist yet (or the
 * read is refused as malformed), so the write's own answer (its field errors, or 412 if someone added it meanwhile) is shown.
 */
export async function etagOf(path) {
  try {
    return (await getJson(path)).etag ?? '"0"';
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 400)) return '"0"';
    throw error;
  }
}

/** POST JSON; headers e.g. { "If-Match": etag } or { "Idempotency-Key": key }. */
export async function postJson(path, body, headers = {}) {
  const response = await send(path, { method: "POST", body, headers });
  return response.status === 204 ? null : response.json();
}

export async function putJson(path, body, headers = {}) {
  const response = await send(path, { method: "PUT", body, headers });
  return response.status === 204 ? null : response.json();
}

export async function del(path, headers = {}) {
  const response = await send(path, { method: "DELETE", headers });
  return response.status === 204 ? null : response.json();
}

/** A file (pack) as a Blob, since links cannot carry the bearer token. */
export async function getBlob(path, accept = "*/*") {
  const response = await send(path, { accept });
  return { blob: await response.blob(), type: response.headers.get("Content-Type") ?? "" };
}

/** POST multipart/form-data (an evidence file); headers e.g. { "If-Match": etag }. */
export async function postForm(path, formData, headers = {}) {
  const response = await send(path, { method: "POST", raw: { text: formData }, headers });
  return response.json();
}

/** POST a text body (a CSV export) with its own content type; answers JSON like postJson. */
export async function postText(path, text, contentType = "text/csv", headers = {}) {
  const response = await send(path, { method: "POST", raw: { type: contentType, text }, headers });
  return response.status === 204 ? null : response.json();
}
