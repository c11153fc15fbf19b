// Filters (node kind, document type, issuer, relation kind, date range) and the timeline strip
// of the documents on screen. Checkbox lists are rebuilt from what is on the graph; the state
// keeps what is hidden so that new kinds show up by default.
import { h, clear } from "./dom.js";
import { t, fmtDate } from "./i18n.js";

const DAY_MS = 86_400_000;
const toDay = (iso) => Math.floor(Date.parse(iso.slice(0, 10) + "T00:00:00Z") / DAY_MS);
const fromDay = (day) => new Date(day * DAY_MS).toISOString().slice(0, 10);

function checkboxGroup(title, name, values, hidden, labelOf, onToggle) {
  if (!values.length) return null;
  return h("fieldset", { class: "filter-group", dataset: { filter: name } },
    h("legend", {}, title),
    values.map((v) => h("label", {},
      h("input", { type: "checkbox", value: v, checked: !hidden.includes(v), onchange: (e) => onToggle(name, v, !e.target.checked) }),
      " ", labelOf(v))));
}

/** Distinct values on the graph: {kinds, types, issuers, rels, days: [min, max] | null}. */
export function valuesOnGraph(cy) {
  const types = new Set();
  const issuers = new Set();
  const rels = new Set();
  const days = [];
  cy.nodes().forEach((n) => {
    const d = n.data();
    if (d.kind !== "document") return;
    if (d.type) types.add(d.type);
    if (d.issuer) issuers.add(d.issuer);
    if (d.date && /^\d{4}-\d{2}-\d{2}/.test(d.date)) days.push(toDay(d.date));
  });
  cy.edges().forEach((e) => { if (!["more", "group"].includes(e.data("type"))) rels.add(e.data("type")); });
  const sort = (s) => [...s].sort((a, b) => a.localeCompare(b, "vi"));
  return {
    kinds: ["document", "person", "agency", "province"],
    types: sort(types), issuers: sort(issuers), rels: sort(rels),
    days: days.length ? [Math.min(...days), Math.max(...days)] : null,
  };
}

/** Renders the filter form. `onChange(filters)` receives a new filters object. */
export function renderFilters(el, cy, filters, onChange) {
  const values = valuesOnGraph(cy);
  const toggle = (name, value, hide) => {
    const next = { ...filters, [name]: filters[name].filter((x) => x !== value) };
    if (hide) next[name].push(value);
    onChange(next);
  };
  // Groups with nothing to choose are null: leave them out (Element.append would print "null").
  clear(el).append(...[
    h("h2", {}, t("filters.title")),
    checkboxGroup(t("filters.kinds"), "kinds", values.kinds, filters.kinds, (k) => t(`kind.${k}`), toggle),
    checkboxGroup(t("filters.docTypes"), "types", values.types, filters.types, (x) => x, toggle),
    checkboxGroup(t("filters.issuers"), "issuers", values.issuers, filters.issuers, (x) => x, toggle),
    checkboxGroup(t("filters.rels"), "rels", values.rels, filters.rels, (r) => t(`rel.${r}`), toggle),
  ].filter(Boolean));
  if (values.days) {
    const [lo, hi] = values.days;
    const fromDayValue = filters.from ? Math.max(lo, Math.min(hi, toDay(filters.from))) : lo;
    const toDayValue = filters.to ? Math.max(lo, Math.min(hi, toDay(filters.to))) : hi;
    const outFrom = h("output", {}, fmtDate(fromDay(fromDayValue)));
    const outTo = h("output", {}, fmtDate(fromDay(toDayValue)));
    const slider = (id, value, out, which) => h("input", {
      type: "range", id, min: lo, max: hi, step: 1, value, "aria-valuetext": fmtDate(fromDay(value)),
      oninput: (e) => { out.textContent = fmtDate(fromDay(+e.target.value)); },
      onchange: (e) => {
        const day = +e.target.value;
        const next = { ...filters };
        // The ends of the range mean "no limit", so documents added later stay visible.
        next[which] = (which === "from" ? day <= lo : day >= hi) ? "" : fromDay(day);
        onChange(next);
      },
    });
    el.append(h("fieldset", { class: "filter-group dates" },
      h("legend", {}, t("filters.dates")),
      h("label", { for: "date-from" }, t("filters.from"), " ", outFrom),
      slider("date-from", fromDayValue, outFrom, "from"),
      h("label", { for: "date-to" }, t("filters.to"), " ", outTo),
      slider("date-to", toDayValue, outTo, "to")));
  }
  el.append(h("button", { type: "button", class: "subtle", onclick: () => onChange({ kinds: [], types: [], issuers: [], rels: [], from: "", to: "" }) }, t("filters.reset")));
}

/** The documents on screen along a time axis; clicking one selects it. */
export function renderTimeline(el, nodes, onSelect) {
  const docs = nodes.filter((n) => n.data("kind") === "document" && /^\d{4}-\d{2}-\d{2}/.test(n.data("date") || ""))
    .toArray().sort((a, b) => a.data("date").localeCompare(b.data("date")));
  clear(el).append(h("h2", { class: "sr-only" }, t("timeline.title")));
  if (!docs.length) {
    el.append(h("p", { class: "note small" }, t("timeline.empty")));
    return;
  }
  const lo = toDay(docs[0].data("date"));
  const hi = toDay(docs[docs.length - 1].data("date"));
  const span = Math.max(1, hi - lo);
  const track = h("ol", { class: "timeline-track" });
  docs.forEach((n) => {
    const pct = docs.length === 1 ? 50 : 2 + (96 * (toDay(n.data("date")) - lo)) / span;
    track.append(h("li", { style: `left:${pct.toFixed(2)}%` },
      h("button", { type: "button", class: "tick", style: `background:${n.data("color")}`, dataset: { key: n.id() },
        title: `${n.data("caption")} — ${fmtDate(n.data("date"))}`, "aria-label": `${n.data("caption")}, ${fmtDate(n.data("date"))}`,
        onclick: () => onSelect({ kind: "node", id: n.id() }) })));
  });
  el.append(h("div", { class: "timeline-axis" }, h("span", {}, fmtDate(docs[0].data("date"))), track,
    h("span", {}, fmtDate(docs[docs.length - 1].data("date")))));
}
