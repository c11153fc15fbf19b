// The HTTP API contract (see api/): every call is same-origin under /v1, so the page needs no
// other network once loaded.
const BASE = "/v1";

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function getJson(path, params = {}) {
  const url = new URL(BASE + path, window.location.origin);
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== "") url.searchParams.set(k, v);
  }
  let resp;
  try {
    resp = await fetch(url, { headers: { Accept: "application/json" } });
  } catch (err) {
    throw new ApiError(0, String(err.message || err));
  }
  if (!resp.ok) {
    let detail = resp.statusText;
    try {
      const body = await resp.json();
      detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail ?? body);
    } catch {
      /* body was not JSON: keep the status text */
    }
    throw new ApiError(resp.status, `${resp.status} ${detail}`);
  }
  return resp.json();
}

/** Keys hold "/" ("285/TB-VPCP@2021"): one encoded path segment. */
const seg = (key) => encodeURIComponent(key);

export const search = (q, { kind, limit = 30 } = {}) => getJson("/search", { q, kind, limit });

export const neighborhood = (key, { rel, direction = "both", limit = 20, cursor } = {}) =>
  getJson("/graph/neighborhood", { key, rel, direction, limit, cursor });

export const path = (source, target, maxDepth = 6) =>
  getJson("/graph/path", { source, target, max_depth: maxDepth });

export const documentMeta = (key) => getJson(`/documents/${seg(key)}`);

export const documentText = (key) => getJson(`/documents/${seg(key)}/text`);
