// The whole view lives in the URL fragment, so a copied link reproduces it. The graph itself is
// not stored: the steps that built it are (open a node, expand it, find a path), and they are
// replayed against the API on load. Filters store what is *hidden*, so kinds that appear later
// stay visible by default.
//
//   #s=o:128/NQ-CP@2021&s=x:128/NQ-CP@2021|CITES|in|20&sel=n:285/TB-VPCP@2021&lang=vi

export function emptyState() {
  return {
    lang: "vi",
    steps: [],
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
