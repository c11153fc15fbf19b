// The side panel (a node's details and expand choices, an edge's evidence), the legend and the
// list view of what is on screen (for screen readers and keyboard users).
import legend from "./legend.json";
import { h, clear } from "./dom.js";
import { t, fmtDate } from "./i18n.js";
import { PAGE, documentColor, GROUP_BY } from "./graph.js";

/** Which expansions make sense for each kind of node: [relation, direction]. */
export const EXPANSIONS = {
  document: [["CITES", "out"], ["CITES", "in"], ["SIGNED", "in"], ["MENTIONS", "out"], ["ASSIGNS", "out"],
    ["ISSUED", "in"], ["REPORTS_ON", "in"], ["COPY_OF", "both"], ["", "both"]],
  person: [["SIGNED", "out"], ["MENTIONS", "in"], ["ASSIGNS", "in"], ["", "both"]],
  agency: [["ISSUED", "out"], ["MENTIONS", "in"], ["ASSIGNS", "in"], ["", "both"]],
  province: [["MENTIONS", "in"], ["", "both"]],
};
const RELATIONS = ["CITES", "SIGNED", "ISSUED", "MENTIONS", "ASSIGNS", "REPORTS_ON", "COPY_OF"];

function field(label, value) {
  if (value === undefined || value === null || value === "") return null;
  return [h("dt", {}, label), h("dd", {}, value)];
}

export function expandLabel(rel, dir) {
  return rel ? t(`expand.${rel}.${dir}`) : t("expand.all.both");
}

/** Node details. `ctx` = {graph, onExpand(rel, dir), onRead(), onPathStart(), onPathTo(), pathFrom, onRemove()} */
export function renderNode(panel, node, ctx) {
  const d = node.data();
  clear(panel);
  panel.append(
    h("header", { class: "panel-head" },
      h("span", { class: `badge kind-${d.kind}` }, t(`kind.${d.kind}`)),
      h("h2", { id: "panel-title", tabindex: "-1" }, d.caption)),
  );
  if (d.placeholder) panel.append(h("p", { class: "note" }, t("panel.placeholder")));
  panel.append(
    h("dl", { class: "fields" },
      field(t("field.number"), d.number),
      field(t("field.type"), d.kind === "document" ? d.type : ""),
      field(t("field.issuer"), d.issuer),
      field(t("field.date"), datedAs(d)),
      field(t("field.key"), d.id)),
  );
  const actions = h("div", { class: "actions" });
  if (d.kind === "document" && !d.placeholder) {
    actions.append(h("button", { type: "button", class: "primary", id: "btn-read", onclick: ctx.onRead }, t("panel.openReader")));
  }
  panel.append(actions);

  // the profile (trích yếu, signers, titles, mergers, counts) loads after the card
  if (ctx.loadProfile) {
    const box = h("section", { class: "profile", id: "profile", "aria-busy": "true" }, h("p", { class: "note" }, h("span", { class: "spinner", "aria-hidden": "true" }), t("status.loading")));
    panel.append(box);
    ctx.loadProfile(box);
  }

  const expands = h("div", { class: "expand-list", role: "group", "aria-labelledby": "expand-title" });
  const hubs = [];
  for (const [rel, dir] of EXPANSIONS[d.kind] || EXPANSIONS.document) {
    const exp = ctx.graph.expansions.get(`${d.id}|${rel || "*"}|${dir}`);
    const status = exp ? (exp.total === 0 ? t("expand.none") : t("expand.loaded", { n: exp.loaded, total: exp.total })) : "";
    if (exp && exp.hub) hubs.push(exp);
    expands.append(
      h("button", {
          type: "button", class: "expand", dataset: { rel: rel || "*", dir },
          disabled: exp && exp.done ? true : null,
          onclick: () => ctx.onExpand(rel, dir),
        },
        h("span", {}, exp && exp.hub && !exp.done ? `${expandLabel(rel, dir)} — ${t("hub.loadAll")}` : expandLabel(rel, dir)),
        status ? h("small", {}, status) : null),
    );
  }
  const relSel = h("select", { id: "custom-rel", "aria-label": t("expand.relation") },
    h("option", { value: "" }, t("filters.all")),
    RELATIONS.map((r) => h("option", { value: r }, t(`rel.${r}`))));
  const dirSel = h("select", { id: "custom-dir", "aria-label": t("expand.direction") },
    ["both", "out", "in"].map((x) => h("option", { value: x }, t(`dir.${x}`))));
  panel.append(
    h("section", { class: "expand-section" },
      h("h3", { id: "expand-title" }, t("expand.title"), " ", h("small", { class: "note" }, t("expand.step", { n: PAGE }))),
      expands,
      h("details", {},
        h("summary", {}, t("expand.custom")),
        h("div", { class: "custom-expand" }, relSel, dirSel,
          h("button", { type: "button", onclick: () => ctx.onExpand(relSel.value, dirSel.value) }, t("expand.go"))))),
  );
  for (const exp of hubs) panel.append(renderHub(exp, ctx));
  panel.append(renderRelations(node, ctx));
  const path = h("section", { class: "path-section" }, h("h3", {}, t("path.title")));
  if (ctx.pathFrom && ctx.pathFrom !== d.id) {
    path.append(h("button", { type: "button", id: "btn-path-to", onclick: ctx.onPathTo }, t("panel.pathTo", { from: ctx.pathFromName })));
  } else {
    path.append(h("button", { type: "button", id: "btn-path-from", onclick: ctx.onPathStart }, t("panel.pathFrom")));
  }
  panel.append(path);
  panel.append(h("div", { class: "actions" }, h("button", { type: "button", class: "subtle", onclick: ctx.onRemove }, t("panel.remove"))));
}

/** A grouped hub: loaded vs total, group-by choice, each group with its count, "load all". */
function renderHub(exp, ctx) {
  const id = `${exp.key}|${exp.rel || "*"}|${exp.dir}`;
  const prefix = `group:${id}|`;
  const by = h("select", { class: "hub-by", "aria-label": t("hub.groupBy"), onchange: (e) => ctx.onRegroup(id, e.target.value) },
    GROUP_BY.map((x) => h("option", { value: x, selected: x === exp.hub.by ? true : null }, t(`hub.by.${x}`))));
  const groups = [...exp.hub.groups.entries()].sort((a, b) => b[1].length - a[1].length);
  return h("section", { class: "hub-section", dataset: { exp: id } },
    h("h3", {}, expandLabel(exp.rel, exp.dir)),
    h("p", { class: "hub-count", role: "status" }, t("hub.count", { n: exp.loaded, total: exp.total })),
    exp.hub.truncated ? h("p", { class: "note warn" }, t("hub.truncated", { n: exp.fetched, total: exp.total })) : null,
    h("label", {}, t("hub.groupBy"), " ", by),
    h("ul", { class: "hub-groups" }, groups.map(([value, members]) => {
      const open = exp.hub.open.has(value);
      const label = value.startsWith("kind:") ? t(`kind.${value.slice(5)}`) : value === "?" ? t("group.unknown") : value;
      return h("li", {}, h("button", { type: "button", class: "hub-group", disabled: open ? true : null, dataset: { value },
        onclick: () => ctx.onOpenGroup(prefix + value) }, `${label} (${members.length})`, open ? ` — ${t("hub.opened")}` : ""));
    })),
    h("button", { type: "button", class: "primary hub-all", disabled: exp.done ? true : null, onclick: () => ctx.onLoadAll(id) }, t("hub.loadAll")));
}

/** Every relation of the node on the canvas, as buttons: each edge is reachable by keyboard. */
function renderRelations(node, ctx) {
  const edges = node.connectedEdges().filter((e) => !["more", "group"].includes(e.data("type")) && !e.hasClass("hidden"));
  const section = h("section", { class: "relations-section" }, h("h3", {}, t("panel.relations", { n: edges.length })));
  if (!edges.length) return section;
  const list = h("ul", { class: "relations" });
  edges.slice(0, 200).forEach((e) => {
    const d = e.data();
    const text = d.label || `${e.source().data("caption")} — ${t(`rel.${d.type}`)} — ${e.target().data("caption")}`;
    list.append(h("li", {}, h("button", { type: "button", class: "link", onclick: () => ctx.onSelectEdge(e.id()) }, text)));
  });
  section.append(edges.length > 200 ? h("details", {}, h("summary", {}, t("panel.relationsShow")), list) : list);
  return section;
}

/** The sentence with the mention in <mark>; falls back to the plain sentence when not found. */
export function highlightedSentence(sentence, mention) {
  const text = sentence || mention || "";
  const at = mention ? text.indexOf(mention) : -1;
  if (at < 0) return h("blockquote", { class: "evidence-sentence" }, text);
  return h("blockquote", { class: "evidence-sentence" },
    text.slice(0, at), h("mark", {}, mention), text.slice(at + mention.length));
}

/** Edge evidence. `ctx` = {graph, readerHref(docKey, ev), onOpenReader(docKey, ev), onSelectNode(id)} */
export function renderEdge(panel, edge, ctx) {
  const d = edge.data();
  const src = edge.source().data();
  const tgt = edge.target().data();
  const meaning = d.label || `${src.caption} — ${t(`rel.${d.type}`).toLowerCase()} — ${tgt.caption}`;
  clear(panel);
  panel.append(
    h("header", { class: "panel-head" },
      h("span", { class: "badge" }, t(`rel.${d.type}`)),
      h("h2", { id: "panel-title", class: "edge-meaning", tabindex: "-1" }, meaning)),
    h("p", { class: "edge-ends" },
      h("button", { type: "button", class: "link", onclick: () => ctx.onSelectNode(src.id) }, src.caption),
      " → ",
      h("button", { type: "button", class: "link", onclick: () => ctx.onSelectNode(tgt.id) }, tgt.caption)),
  );
  if (d.type === "CITES" && d.kind) panel.append(h("p", {}, t("evidence.kind", { kind: d.kind })));
  panel.append(h("h3", {}, t("evidence.title")));
  const evidence = d.evidence || [];
  if (!evidence.length) panel.append(h("p", { class: "note" }, t("evidence.none")));
  if (d.evidence_total > evidence.length) panel.append(h("p", { class: "note" }, t("evidence.sample", { n: evidence.length, total: d.evidence_total })));
  const docKey = d.document_key;
  const docNode = docKey ? ctx.graph.cy.getElementById(docKey) : null;
  const docName = docNode && docNode.nonempty() ? docNode.data("caption") : docKey;
  for (const ev of evidence) {
    panel.append(
      h("figure", { class: "evidence" },
        highlightedSentence(ev.sentence, ev.text),
        h("figcaption", {},
          docKey ? t("evidence.source", { doc: docName }) : "",
          docKey ? " · " : "",
          docKey ? h("a", {
              class: "open-reader", href: ctx.readerHref(docKey, ev),
              onclick: (e) => { e.preventDefault(); ctx.onOpenReader(docKey, ev); },
            }, t("evidence.open")) : null)),
    );
  }
}

export function renderEmpty(panel) {
  clear(panel).append(h("p", { class: "note" }, t("panel.empty")), h("p", { class: "note small" }, t("keys.help")));
}

/**
 * Legend: node kinds, then the document types present on screen (all known types if none).
 * `typesOnScreen` maps folded type → type as written ("van ban hop nhat" → "Văn bản hợp nhất").
 */
export function renderLegend(el, typesOnScreen) {
  clear(el).append(h("h2", {}, t("legend.title")));
  const list = h("ul", { class: "legend" });
  for (const [kind, style] of Object.entries(legend.kinds)) {
    if (kind === "document") continue;
    list.append(h("li", {}, h("span", { class: `swatch shape-${style.shape}`, style: `background:${style.color}` }), t(`kind.${kind}`)));
  }
  const shown = legend.documentTypes.filter((d) => !typesOnScreen.size || typesOnScreen.has(d.match));
  for (const d of shown) {
    list.append(h("li", {}, h("span", { class: "swatch shape-round-rectangle", style: `background:${d.color}` }), `${t("kind.document")}: ${d.label}`));
  }
  // Types the legend file does not know are drawn in the fallback colour: name them too.
  const known = new Set(legend.documentTypes.map((d) => d.match));
  for (const [folded, type] of typesOnScreen) {
    if (folded && !known.has(folded)) {
      list.append(h("li", {}, h("span", { class: "swatch shape-round-rectangle", style: `background:${documentColor(type)}` }), `${t("kind.document")}: ${type}`));
    }
  }
  list.append(h("li", {}, h("span", { class: "swatch shape-round-rectangle dashed" }), t("legend.placeholder")));
  el.append(list);
}

/** The list view: every visible node and edge as a button, in reading order. */
export function renderList(el, visible, onSelect) {
  clear(el).append(h("h2", {}, t("list.title")));
  if (visible.nodes.empty()) {
    el.append(h("p", {}, t("list.empty")));
    return;
  }
  const nodes = visible.nodes.toArray().sort((a, b) => a.data("kind").localeCompare(b.data("kind")) || a.data("caption").localeCompare(b.data("caption"), "vi"));
  el.append(h("ul", { class: "node-list" }, nodes.map((n) => {
    const d = n.data();
    const meta = [t(`kind.${d.kind}`), d.kind === "document" ? d.type : "", fmtDate(d.date)].filter(Boolean).join(" · ");
    return h("li", {}, h("button", { type: "button", class: "link", dataset: { key: d.id }, onclick: () => onSelect({ kind: "node", id: d.id }) }, d.caption), h("small", {}, ` ${meta}`));
  })));
  el.append(h("h2", {}, t("list.edges")));
  el.append(h("ul", { class: "edge-list" }, visible.edges.toArray().map((e) => {
    const d = e.data();
    const text = d.label || `${e.source().data("caption")} — ${t(`rel.${d.type}`)} — ${e.target().data("caption")}`;
    return h("li", {}, h("button", { type: "button", class: "link", onclick: () => onSelect({ kind: "edge", id: d.id }) }, text));
  })));
}

// A date the graph inferred or read in another document says so: "11/10/2021 (theo văn bản trích dẫn)".
function datedAs(d) {
  const date = fmtDate(d.date);
  if (!date || !d.date_source || d.date_source === "printed") return date;
  return `${date} (${t(`dateSource.${d.date_source}`)})`;
}
