// Wires the explorer together: search → graph → side panel / evidence → reader, with the view
// state mirrored in the URL. Exposes window.cy (the Cytoscape instance) and window.explorer (the
// app state and a few actions) for end-to-end tests and curious users.
import * as api from "./api.js";
import { Graph } from "./graph.js";
import { SearchBox } from "./search.js";
import { Reader } from "./reader.js";
import { renderNode, renderEdge, renderEmpty, renderLegend, renderList } from "./panels.js";
import { renderFilters, renderTimeline } from "./filters.js";
import { decode, encode, writeUrl, recordExpand, recordOpen } from "./state.js";
import { download, pngBlob, graphml, nodesCsv, edgesCsv, neo4jBrowserUrl } from "./export.js";
import { t, setLang, lang, applyStatic } from "./i18n.js";
import { fold } from "./fold.js";
import { documentProfile, entityProfile } from "./profile.js";
import { showTable, hideTable, documentColumns } from "./tables.js";
import { h } from "./dom.js";

const $ = (id) => document.getElementById(id);
const el = {
  cy: $("cy"), panel: $("panel"), reader: $("reader"), filters: $("filters"), legend: $("legend"),
  list: $("listview"), timeline: $("timeline"), status: $("status"), layout: $("layout-select"),
  neo4j: $("btn-neo4j"), table: $("tableview"),
};

const state = decode(window.location.hash);
setLang(state.lang);
applyStatic();

let restoring = false;
let pathFrom = "";
const errors = [];

function status(text, isError = false) {
  el.status.textContent = text;
  el.status.classList.toggle("error", isError);
  if (isError) errors.push(text);
}

function reportError(err) {
  status(t("status.error", { msg: err?.message || String(err) }), true);
}

/** What is on the canvas, by stable keys, into the state (the share format: see state.js). */
function snapshotState() {
  const onCanvas = graph.cy.nodes().filter((n) => !n.isChild() && !["more", "group"].includes(n.data("kind")));
  state.nodes = onCanvas.map((n) => n.id());
  const keys = new Set(state.nodes);
  const edges = graph.cy.edges().filter((e) => !["more", "group"].includes(e.data("type")) && keys.has(e.data("source")) && keys.has(e.data("target")));
  state.edges = edges.map((e) => ({ source: e.data("source"), type: e.data("type"), target: e.data("target") }));
  state.hl = edges.map((e, i) => (e.hasClass("path") ? i : -1)).filter((i) => i >= 0);
  // what opened, paged in or drew a path is in nodes/edges now; expansions keep their handles and hubs
  state.steps = state.steps.filter((step) => step.op === "expand");
}

function saveUrl() {
  if (!restoring) {
    snapshotState();
    writeUrl(state);
    lastHash = window.location.hash;
  }
}

const graph = new Graph(el.cy, {
  onSelect: (sel) => select(sel),
  onChange: () => refresh(),
  onError: reportError,
  onExpand: (exp) => {
    if (!restoring) recordExpand(state, exp.key, exp.rel, exp.dir, exp.hub ? Math.max(exp.loaded, 1) : exp.loaded);
    if (!restoring && exp.hub) state.groups[`${exp.key}|${exp.rel || "*"}|${exp.dir}`] = { by: exp.hub.by, open: [...exp.hub.open] };
    saveUrl();
    rerenderPanel();
  },
});

// ---- selection and the side panel -------------------------------------------------------

function select(sel) {
  graph.cy.elements(":selected").unselect();
  if (!sel) {
    state.sel = "";
    renderEmpty(el.panel);
    saveUrl();
    return;
  }
  const ele = graph.cy.getElementById(sel.id);
  if (ele.empty()) return;
  ele.select();
  state.sel = sel.id;
  rerenderPanel();
  saveUrl();
  document.body.classList.add("panel-open");
}

function rerenderPanel() {
  const ele = state.sel ? graph.cy.getElementById(state.sel) : null;
  if (!ele || ele.empty()) return renderEmpty(el.panel);
  if (ele.isEdge()) {
    renderEdge(el.panel, ele, {
      graph,
      readerHref: (docKey, ev) => encode({ ...state, reader: docKey, at: { start: ev.start, end: ev.end } }),
      onOpenReader: (docKey, ev) => openReader(docKey, { start: ev.start, end: ev.end }),
      onSelectNode: (id) => select({ kind: "node", id }),
    });
    return;
  }
  const key = ele.id();
  renderNode(el.panel, ele, {
    graph,
    pathFrom,
    pathFromName: pathFrom ? graph.cy.getElementById(pathFrom).data("caption") : "",
    onExpand: (rel, dir) => expand(key, rel, dir),
    onRead: () => openReader(key, null),
    onPathStart: () => { pathFrom = key; status(t("path.from", { name: ele.data("caption") })); rerenderPanel(); },
    onPathTo: () => findPath(pathFrom, key, $("path-rel").value),
    loadProfile: (box) => loadProfile(box, ele),
    onRegroup: (id, by) => graph.regroup(id, by),
    onOpenGroup: (groupId) => graph.openGroup(groupId),
    onLoadAll: (id) => { const exp = graph.expansions.get(id); if (exp && exp.hub) graph.openAllGroups(exp); },
    onSelectEdge: (id) => select({ kind: "edge", id }),
    onRemove: () => {
      state.steps = state.steps.filter((s) => s.key !== key && s.from !== key && s.to !== key);
      graph.remove(key);
      select(null);
    },
  });
}

const profileCtx = (key, box) => ({
  stale: () => state.sel !== key || !box.isConnected,
  openNode: (ref) => openHit(ref).catch(reportError),
  openCiting: (docKey, caption) => openCiting(docKey, caption).catch(reportError),
  openEntityDocuments: (kind, entity) => openEntityDocuments(kind, entity).catch(reportError),
});

async function loadProfile(box, ele) {
  const d = ele.data();
  const ctx = profileCtx(d.id, box);
  try {
    box.replaceChildren();
    if (d.kind === "document" && !d.placeholder) await documentProfile(box, d.id, ctx);
    else if (["person", "agency", "province"].includes(d.kind)) await entityProfile(box, d.kind, d.id, ctx);
    else if (d.kind === "document") {
      const counts = await api.documentProfile(d.id);
      if (!ctx.stale()) box.append(h("button", { type: "button", class: "primary", id: "btn-citing", onclick: () => ctx.openCiting(d.id, d.caption) }, t("citing.open", { n: counts.cited_by })));
    }
  } catch (err) {
    if (!ctx.stale()) box.append(h("p", { class: "note error" }, t("status.error", { msg: err.message })));
  } finally {
    box.removeAttribute("aria-busy");
  }
}

// ---- tables: citing documents, an entity's documents, rankings, a path written out ----------

const closeTable = () => { hideTable(el.table); el.cy.focus(); };

function openRow(row) {
  closeTable();
  openHit({ key: row.key, kind: row.kind || "document", name: row.name, type: row.type, date: row.date }).catch(reportError);
}

const edgeId = (type, source, target) => `${type}:${source}->${target}`;

/** Every evidence sentence (for CSV) … */
const evidenceText = (list) => [...new Set((list || []).map((e) => e.sentence || e.text).filter(Boolean))].join(" … ");

/** … and on screen the first one, with how many more the CSV and the edge panel hold. */
function evidenceCell(list) {
  const sentences = [...new Set((list || []).map((e) => e.sentence || e.text).filter(Boolean))];
  if (!sentences.length) return "";
  return h("span", {}, sentences[0], sentences.length > 1 ? h("small", { class: "note" }, " ", t("table.moreEvidence", { n: sentences.length - 1 })) : null);
}

/** "Văn bản dẫn chiếu đến": every citing document with its signers, relation kind and evidence. */
async function openCiting(key, caption, depth = 1) {
  status(t("status.loading"));
  const { items, more, first } = await api.allPages((cursor) => api.citing(key, { depth, cursor }), 5000);
  const depthSel = h("label", {}, t("citing.depth"), " ", h("select", { id: "citing-depth", onchange: (e) => openCiting(key, caption, +e.target.value).catch(reportError) },
    [1, 2, 3].map((n) => h("option", { value: n, selected: n === depth ? true : null }, String(n)))));
  const signerText = (r) => (r.signers || []).map((s) => [s.name, s.capacity || s.position].filter(Boolean).join(" — ")).join("; ");
  const columns = [
    ...documentColumns(openRow),
    { key: "signers", label: t("field.signers"), text: signerText },
    { key: "kind", label: t("citing.kind"), text: (r) => r.kind || t("rel.CITES") },
    { key: "evidence", label: t("evidence.title"), text: (r) => evidenceText(r.evidence), render: (r) => evidenceCell(r.evidence) },
  ];
  if (depth > 1) columns.push({ key: "distance", label: t("citing.distance"), sortValue: (r) => r.distance }, { key: "via_name", label: t("citing.via") });
  showTable(el.table, {
    id: "citing-table", title: t("citing.title", { doc: caption }), columns, rows: items, typeKey: "type", total: first.total,
    sort: { key: "date", desc: true }, csvName: "danchieu-citing.csv", controls: [depthSel],
    note: more || first.truncated ? t("table.truncated", { n: items.length, total: first.total }) : "",
    onCanvas: (rows) => citingToCanvas(key, first.target, rows),
  }, closeTable);
  status(t("status.ready"));
}

function citingToCanvas(key, target, rows) {
  citingToCanvasQuiet(key, target, rows);
  recordOpen(state, key);
  state.steps.push({ op: "citing", key, n: rows.length });
  closeTable();
  saveUrl();
}

function citingToCanvasQuiet(key, target, rows) {
  const nodes = [{ id: key, kind: "document", name: target.name, type: target.type, date: target.date, number: target.number, issuer: target.issuer, title: target.title, placeholder: target.placeholder }];
  const edges = [];
  for (const r of rows) {
    nodes.push({ id: r.key, kind: "document", name: r.name, type: r.type, date: r.date, number: r.number, issuer: r.issuer, title: r.title, placeholder: r.placeholder });
    const to = r.distance > 1 ? r.via : key;
    edges.push({ id: edgeId("CITES", r.key, to), type: "CITES", source: r.key, target: to, kind: r.kind, evidence: r.evidence, document_key: r.key,
      label: `${r.name || r.key} ${r.kind || t("rel.CITES").toLowerCase()} ${r.via_name || target.name || to}` });
    for (const s of r.signers || []) {
      nodes.push({ id: s.key, kind: "person", name: s.name });
      edges.push({ id: edgeId("SIGNED", s.key, r.key), type: "SIGNED", source: s.key, target: r.key, kind: s.capacity, document_key: r.key,
        label: `${s.name} ${t("rel.SIGNED").toLowerCase()} ${r.name || r.key}` });
    }
  }
  // rows whose "via" is not on the table (depth > 1) still need their intermediate document
  const seen = new Set();
  graph.addRows(nodes.filter((n) => !seen.has(n.id) && seen.add(n.id)), edges, key);
}

/** A person's, agency's or province's documents, newest first, with roles and titles as of each. */
async function openEntityDocuments(kind, entity, includeMerged = true) {
  status(t("status.loading"));
  const { items, more } = await api.allPages((cursor) => api.entityDocuments(kind, entity.key, { cursor, includeMerged: kind === "province" ? includeMerged : undefined }), 5000);
  const rows = items.map((r) => ({ ...r, kind: "document" }));
  const controls = [];
  if (kind === "province" && (entity.merged_from || []).length) {
    controls.push(h("label", {}, h("input", { type: "checkbox", id: "include-merged", checked: includeMerged ? true : null,
      onchange: (e) => openEntityDocuments(kind, entity, e.target.checked).catch(reportError) }), " ", t("profile.includeMerged")));
  }
  showTable(el.table, {
    id: "entity-docs-table", title: t("profile.documentsOf", { name: entity.name || entity.key }),
    columns: [...documentColumns(openRow),
      { key: "roles", label: t("profile.roles"), text: (r) => (r.roles || []).map((x) => t(`role.${x}`)).join(", ") },
      { key: "titles", label: t("profile.titleAsOf"), text: (r) => [...new Set(r.titles || [])].join("; ") }],
    rows, typeKey: "type", sort: { key: "date", desc: true }, csvName: "danchieu-documents.csv", controls,
    note: more ? t("table.truncated", { n: rows.length, total: entity.documents }) : "",
    onCanvas: (list) => {
      graph.addRows([{ id: entity.key, kind, name: entity.name }, ...list.map((r) => ({ id: r.key, kind: "document", name: r.name, type: r.type, date: r.date, number: r.number, issuer: r.issuer, title: r.title }))], [], entity.key);
      // the relations themselves come from the API, with their evidence
      const rel = kind === "person" ? "SIGNED" : kind === "agency" ? "ISSUED" : "MENTIONS";
      expand(entity.key, rel, kind === "province" ? "in" : "out");
      closeTable();
    },
  }, closeTable);
  status(t("status.ready"));
}

const RANKINGS = ["cited", "influence", "signers", "issuers"];

async function openRanking(name = "cited", opts = {}) {
  status(t("status.loading"));
  const body = await api.ranking(name, { ...opts, limit: 50 });
  const tabs = h("span", { class: "tabs", role: "group", "aria-label": t("rank.title") }, RANKINGS.map((r) =>
    h("button", { type: "button", class: r === name ? "tab active" : "tab", "aria-pressed": String(r === name), dataset: { ranking: r },
      onclick: () => openRanking(r, opts).catch(reportError) }, t(`rank.${r}`))));
  const yearFrom = h("input", { type: "number", id: "rank-from", min: 1945, max: 2100, value: opts.year_from || "", "aria-label": t("filters.from"), placeholder: t("rank.yearFrom") });
  const yearTo = h("input", { type: "number", id: "rank-to", min: 1945, max: 2100, value: opts.year_to || "", "aria-label": t("filters.to"), placeholder: t("rank.yearTo") });
  const typeIn = h("input", { type: "text", id: "rank-type", value: opts.type || "", placeholder: t("rank.typeHint"), "aria-label": t("field.type") });
  const apply = h("button", { type: "button", onclick: () => openRanking(name, { year_from: yearFrom.value || undefined, year_to: yearTo.value || undefined, type: typeIn.value.trim() || undefined }).catch(reportError) }, t("rank.apply"));
  const isDoc = name === "cited" || name === "influence";
  const columns = [{ key: "rank", label: "#", sortValue: (r) => r.rank },
    isDoc ? documentColumns(openRow)[1] : { key: "name", label: t("rank.name"), render: (r) => h("button", { type: "button", class: "link", onclick: () => openRow(r) }, r.name || r.key) }];
  if (isDoc) columns.push({ key: "type", label: t("field.type") }, { key: "issuer", label: t("field.issuer") }, { key: "date", label: t("field.date"), text: (r) => fmtDateShort(r.date) }, { key: "title", label: t("field.title") });
  columns.push(name === "influence" ? { key: "score", label: t("rank.score"), sortValue: (r) => r.score, text: (r) => r.score.toFixed(4) }
    : { key: "count", label: t(`rank.count.${name}`), sortValue: (r) => r.count });
  if (name !== "influence") columns.push({ key: "first", label: t("rank.first"), text: (r) => fmtDateShort(r.first) }, { key: "last", label: t("rank.last"), text: (r) => fmtDateShort(r.last) });
  showTable(el.table, {
    id: "ranking-table", title: t("rank.title"), subtitle: t(`rank.about.${name}`), columns, rows: body.items, typeKey: isDoc ? "type" : null,
    csvName: `danchieu-ranking-${name}.csv`, controls: [tabs, typeIn, yearFrom, yearTo, apply],
    onCanvas: (rows) => {
      graph.addRows(rows.map((r) => ({ id: r.key, kind: r.kind, name: r.name, type: r.type, date: r.date, issuer: r.issuer, title: r.title, placeholder: r.placeholder })), [], rows[0]?.key);
      for (const r of rows) recordOpen(state, r.key);
      closeTable();
      saveUrl();
    },
  }, closeTable);
  status(t("status.ready"));
}

const fmtDateShort = (v) => (v ? String(v).slice(0, 10).split("-").reverse().join("/") : "");

// ---- actions ---------------------------------------------------------------------------------

async function openKey(key, hint = {}) {
  // The neighbourhood answer lists the center among its nodes (with its canonical key, whatever
  // spelling was asked for); limit=1 keeps the call cheap.
  let node = { id: key, ...hint };
  try {
    const page = await api.neighborhood(key, { direction: "both", limit: 1 });
    const center = (page.nodes || []).find((n) => n.id === page.center);
    if (center) node = { ...node, ...center };
  } catch (err) {
    if (!hint.name) throw err;
  }
  graph.open(node);
  return node;
}

async function openHit(hit) {
  closeReader();
  const node = await openKey(hit.key, { kind: hit.kind, name: hit.name, type: hit.type, date: hit.date, number: hit.number });
  recordOpen(state, node.id);
  select({ kind: "node", id: node.id });
}

async function expand(key, rel, dir) {
  status(t("status.loading"));
  try {
    await graph.expand(key, rel, dir);
    status(t("status.ready"));
  } catch (err) {
    reportError(err);
  }
}

/**
 * The hop count of the shortest paths in `result` (all have the same length) and the paths
 * themselves (at most `max`), walked over the returned edges from `from` to `to`.
 */
export function pathsOf(result, from, to, max = 5) {
  const adj = new Map();
  for (const e of result.edges || []) {
    for (const [a, b] of [[e.source, e.target], [e.target, e.source]]) {
      if (!adj.has(a)) adj.set(a, []);
      adj.get(a).push({ next: b, edge: e });
    }
  }
  const dist = new Map([[to, 0]]);
  const queue = [to];
  while (queue.length) {
    const x = queue.shift();
    for (const { next } of adj.get(x) || []) if (!dist.has(next)) { dist.set(next, dist.get(x) + 1); queue.push(next); }
  }
  if (!dist.has(from)) return { hops: 0, paths: [] };
  const paths = [];
  const walk = (x, acc) => {
    if (paths.length >= max) return;
    if (x === to) { paths.push(acc); return; }
    for (const { next, edge } of adj.get(x) || []) if (dist.get(next) === dist.get(x) - 1) walk(next, [...acc, edge]);
  };
  walk(from, []);
  return { hops: dist.get(from), paths };
}

async function findPath(from, to, relations = "any", { record = true } = {}) {
  status(t("path.searching"));
  try {
    const result = await api.path(from, to, 6, relations);
    if (!result.nodes || !result.nodes.length) {
      status(t(relations === "cites" ? "path.noneCites" : "path.none", { depth: 6 }));
      return;
    }
    graph.showPath(result);
    if (record) state.steps.push({ op: "path", from, to, rel: relations });
    pathFrom = "";
    const { hops, paths } = pathsOf(result, from, to);
    status(t("path.found", { n: hops, k: paths.length }));
    saveUrl();
    rerenderPanel();
    writePath(result, from, to, relations, hops, paths);
  } catch (err) {
    reportError(err);
  }
}

/** The path written out: one sentence per hop, with the evidence sentence behind it. */
function writePath(result, from, to, relations, hops, paths) {
  const names = new Map((result.nodes || []).map((n) => [n.id, n.name || n.id]));
  const rows = [];
  paths.forEach((edges, i) => edges.forEach((e, j) => rows.push({
    key: e.id, path: i + 1, step: j + 1,
    sentence: e.label || `${names.get(e.source)} — ${t(`rel.${e.type}`)} — ${names.get(e.target)}`,
    evidence: evidenceText(e.evidence),
    evidenceList: e.evidence || [],
    document_key: e.document_key,
  })));
  showTable(el.table, {
    id: "path-table", title: t("path.written", { from: names.get(from) || from, to: names.get(to) || to }),
    subtitle: t("path.summary", { n: hops, k: paths.length, rel: t(`path.rel.${relations}`) }),
    columns: [
      { key: "path", label: t("path.col.path"), sortValue: (r) => r.path },
      { key: "step", label: t("path.col.step"), sortValue: (r) => r.step },
      { key: "sentence", label: t("path.col.sentence") },
      { key: "evidence", label: t("evidence.title"), render: (r) => evidenceCell(r.evidenceList) },
    ],
    rows, csvName: "danchieu-path.csv",
  }, closeTable);
}

const reader = new Reader(el.reader, {
  onEntity: (span) => {
    const kind = span.kind === "citation" ? "document" : span.kind;
    if (!span.key) return;
    closeReader();
    openHit({ key: span.key, kind, name: span.label }).catch(reportError);
  },
  onClose: () => closeReader(),
});

function openReader(key, hit) {
  state.reader = key;
  state.at = hit;
  document.body.classList.add("reading");
  saveUrl();
  return reader.open(key, hit);
}

function closeReaderQuiet() {
  state.reader = "";
  reader.close();
  document.body.classList.remove("reading");
}

function closeReader() {
  if (!state.reader) return;
  state.reader = "";
  state.at = null;
  reader.close();
  document.body.classList.remove("reading");
  saveUrl();
  el.cy.focus();
}

// ---- everything that depends on what is on screen -----------------------------------------

function refresh() {
  graph.applyFilters(state.filters);
  renderFilters(el.filters, graph.cy, state.filters, (filters) => {
    state.filters = filters;
    refresh();
    graph.relayout();
  });
  const typesOnScreen = new Map(graph.cy.nodes("[kind = 'document']").map((n) => [fold(n.data("type")), n.data("type")]));
  renderLegend(el.legend, typesOnScreen);
  renderLater();
  el.neo4j.href = neo4jBrowserUrl(graph);
  saveUrl();
}

// The list (for screen readers) and the timeline hold an element per node: after a step that adds
// hundreds of nodes they are rebuilt once the canvas has been drawn, not before it.
let laterQueued = false;
function renderLater() {
  if (laterQueued) return;
  laterQueued = true;
  const run = () => {
    laterQueued = false;
    const visible = graph.visible();
    renderList(el.list, visible, select);
    renderTimeline(el.timeline, visible.nodes, select);
  };
  if (graph.cy.nodes().length < 150) run();
  else if (window.requestIdleCallback) window.requestIdleCallback(run, { timeout: 1000 });
  else setTimeout(run, 50);
}

// ---- toolbar, language, keyboard ------------------------------------------------------------

function setView(view) {
  state.view = view;
  document.body.classList.toggle("view-list", view === "list");
  $("btn-view").textContent = t(view === "list" ? "toolbar.graph" : "toolbar.list");
  $("btn-view").setAttribute("aria-pressed", String(view === "list"));
  saveUrl();
}

function switchLang() {
  state.lang = lang() === "vi" ? "en" : "vi";
  setLang(state.lang);
  applyStatic();
  graph.cy.edges().forEach((e) => {
    const d = e.data();
    if (d.type !== "more" && !(d.type === "CITES" && d.kind)) e.data("short", t(`rel.${d.type}`));
  });
  for (const exp of graph.expansions.values()) graph.updateMoreHandle(exp);
  setView(state.view);
  refresh();
  rerenderPanel();
  if (state.reader) reader.open(state.reader, state.at);
}

$("btn-lang").addEventListener("click", switchLang);
$("btn-view").addEventListener("click", () => setView(state.view === "list" ? "graph" : "list"));
$("btn-filters").addEventListener("click", () => document.body.classList.toggle("filters-open"));
$("btn-fit").addEventListener("click", () => graph.fit());
$("btn-clear").addEventListener("click", () => {
  state.steps = [];
  graph.clear();
  select(null);
});
el.layout.value = state.layout;
el.layout.addEventListener("change", () => {
  state.layout = el.layout.value;
  graph.setLayout(state.layout);
  saveUrl();
});
$("btn-share").addEventListener("click", async () => {
  writeUrl(state);
  try {
    await navigator.clipboard.writeText(window.location.href);
    status(t("toolbar.copied"));
  } catch {
    status(window.location.href); // clipboard may be refused (no permission): show the link instead
  }
});
$("btn-png").addEventListener("click", async () => download(await pngBlob(graph), "danchieu.png"));
$("btn-rankings").addEventListener("click", () => openRanking().catch(reportError));

// ---- the path form: A → B with searchable ends ---------------------------------------------------
const pathEnds = new Map(); // text shown in a suggestion → key
async function suggest(input, list) {
  const q = input.value.trim();
  if (q.length < 2 || pathEnds.has(q)) return;
  input._abort?.abort();
  input._abort = new AbortController();
  try {
    const body = await api.search(q, { limit: 8, signal: input._abort.signal });
    list.replaceChildren(...(body.results || []).map((r) => {
      const text = `${r.name || r.key} · ${r.key}`;
      pathEnds.set(text, r.key);
      return h("option", { value: text });
    }));
  } catch (err) {
    if (err.name !== "AbortError") reportError(err);
  }
}
async function endKey(value) {
  const v = value.trim();
  if (pathEnds.has(v)) return pathEnds.get(v);
  const body = await api.search(v, { limit: 1 });
  if (!body.results || !body.results.length) throw new Error(t("path.unknownEnd", { q: v }));
  return body.results[0].key;
}
for (const [input, list] of [[$("path-a"), $("path-a-list")], [$("path-b"), $("path-b-list")]]) {
  let timer = null;
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => suggest(input, list), 250); });
}
$("path-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  try {
    const [a, b] = await Promise.all([endKey($("path-a").value), endKey($("path-b").value)]);
    await findPath(a, b, $("path-rel").value);
  } catch (err) {
    reportError(err);
  }
});
$("btn-graphml").addEventListener("click", () => download(new Blob([graphml(graph)], { type: "application/graphml+xml" }), "danchieu.graphml"));
$("btn-csv-nodes").addEventListener("click", () => download(new Blob([nodesCsv(graph)], { type: "text/csv;charset=utf-8" }), "danchieu-nodes.csv"));
$("btn-csv-edges").addEventListener("click", () => download(new Blob([edgesCsv(graph)], { type: "text/csv;charset=utf-8" }), "danchieu-edges.csv"));

/** Visible real nodes in reading order (left to right, then top to bottom). */
function keyboardOrder() {
  return graph.visible().nodes.toArray().sort((a, b) => a.position("x") - b.position("x") || a.position("y") - b.position("y"));
}

el.cy.addEventListener("keydown", (e) => {
  const nodes = keyboardOrder();
  if (!nodes.length) return;
  const current = nodes.findIndex((n) => n.id() === state.sel);
  if (["ArrowRight", "ArrowDown", "ArrowLeft", "ArrowUp"].includes(e.key)) {
    e.preventDefault();
    const step = e.key === "ArrowRight" || e.key === "ArrowDown" ? 1 : -1;
    const next = nodes[(current + step + nodes.length) % nodes.length];
    select({ kind: "node", id: next.id() });
    graph.cy.animate({ center: { eles: next }, duration: 0 });
  } else if (e.key === "Enter" && state.sel) {
    e.preventDefault();
    el.panel.querySelector("#panel-title")?.focus();
  } else if (e.key === "r" && state.sel && graph.cy.getElementById(state.sel).data("kind") === "document") {
    openReader(state.sel, null);
  }
});

document.addEventListener("keydown", (e) => {
  const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement?.tagName || "");
  if (e.key === "/" && !typing) {
    e.preventDefault();
    $("search-input").focus();
  } else if (e.key === "Escape") {
    if (state.reader) closeReader();
    else if (document.body.classList.contains("filters-open")) document.body.classList.remove("filters-open");
    else if (state.sel && !typing) select(null);
  }
});
document.addEventListener("click", (e) => {
  if (!$("search-form").contains(e.target)) search.close();
});

const search = new SearchBox({ input: $("search-input"), form: $("search-form"), results: $("search-results"), spinner: $("search-spinner"), onOpen: (hit) => openHit(hit).catch(reportError) });

// ---- restoring a shared view ----------------------------------------------------------------

async function replayCiting(step) {
  const { items, first } = await api.allPages((cursor) => api.citing(step.key, { cursor }), step.n);
  citingToCanvasQuiet(step.key, first.target, items.slice(0, step.n));
}

/** A paged expansion from a link: its count, total and "+N more" handle, without re-adding its nodes. */
async function resumeExpansion(step) {
  await graph.resume(step.key, step.rel, step.dir);
}

const renameKey = (renamed, key) => renamed[key] || key;
const edgeRefText = (id) => id.replace(/^e:/, "").replace(/^([A-Z_]+):(.*)->(.*)$/, (_, type, s, tg) => `${s} → ${tg} (${t(`rel.${type}`)})`);

/**
 * A link of the current format: the nodes and edges it names are read again by key
 * (/graph/snapshot), so what a re-ingest changed is found, not guessed; what is gone is reported.
 */
async function restoreSnapshot(problems) {
  const snap = await api.snapshot(state.nodes, state.edges);
  problems.renamed = snap.renamed || {};
  problems.gone.push(...(snap.missing_nodes || []), ...(snap.missing_edges || []).map(edgeRefText));
  const renamed = problems.renamed;
  if (Object.keys(renamed).length) {
    for (const step of state.steps) if (step.key) step.key = renameKey(renamed, step.key);
    state.groups = Object.fromEntries(Object.entries(state.groups).map(([id, g]) => {
      const [k, ...rest] = id.split("|");
      return [[renameKey(renamed, k), ...rest].join("|"), g];
    }));
    const edgeSel = /^e:([A-Z_]+):(.*)->(.*)$/.exec(state.sel);
    state.sel = edgeSel ? `e:${edgeSel[1]}:${renameKey(renamed, edgeSel[2])}->${renameKey(renamed, edgeSel[3])}` : renameKey(renamed, state.sel);
    if (state.reader) state.reader = renameKey(renamed, state.reader);
  }
  graph.cy.batch(() => {
    graph.addNodes(snap.nodes);
    graph.addEdges(snap.edges);
  });
  const hl = new Set((state.hl || []).map((i) => state.edges[i]).filter(Boolean)
    .map((e) => `e:${e.type}:${renameKey(renamed, e.source)}->${renameKey(renamed, e.target)}`));
  for (const id of hl) {
    const edge = graph.cy.getElementById(id);
    edge.addClass("path");
    edge.connectedNodes().addClass("path");
  }
  return snap;
}

async function restore() {
  restoring = true;
  let failed = null;
  const problems = { gone: [], renamed: {} };
  const snapshotLink = state.nodes.length > 0;
  try {
    graph.setLayout(state.layout);
    if (snapshotLink) await restoreSnapshot(problems);
    for (const step of state.steps) {
      if (step.op === "open") await openKey(step.key);
      else if (step.op === "expand" && snapshotLink && !state.groups[`${step.key}|${step.rel || "*"}|${step.dir}`]) {
        if (graph.cy.getElementById(step.key).nonempty()) await resumeExpansion(step);
      } else if (step.op === "expand") await graph.expand(step.key, step.rel, step.dir, { until: step.n });
      else if (step.op === "path") graph.showPath(await api.path(step.from, step.to, 6, step.rel || "any"));
      else if (step.op === "citing") await replayCiting(step);
    }
    for (const [id, g] of Object.entries(state.groups || {})) {
      const exp = graph.expansions.get(id);
      if (!exp || !exp.hub) continue;
      if (exp.hub.by !== g.by) graph.regroup(id, g.by);
      for (const value of g.open) graph.openGroup(`group:${id}|${value}`, { silent: true });
      graph.countHub(exp);
    }
  } catch (err) {
    failed = err;
    status(t("status.deadLink", { msg: err?.message || String(err) }), true);
  } finally {
    restoring = false;
  }
  setView(state.view);
  refresh();
  graph.relayout();
  const selected = state.sel && graph.cy.getElementById(state.sel).nonempty();
  if (state.sel && !selected && !failed) problems.gone.push(state.sel.startsWith("e:") ? edgeRefText(state.sel) : state.sel);
  if (selected) select({ kind: state.sel.startsWith("e:") ? "edge" : "node", id: state.sel });
  else renderEmpty(el.panel);
  if (state.reader) await openReader(state.reader, state.at);
  if (failed || !(state.steps.length || snapshotLink)) return;
  const gone = [...new Set(problems.gone)];
  const list = gone.slice(0, 6).join("; ") + (gone.length > 6 ? "; …" : "");
  if (snapshotLink && graph.visible().nodes.empty()) status(t("status.deadLink", { msg: t("status.gone", { n: gone.length, list }) }), true);
  else if (gone.length) status(t("status.partial", { n: gone.length, list }), true);
  else if (Object.keys(problems.renamed).length) {
    status(t("status.renamed", { list: Object.entries(problems.renamed).map(([a, b]) => `${a} → ${b}`).join("; ") }));
  } else status(t("status.restored"));
}

// A link pasted into an open tab changes only the fragment: rebuild the view from it.
let lastHash = window.location.hash;
window.addEventListener("hashchange", () => {
  if (window.location.hash === lastHash) return;
  lastHash = window.location.hash;
  const next = decode(window.location.hash);
  restoring = true; // clearing the canvas must not write the old view back over the new link
  Object.assign(state, next);
  setLang(state.lang);
  applyStatic();
  graph.clear();
  hideTable(el.table);
  closeReaderQuiet();
  window.explorer.ready = false;
  restore().finally(() => { window.explorer.ready = true; });
});

// The canvas changes size when the side panel or the reader opens (phones especially): Cytoscape
// only watches the window, so tell it, and fit again.
new ResizeObserver(() => {
  graph.cy.resize();
  graph.fit();
}).observe(el.cy);

window.cy = graph.cy;
window.explorer = {
  state, graph, errors, api,
  ready: false,
  openKey: (key) => openHit({ key }),
  expand, openReader, closeReader, select, findPath, openCiting, openRanking, openEntityDocuments,
  exports: { graphml: () => graphml(graph), nodesCsv: () => nodesCsv(graph), edgesCsv: () => edgesCsv(graph) },
};
restore().finally(() => {
  window.explorer.ready = true;
  document.body.dataset.ready = "true";
});
