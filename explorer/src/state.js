// The whole view lives in the URL fragment, so a copied link reproduces it. It names what is on
// the canvas by stable keys only — node keys (n=) and edges as (source, type, target) between them
// (e=, "0.C.1" = node 0 CITES node 1) — never by a position in a list the API returns, whose meaning
// changes when documents are re-ingested. Expansions (s=x:…) keep only what their "+N more" handle
// and a hub's groups need; a hub's members come back with the hub. A link made before a re-ingest
// therefore shows the same nodes and edges, or says which are gone (/v1/graph/snapshot).
// Filters store what is *hidden*, so kinds that appear later stay visible by default.
//
//   #n=128/NQ-CP@2021&n=285/TB-VPCP@2021&e=1.C.0&s=x:128/NQ-CP@2021|CITES|in|20&sel=285/TB-VPCP@2021
//
// Links of the earlier format (s=o:… open, s=p:… path, s=c:… citing table) are still replayed.

export function emptyState() {
  return {
    lang: "vi",
    steps: [],
    nodes: [], // keys of the nodes on the canvas (a hub's grouped members excepted)
    edges: [], // {source, type, target}: keys of both ends, both in `nodes`
    hl: [], // indexes into `edges` of a highlighted path
    sel: "",
    layout: "auto",
    reader: "",
    at: null,
    view: "graph",
    groups: {}, // hub expansion id "key|rel|dir" → {by, open: [group values]}
    filters: { kinds: [], types: [], issuers: [], rels: [], from: "", to: "" },
  };
}

const LIST_FILTERS = ["kinds", "types", "issuers", "rels"];
// One letter per relationship type in e=: links stay short even for hundreds of edges.
const REL_CODES = { CITES: "C", SIGNED: "S", ISSUED: "I", MENTIONS: "M", ASSIGNS: "A", REPORTS_ON: "R", COPY_OF: "Y", MERGED_INTO: "G", LOCATED_IN: "L" };
const REL_BY_CODE = Object.fromEntries(Object.entries(REL_CODES).map(([k, v]) => [v, k]));

function encodeStep(step) {
  if (step.op === "open") return `o:${step.key}`;
  if (step.op === "expand") return `x:${[step.key, step.rel || "*", step.dir, step.n].join("|")}`;
  if (step.op === "path") return `p:${step.from}|${step.to}${step.rel === "cites" ? "|cites" : ""}`;
  if (step.op === "citing") return `c:${step.key}|${step.n}`;
  return "";
}

function decodeStep(text) {
  const op = text.slice(0, 2);
  const body = text.slice(2);
  if (op === "o:" && body) return { op: "open", key: body };
  if (op === "x:") {
    // The key may itself contain "|"-free text only; split from the right so it stays whole.
    const parts = body.split("|");
    if (parts.length < 4) return null;
    const n = parseInt(parts.pop(), 10);
    const dir = parts.pop();
    const rel = parts.pop();
    const key = parts.join("|");
    if (!key || !["in", "out", "both"].includes(dir) || !(n > 0)) return null;
    return { op: "expand", key, rel: rel === "*" ? "" : rel, dir, n };
  }
  if (op === "p:") {
    const [from, to, rel] = body.split("|");
    return from && to ? { op: "path", from, to, rel: rel === "cites" ? "cites" : "any" } : null;
  }
  if (op === "c:") {
    const at = body.lastIndexOf("|");
    const n = parseInt(body.slice(at + 1), 10);
    return at > 0 && n > 0 ? { op: "citing", key: body.slice(0, at), n } : null;
  }
  return null;
}

/** State → "#…" fragment. */
export function encode(state) {
  const p = new URLSearchParams();
  const index = new Map((state.nodes || []).map((k, i) => [k, i]));
  for (const key of state.nodes || []) p.append("n", key);
  const edges = (state.edges || []).filter((e) => REL_CODES[e.type] && index.has(e.source) && index.has(e.target));
  if (edges.length) p.set("e", edges.map((e) => `${index.get(e.source)}.${REL_CODES[e.type]}.${index.get(e.target)}`).join(","));
  const hl = (state.hl || []).map((i) => edges.indexOf((state.edges || [])[i])).filter((i) => i >= 0);
  if (hl.length) p.set("hl", hl.join(","));
  for (const step of state.steps) {
    const text = encodeStep(step);
    if (text) p.append("s", text);
  }
  if (state.sel) p.set("sel", state.sel);
  if (state.layout && state.layout !== "auto") p.set("layout", state.layout);
  if (state.lang && state.lang !== "vi") p.set("lang", state.lang);
  if (state.reader) p.set("reader", state.reader);
  if (state.reader && state.at) p.set("at", `${state.at.start}-${state.at.end}`);
  if (state.view && state.view !== "graph") p.set("view", state.view);
  for (const name of LIST_FILTERS) {
    if (state.filters[name].length) p.set(`h${name}`, state.filters[name].join(","));
  }
  for (const [id, g] of Object.entries(state.groups || {})) {
    p.append("g", `${id}~${g.by}~${(g.open || []).map(encodeURIComponent).join(",")}`);
  }
  if (state.filters.from) p.set("from", state.filters.from);
  if (state.filters.to) p.set("to", state.filters.to);
  return "#" + p.toString();
}

/** "#…" fragment → state; unknown or malformed parts are dropped, never thrown. */
export function decode(hash) {
  const state = emptyState();
  const p = new URLSearchParams(String(hash || "").replace(/^#/, ""));
  state.steps = p.getAll("s").map(decodeStep).filter(Boolean);
  state.nodes = [...new Set(p.getAll("n").filter(Boolean))];
  state.edges = [];
  for (const part of (p.get("e") || "").split(",")) {
    const m = /^(\d+)\.([A-Z])\.(\d+)$/.exec(part);
    const [source, target] = m ? [state.nodes[+m[1]], state.nodes[+m[3]]] : [];
    if (m && source && target && REL_BY_CODE[m[2]]) state.edges.push({ source, type: REL_BY_CODE[m[2]], target });
  }
  state.hl = (p.get("hl") || "").split(",").filter((x) => /^\d+$/.test(x)).map(Number).filter((i) => i < state.edges.length);
  state.sel = p.get("sel") || "";
  state.layout = ["tree", "force"].includes(p.get("layout")) ? p.get("layout") : "auto";
  state.lang = p.get("lang") === "en" ? "en" : "vi";
  state.reader = p.get("reader") || "";
  // "at=512-540": the evidence range the reader scrolls to and highlights.
  const at = /^(\d+)-(\d+)$/.exec(p.get("at") || "");
  state.at = state.reader && at && +at[1] <= +at[2] ? { start: +at[1], end: +at[2] } : null;
  state.view = p.get("view") === "list" ? "list" : "graph";
  for (const name of LIST_FILTERS) {
    const raw = p.get(`h${name}`);
    state.filters[name] = raw ? raw.split(",").filter(Boolean) : [];
  }
  for (const raw of p.getAll("g")) {
    const parts = raw.split("~");
    if (parts.length !== 3 || !["type", "year", "issuer"].includes(parts[1])) continue;
    try {
      state.groups[parts[0]] = { by: parts[1], open: parts[2] ? parts[2].split(",").map(decodeURIComponent) : [] };
    } catch {
      /* a malformed group list is dropped, like any other malformed part */
    }
  }
  const isoDate = /^\d{4}-\d{2}-\d{2}$/;
  state.filters.from = isoDate.test(p.get("from") || "") ? p.get("from") : "";
  state.filters.to = isoDate.test(p.get("to") || "") ? p.get("to") : "";
  return state;
}

/** Writes the state to the address bar without adding a history entry per click. */
export function writeUrl(state) {
  const hash = encode(state);
  if (window.location.hash !== hash) {
    window.history.replaceState(null, "", window.location.pathname + window.location.search + hash);
  }
}

/** Adds or merges an expansion step: expanding the same node/relation again raises its count. */
export function recordExpand(state, key, rel, dir, n) {
  const same = state.steps.find((s) => s.op === "expand" && s.key === key && s.rel === rel && s.dir === dir);
  if (same) same.n = n;
  else state.steps.push({ op: "expand", key, rel, dir, n });
}

export function recordOpen(state, key) {
  if (!state.steps.some((s) => s.op === "open" && s.key === key)) state.steps.push({ op: "open", key });
}
