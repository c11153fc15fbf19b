// The Cytoscape canvas: what a node or edge from the API looks like on screen, how neighbours
// are added page by page (with a "+N more" handle), layouts, filters and path highlighting.
import cytoscape from "cytoscape";
import legend from "./legend.json";
import * as api from "./api.js";
import { fold } from "./fold.js";
import { t } from "./i18n.js";

export const PAGE = 20;

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
      "curve-style": "bezier",
      "target-arrow-shape": "triangle",
      "line-color": "#8a8a8a",
      "target-arrow-color": "#8a8a8a",
      label: "data(short)",
      "font-size": 9,
      color: "#444",
      "text-rotation": "autorotate",
      "text-background-color": "#fff",
      "text-background-opacity": 0.85,
    },
  },
  { selector: "edge[type = 'CITES']", style: { "line-color": "#0072B2", "target-arrow-color": "#0072B2" } },
  { selector: "edge[type = 'SIGNED']", style: { "line-color": "#D55E00", "target-arrow-color": "#D55E00" } },
  { selector: "edge[type = 'ASSIGNS']", style: { "line-color": "#009E73", "target-arrow-color": "#009E73", "line-style": "dashed" } },
  { selector: "edge[type = 'MENTIONS']", style: { "line-color": "#bbbbbb", "target-arrow-color": "#bbbbbb" } },
  { selector: "edge[type = 'more']", style: { "line-style": "dotted", "target-arrow-shape": "none", label: "" } },
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
  addNodes(nodes) {
    const added = [];
    for (const node of nodes || []) {
      if (!node || !node.id) continue;
      const existing = this.cy.getElementById(node.id);
      if (existing.nonempty()) {
        existing.data({ ...existing.data(), ...nodeData({ ...existing.data(), ...node }) });
      } else {
        this.cy.add({ group: "nodes", data: nodeData(node) });
        added.push(node.id);
      }
    }
    return added;
  }

  addEdges(edges) {
    const added = [];
    for (const edge of edges || []) {
      if (!edge || !edge.source || !edge.target) continue;
      if (this.cy.getElementById(edge.source).empty() || this.cy.getElementById(edge.target).empty()) continue;
      const id = "e:" + (edge.id ?? `${edge.source}|${edge.type}|${edge.target}`);
      if (this.cy.getElementById(id).nonempty()) continue;
      const data = { ...edge, id, apiId: edge.id, short: shortEdgeLabel(edge), evidence: edge.evidence || [] };
      data.document_key = evidenceDocument(data, this.cy);
      this.cy.add({ group: "edges", data });
      added.push(id);
    }
    return added;
  }

  /** Shows one node (e.g. a search hit) without its neighbours. */
  open(node) {
    this.addNodes([node]);
    this.relayout();
    this.hooks.onChange();
  }

  /**
   * Loads the next page (about PAGE) of a node's neighbours for one relation and direction.
   * `until` keeps paging until that many neighbours are on screen (used when a shared link
   * is replayed). Returns the expansion record.
   */
  async expand(key, rel, dir, { until = 0 } = {}) {
    const id = `${key}|${rel || "*"}|${dir}`;
    let exp = this.expansions.get(id);
    if (!exp) {
      exp = { key, rel, dir, loaded: 0, total: null, cursor: null, done: false };
      this.expansions.set(id, exp);
    }
    const target = Math.max(until, exp.loaded + 1);
    while (!exp.done && exp.loaded < target) {
      const page = await api.neighborhood(key, { rel: rel || undefined, direction: dir, limit: PAGE, cursor: exp.cursor || undefined });
      this.addNodes(page.nodes);
      this.addEdges(page.edges);
      // The API pages relationships (total counts them), so progress is counted in edges.
      const got = (page.edges || []).length;
      exp.loaded += got;
      exp.total = Number.isFinite(page.total) ? page.total : exp.loaded;
      exp.cursor = page.next_cursor || null;
      exp.done = !exp.cursor || got === 0;
    }
    this.updateMoreHandle(exp);
    this.relayout();
    this.hooks.onChange();
    this.hooks.onExpand?.(exp);
    return exp;
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
    this.cy.elements().remove();
    this.expansions.clear();
    this.hooks.onChange();
  }

  remove(id) {
    this.cy.getElementById(id).remove();
    for (const [k, exp] of this.expansions) if (exp.key === id) this.expansions.delete(k);
    this.cy.nodes("[kind = 'more']").filter((n) => n.data("parentKey") === id).remove();
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
    } catch (err) {
      // breadthfirst can fail on odd subgraphs (e.g. all edges filtered out): a grid never does.
      console.warn("layout fell back to grid:", err);
      eles.layout({ name: "grid", animate: false, padding: 30 }).run();
    }
    this.fit();
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
        n.toggleClass("hidden", hide);
      });
      this.cy.edges().forEach((e) => {
        const hide = hiddenRels.has(e.data("type")) || e.source().hasClass("hidden") || e.target().hasClass("hidden");
        e.toggleClass("hidden", hide);
      });
    });
  }

  /** Nodes and edges a reader sees now (no "+N more" handles, no filtered-out elements). */
  visible() {
    const nodes = this.cy.nodes().not(".hidden").filter((n) => n.data("kind") !== "more");
    const edges = this.cy.edges().not(".hidden").filter((e) => e.data("type") !== "more");
    return { nodes, edges };
  }
}
