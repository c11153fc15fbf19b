// The HTTP API contract (see api/): every call is same-origin under /v1, so the page needs no
// other network once loaded.
const BASE = "/v1";

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function getJson(path, params = {}, { signal } = {}) {
  const url = new URL(BASE + path, window.location.origin);
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== "") url.searchParams.set(k, v);
  }
  let resp;
  try {
    resp = await fetch(url, { headers: { Accept: "application/json" }, signal });
  } catch (err) {
    if (err.name === "AbortError") throw err;
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

/** POST a JSON body; errors as getJson. */
async function postJson(path, body) {
  let resp;
  try {
    resp = await fetch(new URL(BASE + path, window.location.origin), {
      method: "POST", headers: { Accept: "application/json", "Content-Type": "application/json" }, body: JSON.stringify(body),
    });
  } catch (err) {
    throw new ApiError(0, String(err.message || err));
  }
  if (!resp.ok) throw new ApiError(resp.status, `${resp.status} ${resp.statusText}`);
  return resp.json();
}

/** A shared view read again by its keys: {nodes, edges, renamed, missing_nodes, missing_edges}. */
export const snapshot = (nodes, edges) => postJson("/graph/snapshot", { nodes, edges });

/** Keys hold "/" ("285/TB-VPCP@2021"): one encoded path segment. */
const seg = (key) => encodeURIComponent(key);

export const search = (q, { kind, limit = 30, signal } = {}) => getJson("/search", { q, kind, limit }, { signal });

export const searchBodies = (q, { limit = 10, signal } = {}) => getJson("/search/bodies", { q, limit }, { signal });

export const neighborhood = (key, { rel, direction = "both", limit = 20, cursor } = {}) =>
  getJson("/graph/neighborhood", { key, rel, direction, limit, cursor });

export const path = (source, target, maxDepth = 6, relations = "any") =>
  getJson("/graph/path", { source, target, max_depth: maxDepth, relations });

export const hub = (key, { rel, direction = "both" } = {}) => getJson("/graph/hub", { key, rel, direction });

export const documentProfile = (key) => cached(`profile:${key}`, () => getJson(`/documents/${seg(key)}/profile`));

export const citing = (key, { depth = 1, type, limit = 100, cursor } = {}) =>
  getJson(`/documents/${seg(key)}/citing`, { depth, type, limit, cursor });

const ENTITY_PATH = { person: "persons", agency: "agencies", province: "provinces" };

export const entity = (kind, key) => cached(`entity:${key}`, () => getJson(`/${ENTITY_PATH[kind]}/${seg(key)}`));

export const entityDocuments = (kind, key, { limit = 100, cursor, includeMerged } = {}) =>
  getJson(`/${ENTITY_PATH[kind]}/${seg(key)}/documents`, { limit, cursor, include_merged: includeMerged });

export const ranking = (name, { type, year_from, year_to, limit = 50 } = {}) =>
  getJson(`/rankings/${name}`, { type, year_from, year_to, limit });

/** Every page of a paged list (items + next_cursor), up to `cap` items; returns {items, more}. */
export async function allPages(fetchPage, cap = 2000) {
  const items = [];
  let cursor;
  for (;;) {
    const page = await fetchPage(cursor);
    items.push(...(page.items || []));
    cursor = page.next_cursor;
    if (!cursor || items.length >= cap) return { items, more: Boolean(cursor), first: page };
  }
}

// Profiles are read again each time the panel redraws (a language switch, an expansion): one
// answer per key and page load, so a redraw needs no network.
const memo = new Map();
function cached(id, load) {
  if (!memo.has(id)) memo.set(id, load().catch((err) => { memo.delete(id); throw err; }));
  return memo.get(id);
}

export const documentMeta = (key) => cached(`meta:${key}`, () => getJson(`/documents/${seg(key)}`));

export const documentText = (key) => getJson(`/documents/${seg(key)}/text`);
