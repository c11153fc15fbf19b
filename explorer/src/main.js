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

const $ = (id) => document.getElementById(id);
const el = {
  cy: $("cy"), panel: $("panel"), reader: $("reader"), filters: $("filters"), legend: $("legend"),
  list: $("listview"), timeline: $("timeline"), status: $("status"), layout: $("layout-select"),
  neo4j: $("btn-neo4j"),
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

function saveUrl() {
  if (!restoring) writeUrl(state);
}

const graph = new Graph(el.cy, {
  onSelect: (sel) => select(sel),
  onChange: () => refresh(),
  onError: reportError,
  onExpand: (exp) => {
    if (!restoring) recordExpand(state, exp.key, exp.rel, exp.dir, exp.loaded);
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
    onPathTo: () => findPath(pathFrom, key),
    onRemove: () => {
      state.steps = state.steps.filter((s) => s.key !== key && s.from !== key && s.to !== key);
      graph.remove(key);
      select(null);
    },
  });
}

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

async function findPath(from, to) {
  status(t("path.searching"));
  try {
    const result = await api.path(from, to, 6);
    if (!result.nodes || !result.nodes.length) {
      status(t("path.none", { depth: 6 }));
      return;
    }
    graph.showPath(result);
    state.steps.push({ op: "path", from, to });
    pathFrom = "";
    status(t("path.found", { n: (result.edges || []).length }));
    saveUrl();
    rerenderPanel();
  } catch (err) {
    reportError(err);
  }
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
  const visible = graph.visible();
  renderFilters(el.filters, graph.cy, state.filters, (filters) => {
    state.filters = filters;
    refresh();
    graph.relayout();
  });
  const typesOnScreen = new Map(graph.cy.nodes("[kind = 'document']").map((n) => [fold(n.data("type")), n.data("type")]));
  renderLegend(el.legend, typesOnScreen);
  renderList(el.list, visible, select);
  renderTimeline(el.timeline, visible.nodes, select);
  el.neo4j.href = neo4jBrowserUrl(graph);
  saveUrl();
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

const search = new SearchBox({ input: $("search-input"), form: $("search-form"), results: $("search-results"), onOpen: (hit) => openHit(hit).catch(reportError) });

// ---- restoring a shared view ----------------------------------------------------------------

async function restore() {
  restoring = true;
  try {
    graph.setLayout(state.layout);
    for (const step of state.steps) {
      if (step.op === "open") await openKey(step.key);
      else if (step.op === "expand") await graph.expand(step.key, step.rel, step.dir, { until: step.n });
      else if (step.op === "path") graph.showPath(await api.path(step.from, step.to, 6));
    }
  } catch (err) {
    reportError(err);
  } finally {
    restoring = false;
  }
  setView(state.view);
  refresh();
  graph.relayout();
  if (state.sel && graph.cy.getElementById(state.sel).nonempty()) select({ kind: "node", id: state.sel });
  else renderEmpty(el.panel);
  if (state.reader) await openReader(state.reader, state.at);
  if (state.steps.length) status(t("status.restored"));
}

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
  expand, openReader, closeReader, select, findPath,
  exports: { graphml: () => graphml(graph), nodesCsv: () => nodesCsv(graph), edgesCsv: () => edgesCsv(graph) },
};
restore().finally(() => {
  window.explorer.ready = true;
  document.body.dataset.ready = "true";
});
