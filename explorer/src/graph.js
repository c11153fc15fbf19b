// The Cytoscape canvas: what a node or edge from the API looks like on screen, how neighbours
// are added page by page (with a "+N more" handle), layouts, filters and path highlighting.
import cytoscape from "cytoscape";
import legend from "./legend.json";
import * as api from "./api.js";
import { fold } from "./fold.js";
import { t } from "./i18n.js";
import { routeEdges } from "./route.js";

export const PAGE = 20;
/** Above this many relationships an expansion groups its neighbours instead of paging them. */
export const HUB_THRESHOLD = 50;
/** What a hub's neighbours can be grouped by. */
export const GROUP_BY = ["type", "year", "issuer"];
const GRID = 78; // spacing of new nodes placed around fixed ones

/** The group a neighbour falls into: its document type, year or issuer; other kinds by kind. */
export function groupValue(node, by) {
  if ((node.kind || "document") !== "document") return `kind:${node.kind}`;
  if (by === "year") return (node.date || "").slice(0, 4) || "?";
  if (by === "issuer") return node.issuer || "?";
  return node.type || "?";
}

/** Colour of a document node from its Vietnamese type name. */
export function documentColor(type) {
  const folded = fold(type);
  const hit = legend.documentTypes.find((d) => folded === d.match || folded.startsWith(d.match + " "));
  return hit ? hit.color : legend.otherDocumentColor;
}

function nodeColor(data) {
  if (data.kind === "document") return documentColor(data.type);
  return (legend.kinds[data.kind] || legend.kinds.document).color;
}

function caption(node) {
  if (node.kind === "document") {
    // "Thông báo 285/TB-VPCP" reads better than the key; fall back to what we have.
    return node.name || [node.type, node.number].filter(Boolean).join(" ") || node.id;
  }
  return node.name || node.id;
}

const STYLE = [
  {
    selector: "node",
    style: {
      label: "data(caption)",
      "font-size": 11,
      "text-wrap": "wrap",
      "text-max-width": 140,
      "text-valign": "bottom",
      "text-margin-y": 4,
      "background-color": "data(color)",
      shape: "data(shape)",
      width: 30,
      height: 30,
      "border-width": 1,
      "border-color": "#333",
      color: "#111",
      "text-background-color": "#fff",
      "text-background-opacity": 0.8,
      "text-background-padding": 1,
      // labels too small to read are not drawn: a zoomed-out hub of hundreds of nodes stays fast
      "min-zoomed-font-size": 7,
    },
  },
  { selector: "node[kind = 'document']", style: { width: 38, height: 26 } },
  { selector: "node[?placeholder]", style: { "border-style": "dashed", "border-width": 2, "background-opacity": 0.45 } },
  {
    selector: "node[kind = 'more']",
    style: {
      shape: "round-rectangle",
      "background-color": "#fff",
      "border-style": "dashed",
      "border-color": "#555",
      "text-valign": "center",
      "text-margin-y": 0,
      width: 64,
      height: 22,
      "font-weight": "bold",
    },
  },
  {
    selector: "edge",
    style: {
      width: 1.6,
      // straight, not bezier: Cytoscape bundles bezier edges by scanning every edge of their nodes,
      // quadratic around a hub of 600; parallel edges are spread apart by the graph (spreadParallel)
      "curve-style": "straight",
      "target-arrow-shape": "triangle",
      "line-color": "#8a8a8a",
      "target-arrow-color": "#8a8a8a",
      label: "data(short)",
      "font-size": 9,
      color: "#444",
      "text-rotation": "autorotate",
      "text-background-color": "#fff",
      "text-background-opacity": 0.85,
      "min-zoomed-font-size": 7,
    },
  },
  { selector: "edge[type = 'CITES']", style: { "line-color": "#0072B2", "target-arrow-color": "#0072B2" } },
  { selector: "edge[type = 'SIGNED']", style: { "line-color": "#D55E00", "target-arrow-color": "#D55E00" } },
  { selector: "edge[type = 'ASSIGNS']", style: { "line-color": "#009E73", "target-arrow-color": "#009E73", "line-style": "dashed" } },
  { selector: "edge[type = 'MENTIONS']", style: { "line-color": "#bbbbbb", "target-arrow-color": "#bbbbbb" } },
  { selector: "edge[type = 'more']", style: { "line-style": "dotted", "target-arrow-shape": "none", label: "" } },
  // A hub's neighbours grouped (by type, year or issuer): a closed group is one node with its count;
  // an open one is a compound node holding its members.
  {
    selector: "node[kind = 'group']",
    style: {
      shape: "round-rectangle",
      "background-color": "#f4f4f4",
      "background-opacity": 1,
      "border-style": "double",
      "border-width": 3,
      "border-color": "#555",
      "text-valign": "center",
      "text-margin-y": 0,
      width: "data(w)",
      height: 34,
      padding: 10,
      "font-weight": "bold",
    },
  },
  { selector: "node[kind = 'group']:parent", style: { "text-valign": "top", "text-margin-y": -4, "background-opacity": 0.35, padding: 16 } },
  { selector: "edge[type = 'group']", style: { "line-style": "dashed", width: 3, label: "data(short)" } },
  { selector: ".hidden", style: { display: "none" } },
  // Node and edge variants are separate: "width" means size for a node but thickness for an edge.
  { selector: "node.path", style: { "border-width": 5, "border-color": "#E69F00" } },
  { selector: "edge.path", style: { "line-color": "#E69F00", "target-arrow-color": "#E69F00", width: 4 } },
  { selector: "node:selected", style: { "border-width": 4, "border-color": "#000" } },
  { selector: "edge:selected", style: { "line-color": "#000", "target-arrow-color": "#000", width: 3.5 } },
];

/** Plain-data node for Cytoscape from an API Node. */
function nodeData(node) {
  const kind = node.kind || "document";
  const placeholder = Boolean(node.placeholder) || (node.labels || []).includes("Placeholder");
  const data = { ...node, id: node.id, kind, placeholder };
  data.caption = caption(data);
  data.color = nodeColor(data);
  data.shape = (legend.kinds[kind] || legend.kinds.document).shape;
  return data;
}

function shortEdgeLabel(edge) {
  if (edge.type === "CITES" && edge.kind) return edge.kind;
  return t(`rel.${edge.type}`);
}

/** The document an edge's evidence offsets point into (see graph/schema/README.md). */
export function evidenceDocument(edge, cy) {
  if (edge.document_key) return edge.document_key;
  const src = cy.getElementById(edge.source);
  const tgt = cy.getElementById(edge.target);
  if (edge.type === "SIGNED" || edge.type === "ISSUED") return tgt.nonempty() ? edge.target : "";
  if (src.nonempty() && src.data("kind") === "document") return edge.source;
  if (tgt.nonempty() && tgt.data("kind") === "document") return edge.target;
  return "";
}

export class Graph {
  /** @param {HTMLElement} container @param {{onSelect: Function, onChange: Function, onExpand: Function}} hooks */
  constructor(container, hooks) {
    this.hooks = hooks;
    this.expansions = new Map(); // "key|rel|dir" → {key, rel, dir, loaded, total, cursor, done}
    this.pairs = new Map(); // "a\u0000b" (sorted ends) → edges drawn between them, for spreadParallel
    this.layoutMode = "auto";
    this.cy = cytoscape({
      container,
      style: STYLE,
      minZoom: 0.15,
      maxZoom: 3,
      boxSelectionEnabled: false,
      selectionType: "single",
    });
    this.cy.on("tap", "node", (evt) => {
      const node = evt.target;
      if (node.data("kind") === "more") {
        const d = node.data();
        this.expand(d.parentKey, d.rel, d.dir).catch((err) => hooks.onError?.(err));
        return;
      }
      if (node.data("kind") === "group" && evt.target === node && !node.isParent()) {
        this.openGroup(node.id());
        return;
      }
      hooks.onSelect({ kind: "node", id: node.id() });
    });
    this.cy.on("tap", "edge", (evt) => {
      if (evt.target.data("type") === "more") return;
      hooks.onSelect({ kind: "edge", id: evt.target.id() });
    });
    this.cy.on("tap", (evt) => {
      if (evt.target === this.cy) hooks.onSelect(null);
    });
  }

  /** Adds API nodes (merging fields into ones already on screen); returns the ids that are new. */
  addNodes(nodes, parent = null) {
    const added = [];
    const fresh = [];
    for (const node of nodes || []) {
      if (!node || !node.id) continue;
      const existing = this.cy.getElementById(node.id);
      if (existing.nonempty()) {
        existing.data({ ...existing.data(), ...nodeData({ ...existing.data(), ...node }) });
      } else if (!added.includes(node.id)) {
        fresh.push({ group: "nodes", data: parent ? { ...nodeData(node), parent } : nodeData(node) });
        added.push(node.id);
      }
    }
    if (fresh.length) this.cy.add(fresh);
    return added;
  }

  addEdges(edges) {
    const added = [];
    const fresh = [];
    for (const edge of edges || []) {
      if (!edge || !edge.source || !edge.target) continue;
      if (this.cy.getElementById(edge.source).empty() || this.cy.getElementById(edge.target).empty()) continue;
      const id = "e:" + (edge.id ?? `${edge.source}|${edge.type}|${edge.target}`);
      if (added.includes(id) || this.cy.getElementById(id).nonempty()) continue;
      const data = { ...edge, id, apiId: edge.id, short: shortEdgeLabel(edge), evidence: edge.evidence || [] };
      data.document_key = evidenceDocument(data, this.cy);
      fresh.push({ group: "edges", data });
      added.push(id);
    }
    // one add for all of them: Cytoscape indexes and styles a collection at once, not edge by edge
    if (fresh.length) this.cy.add(fresh).forEach((e) => this.spreadParallel(e));
    return added;
  }

  /** A second (third…) edge between the same two nodes is bent aside, so parallel edges stay apart. */
  spreadParallel(edge) {
    const pair = [edge.data("source"), edge.data("target")].sort().join("\u0000");
    const n = this.pairs.get(pair) || 0;
    this.pairs.set(pair, n + 1);
    if (n === 0) return;
    // the two ends are sorted, so the side of the bend does not depend on the edge's direction
    const flip = edge.data("source") === pair.split("\u0000")[0] ? 1 : -1;
    const d = Math.ceil(n / 2) * 26 * (n % 2 ? 1 : -1) * flip;
    edge.style({ "curve-style": "segments", "segment-distances": String(d), "segment-weights": "0.5" });
  }

  /** Shows one node (e.g. a search hit) without its neighbours. */
  open(node) {
    const before = this.cy.nodes().length;
    this.addNodes([node]);
    if (before === 0) this.relayout();
    else this.placeNew(node.id, before);
    this.hooks.onChange();
  }

  /** Puts table rows on the canvas: documents (and signers) with their edges, placed around what is there. */
  addRows(nodes, edges, anchor) {
    const before = this.cy.nodes().length;
    this.addNodes(nodes);
    this.addEdges(edges);
    this.placeNew(anchor || (nodes[0] && nodes[0].id), before);
    this.hooks.onChange();
  }

  /**
   * Loads the next page (about PAGE) of a node's neighbours for one relation and direction.
   * `until` keeps paging until that many are on screen (a link replayed). The first expansion asks
   * /graph/hub once for every relation (up to its cap): above HUB_THRESHOLD they are grouped,
   * below it they are kept here and drawn PAGE at a time — "+N more" costs no request, and a hub
   * costs one request, not a page and then the hub. Returns the expansion record.
   */
  async expand(key, rel, dir, { until = 0 } = {}) {
    const id = `${key}|${rel || "*"}|${dir}`;
    let exp = this.expansions.get(id);
    if (!exp) {
      exp = { key, rel, dir, loaded: 0, total: null, cursor: null, done: false };
      this.expansions.set(id, exp);
    }
    if (exp.hub) {
      // a grouped hub: "expand" again means open every group (load all)
      this.openAllGroups(exp);
      return exp;
    }
    if (!exp.pending) {
      const hub = await api.hub(key, { rel: rel || undefined, direction: dir });
      if (hub.total > HUB_THRESHOLD || hub.truncated) {
        await this.loadHub(exp, { openAll: until >= hub.total, hub });
        return exp;
      }
      this.keepPending(exp, hub);
    }
    const before = this.cy.nodes().length;
    const want = Math.max(until - exp.loaded, PAGE);
    const edges = exp.pending.splice(0, want);
    const ids = new Set(edges.flatMap((e) => [e.source, e.target]));
    this.cy.batch(() => {
      this.addNodes(exp.pendingNodes.filter((n) => ids.has(n.id)));
      this.addEdges(edges);
    });
    exp.loaded += edges.length;
    exp.done = exp.pending.length === 0;
    this.updateMoreHandle(exp);
    this.placeNew(key, before);
    this.hooks.onChange();
    this.hooks.onExpand?.(exp);
    return exp;
  }

  /** Keeps a small node's relations (one /graph/hub answer) to draw PAGE at a time; those already on the canvas count as loaded. */
  keepPending(exp, hub) {
    const edgeId = (e) => "e:" + (e.id ?? `${e.source}|${e.type}|${e.target}`);
    exp.total = hub.total;
    exp.pendingNodes = hub.nodes.filter((n) => n.id !== hub.center);
    exp.pending = hub.edges.filter((e) => this.cy.getElementById(edgeId(e)).empty());
    exp.loaded = hub.edges.length - exp.pending.length;
    exp.done = exp.pending.length === 0;
  }

  /** An expansion a link names, resumed: what is on the canvas counts as loaded, the rest waits behind "+N more". */
  async resume(key, rel, dir) {
    const id = `${key}|${rel || "*"}|${dir}`;
    const exp = { key, rel, dir, loaded: 0, total: null, cursor: null, done: false };
    this.expansions.set(id, exp);
    const hub = await api.hub(key, { rel: rel || undefined, direction: dir });
    if (hub.total > HUB_THRESHOLD || hub.truncated) {
      exp.total = hub.total;
      exp.done = true; // a hub is restored through its groups, never paged
      return exp;
    }
    this.keepPending(exp, hub);
    this.updateMoreHandle(exp);
    return exp;
  }

  /**
   * Hub mode: every neighbour of one relation at once (/graph/hub), grouped into compound nodes
   * that open on demand. Counts stay honest: `loaded` is what is drawn, `total` what exists.
   */
  async loadHub(exp, { openAll = false, hub = null } = {}) {
    hub = hub || await api.hub(exp.key, { rel: exp.rel || undefined, direction: exp.dir });
    exp.hub = { by: exp.by || this.defaultGroupBy(hub), nodes: hub.nodes, edges: hub.edges, truncated: hub.truncated, open: new Set() };
    exp.total = hub.total;
    exp.fetched = hub.loaded;
    exp.loaded = 0;
    exp.cursor = null;
    exp.done = false;
    this.cy.getElementById(`more:${exp.key}|${exp.rel || "*"}|${exp.dir}`).remove();
    this.buildGroups(exp);
    if (openAll) this.openAllGroups(exp, { silent: true });
    this.hooks.onChange();
    this.hooks.onExpand?.(exp);
  }

  defaultGroupBy(hub) {
    const docs = hub.nodes.filter((n) => n.id !== hub.center && n.kind === "document");
    const types = new Set(docs.map((n) => n.type));
    return types.size > 1 ? "type" : "year";
  }

  /** (Re)draws the closed group nodes of a hub expansion, grouped by exp.hub.by. */
  buildGroups(exp) {
    const prefix = `group:${exp.key}|${exp.rel || "*"}|${exp.dir}|`;
    const center = this.cy.getElementById(exp.key);
    // regrouping: members drawn inside the old groups are drawn again inside the new ones
    const old = this.cy.nodes().filter((n) => n.data("kind") === "group" && n.id().startsWith(prefix));
    const drawn = new Set(old.children().map((n) => n.id()));
    old.children().remove();
    old.remove();
    exp.hub.open = new Set();
    const groups = new Map();
    for (const node of exp.hub.nodes) {
      if (node.id === exp.key) continue;
      const value = groupValue(node, exp.hub.by);
      if (!groups.has(value)) groups.set(value, []);
      groups.get(value).push(node.id);
    }
    exp.hub.groups = groups;
    const adds = [];
    const sorted = [...groups.entries()].sort((a, b) => b[1].length - a[1].length || String(a[0]).localeCompare(String(b[0]), "vi"));
    for (const [value, members] of sorted) {
      const id = prefix + value;
      const drawn = members.filter((m) => this.cy.getElementById(m).nonempty()).length;
      const label = value.startsWith("kind:") ? t(`kind.${value.slice(5)}`) : value === "?" ? t("group.unknown") : value;
      const caption = `${label} (${members.length})`;
      adds.push({ group: "nodes", data: { id, kind: "group", caption, w: Math.min(260, 24 + caption.length * 7.5), value, label, count: members.length, expKey: `${exp.key}|${exp.rel || "*"}|${exp.dir}`, drawn } });
      const [s, tgt] = exp.dir === "in" ? [id, exp.key] : [exp.key, id];
      adds.push({ group: "edges", data: { id: `groupedge:${id}`, source: s, target: tgt, type: "group", short: String(members.length) } });
    }
    this.cy.add(adds);
    const added = this.cy.collection(adds.filter((a) => a.group === "nodes").map((a) => this.cy.getElementById(a.data.id)));
    // one ring when it can hold them all, so no group edge passes under another group
    this.ring(center, added, Math.max(220, (added.length * 200) / (2 * Math.PI)), 190);
    for (const [value, members] of groups) {
      if (members.some((m) => drawn.has(m))) this.openGroup(prefix + value, { silent: true });
    }
    this.fit();
  }

  /** Opens one closed group: its members appear inside it, placed around it; nothing else moves far. */
  openGroup(groupId, { silent = false } = {}) {
    const group = this.cy.getElementById(groupId);
    if (group.empty()) return;
    const exp = this.expansions.get(group.data("expKey"));
    if (!exp || !exp.hub) return;
    const value = group.data("value");
    const members = new Set(exp.hub.groups.get(value) || []);
    const nodes = exp.hub.nodes.filter((n) => members.has(n.id));
    const edges = exp.hub.edges.filter((e) => members.has(e.source) || members.has(e.target));
    const at = { ...group.position() };
    this.cy.batch(() => {
      this.addNodes(nodes, groupId); // members already on the canvas stay where they are
      this.addEdges(edges);
    });
    exp.hub.open.add(value);
    this.cy.getElementById(`groupedge:${groupId}`).remove();
    // members in a grid centred where the closed group was, slid away from the hub's centre until
    // they cover nothing already on the canvas; positions are written once
    const children = group.children();
    const cols = Math.max(1, Math.ceil(Math.sqrt(children.length * 1.6)));
    const rows = Math.ceil(children.length / cols);
    const planned = children.map((c, i) => ({ x: at.x + ((i % cols) - (cols - 1) / 2) * GRID * 1.3, y: at.y + (Math.floor(i / cols) - (rows - 1) / 2) * GRID * 0.8 }));
    const offset = this.clearOf(group, planned, this.cy.getElementById(exp.key), at);
    const byId = new Map(children.map((c, i) => [c.id(), planned[i]]));
    children.positions((n) => { const p = byId.get(n.id()); return { x: p.x + offset.x, y: p.y + offset.y }; });
    this.countHub(exp);
    if (silent) return;
    this.panTo(children);
    this.hooks.onChange();
    this.hooks.onExpand?.(exp);
  }

  /** Brings nodes into view without measuring every label on the canvas (cy.fit would). */
  panTo(nodes) {
    if (nodes.empty()) return;
    const xs = nodes.map((n) => n.position("x"));
    const ys = nodes.map((n) => n.position("y"));
    const w = Math.max(...xs) - Math.min(...xs) + 200;
    const hgt = Math.max(...ys) - Math.min(...ys) + 200;
    const zoom = Math.max(this.cy.minZoom(), Math.min(1.2, this.cy.width() / w, this.cy.height() / hgt));
    const cx = (Math.max(...xs) + Math.min(...xs)) / 2;
    const cy = (Math.max(...ys) + Math.min(...ys)) / 2;
    this.cy.viewport({ zoom, pan: { x: this.cy.width() / 2 - cx * zoom, y: this.cy.height() / 2 - cy * zoom } });
  }

  openAllGroups(exp, { silent = false } = {}) {
    const prefix = `group:${exp.key}|${exp.rel || "*"}|${exp.dir}|`;
    this.cy.startBatch();
    try {
      for (const value of exp.hub.groups.keys()) {
        if (!exp.hub.open.has(value)) this.openGroup(prefix + value, { silent: true });
      }
    } finally {
      this.cy.endBatch();
    }
    this.countHub(exp);
    if (silent) return;
    this.panTo(this.cy.nodes().filter((n) => !n.isParent()));
    this.hooks.onChange();
    this.hooks.onExpand?.(exp);
  }

  /** Regroups an open or closed hub by another field (type / year / issuer). */
  regroup(expId, by) {
    const exp = this.expansions.get(expId);
    if (!exp || !exp.hub || !GROUP_BY.includes(by)) return;
    exp.hub.by = by;
    exp.by = by;
    this.buildGroups(exp);
    this.countHub(exp);
    this.hooks.onChange();
    this.hooks.onExpand?.(exp);
  }

  /** loaded = this hub's relationships drawn on the canvas; done when all of them are. */
  countHub(exp) {
    const edgeIds = new Set(exp.hub.edges.map((e) => "e:" + (e.id ?? `${e.source}|${e.type}|${e.target}`)));
    exp.loaded = [...edgeIds].filter((id) => this.cy.getElementById(id).nonempty()).length;
    exp.done = exp.loaded >= edgeIds.size && !exp.hub.truncated;
  }

  /** Places `nodes` on rings around `center`, skipping spots already taken. */
  ring(center, nodes, radius0 = 140, spacing = GRID) {
    const c = center.nonempty() ? center.position() : { x: 0, y: 0 };
    const taken = this.cy.nodes().not(nodes).filter((n) => !n.isParent()).map((n) => n.position());
    let radius = radius0;
    let i = 0;
    const list = nodes.toArray();
    while (i < list.length) {
      const slots = Math.max(6, Math.floor((2 * Math.PI * radius) / spacing));
      for (let k = 0; k < slots && i < list.length; k++) {
        const a = (2 * Math.PI * k) / slots + radius / 1000;
        const p = { x: c.x + radius * Math.cos(a), y: c.y + radius * Math.sin(a) };
        if (taken.some((q) => Math.hypot(q.x - p.x, q.y - p.y) < spacing * 0.7)) continue;
        list[i++].position(p);
        taken.push(p);
      }
      radius += spacing;
    }
  }

  /**
   * Slides an opened group away from the hub's centre until it covers no other node: what was on
   * the canvas keeps its place (no global re-layout), only the new members move.
   */
  clearOf(group, planned, center, g0) {
    if (!planned.length) return { x: 0, y: 0 };
    const c = center.nonempty() ? center.position() : { x: 0, y: 0 };
    const xs = planned.map((p) => p.x);
    const ys = planned.map((p) => p.y);
    const box = { x1: Math.min(...xs) - 70, x2: Math.max(...xs) + 70, y1: Math.min(...ys) - 40, y2: Math.max(...ys) + 50 };
    const points = this.cy.nodes().filter((n) => !n.isParent() && !(n.isChild() && n.parent().same(group))).map((n) => n.position());
    let dx = g0.x - c.x;
    let dy = g0.y - c.y;
    const len = Math.hypot(dx, dy) || 1;
    dx /= len;
    dy /= len;
    for (let i = 0; i < 200; i++) {
      const ox = dx * GRID * i;
      const oy = dy * GRID * i;
      if (!points.some((p) => p.x > box.x1 + ox && p.x < box.x2 + ox && p.y > box.y1 + oy && p.y < box.y2 + oy)) return { x: ox, y: oy };
    }
    return { x: dx * GRID * 200, y: dy * GRID * 200 };
  }

  /** Moves nodes that overlap `box` outwards from its centre so nothing is hidden underneath. */
  pushAway(compound) {
    const bb = compound.boundingBox();
    const cx = (bb.x1 + bb.x2) / 2;
    const cy = (bb.y1 + bb.y2) / 2;
    const margin = 30;
    this.cy.nodes().forEach((n) => {
      if (n.same(compound) || n.isChild() && n.parent().same(compound) || n.isParent()) return;
      if (n.isChild()) return;
      const p = n.position();
      if (p.x < bb.x1 - margin || p.x > bb.x2 + margin || p.y < bb.y1 - margin || p.y > bb.y2 + margin) return;
      const dx = p.x - cx || 1;
      const dy = p.y - cy || 1;
      const scale = Math.max((bb.w / 2 + margin * 2) / Math.abs(dx), (bb.h / 2 + margin * 2) / Math.abs(dy));
      const k = Math.min(scale, (bb.w / 2 + margin * 2) / Math.abs(dx), (bb.h / 2 + margin * 2) / Math.abs(dy));
      n.position({ x: cx + dx * Math.max(k, 1.05), y: cy + dy * Math.max(k, 1.05) });
    });
  }

  /**
   * New nodes go around the node they came from; existing nodes keep their place (no global
   * re-layout per click). The first expansion of a lone node still gets a full layout.
   */
  placeNew(key, before) {
    if (before <= 1 || this.layoutMode !== "auto") {
      this.relayout();
      return;
    }
    const fresh = this.cy.nodes().filter((n) => !n.data("_placed") && !n.isParent() && !n.isChild());
    const center = this.cy.getElementById(key);
    this.ring(center, fresh.filter((n) => n.id() !== key));
    this.cy.nodes().forEach((n) => { n.data("_placed", true); });
    this.fit();
  }

  updateMoreHandle(exp) {
    const id = `more:${exp.key}|${exp.rel || "*"}|${exp.dir}`;
    const existing = this.cy.getElementById(id);
    const remaining = Math.max(0, (exp.total ?? 0) - exp.loaded);
    if (exp.done || remaining === 0) {
      existing.remove();
      return;
    }
    const label = t("more.label", { n: remaining });
    if (existing.nonempty()) {
      existing.data("caption", label);
      return;
    }
    this.cy.add([
      { group: "nodes", data: { id, kind: "more", caption: label, parentKey: exp.key, rel: exp.rel, dir: exp.dir, remaining } },
      { group: "edges", data: { id: `moreedge:${id}`, source: exp.key, target: id, type: "more" } },
    ]);
  }

  /** Highlights a path from the API (adding what is missing). */
  showPath(result) {
    this.cy.elements().removeClass("path");
    this.addNodes(result.nodes);
    this.addEdges(result.edges);
    for (const n of result.nodes || []) this.cy.getElementById(n.id).addClass("path");
    for (const e of result.edges || []) {
      const id = "e:" + (e.id ?? `${e.source}|${e.type}|${e.target}`);
      this.cy.getElementById(id).addClass("path");
    }
    this.relayout();
    this.hooks.onChange();
  }

  clear() {
    this.pairs.clear();
    this.cy.elements().remove();
    this.cy.elements().removeClass("path");
    this.expansions.clear();
    this.hooks.onChange();
  }

  remove(id) {
    this.cy.getElementById(id).remove();
    for (const [k, exp] of this.expansions) if (exp.key === id) this.expansions.delete(k);
    this.cy.nodes("[kind = 'more']").filter((n) => n.data("parentKey") === id).remove();
    this.cy.nodes("[kind = 'group']").filter((n) => n.id().startsWith(`group:${id}|`)).forEach((g) => {
      g.children().move({ parent: null });
      g.remove();
    });
    this.hooks.onChange();
  }

  setLayout(mode) {
    this.layoutMode = mode;
    this.relayout();
  }

  /** Citation chains read top-down (hierarchical); mixed neighbourhoods use a force layout. */
  effectiveLayout() {
    if (this.layoutMode !== "auto") return this.layoutMode;
    const edges = this.visible().edges;
    const chain = edges.nonempty() && edges.every((e) => ["CITES", "REPORTS_ON", "COPY_OF"].includes(e.data("type")));
    return chain ? "tree" : "force";
  }

  relayout() {
    const eles = this.cy.elements().not(".hidden");
    if (eles.empty()) return;
    const mode = this.effectiveLayout();
    const options =
      mode === "tree"
        ? { name: "breadthfirst", directed: true, spacingFactor: 1.6, padding: 30, animate: false }
        : { name: "cose", animate: false, padding: 30, nodeRepulsion: () => 40000, idealEdgeLength: () => 140, nodeOverlap: 20, randomize: false, numIter: 600 };
    try {
      eles.layout(options).run();
      this.cy.nodes().forEach((n) => { n.data("_placed", true); });
    } catch (err) {
      // breadthfirst can fail on odd subgraphs (e.g. all edges filtered out): a grid never does.
      console.warn("layout fell back to grid:", err);
      eles.layout({ name: "grid", animate: false, padding: 30 }).run();
    }
    this.route();
    this.fit();
  }

  /** Bends the edges that would pass under a node around it (see route.js). */
  route() {
    return routeEdges(this.cy);
  }

  /** Fits what is visible, but never zooms in past 1.2 (two nodes would fill the screen). */
  fit() {
    const eles = this.cy.elements().not(".hidden");
    this.cy.fit(eles, 40);
    if (this.cy.zoom() > 1.2) {
      this.cy.zoom(1.2);
      this.cy.center(eles);
    }
  }

  /** Hides what the filters exclude; edges disappear with either end. */
  applyFilters(f) {
    const hiddenKinds = new Set(f.kinds);
    const hiddenTypes = new Set(f.types);
    const hiddenIssuers = new Set(f.issuers);
    const hiddenRels = new Set(f.rels);
    this.cy.batch(() => {
      this.cy.nodes().forEach((n) => {
        const d = n.data();
        let hide = false;
        if (d.kind === "more") hide = hiddenRels.has(d.rel);
        else if (d.kind === "group") hide = false;
        else {
          hide = hiddenKinds.has(d.kind);
          if (d.kind === "document") {
            hide ||= hiddenTypes.has(d.type || "");
            hide ||= hiddenIssuers.has(d.issuer || "");
            const day = (d.date || "").slice(0, 10);
            if (day && f.from && day < f.from) hide = true;
            if (day && f.to && day > f.to) hide = true;
          }
        }
        // only a change touches the element: a class set again still restyles it (600 nodes of a hub)
        if (n.hasClass("hidden") !== hide) n.toggleClass("hidden", hide);
      });
      this.cy.edges().forEach((e) => {
        const hide = hiddenRels.has(e.data("type")) || e.source().hasClass("hidden") || e.target().hasClass("hidden");
        if (e.hasClass("hidden") !== hide) e.toggleClass("hidden", hide);
      });
    });
  }

  /** Nodes and edges a reader sees now (no "+N more" handles, no filtered-out elements). */
  visible() {
    const nodes = this.cy.nodes().not(".hidden").filter((n) => !["more", "group"].includes(n.data("kind")));
    const edges = this.cy.edges().not(".hidden").filter((e) => !["more", "group"].includes(e.data("type")));
    return { nodes, edges };
  }
}
