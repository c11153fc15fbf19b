// The table view over the canvas: citing documents, an entity's documents, rankings, a path written
// out. Every table sorts by any column, filters by document type, exports CSV and puts its rows
// on the canvas in one click.
import { h, clear } from "./dom.js";
import { t, fmtDate } from "./i18n.js";
import { download } from "./export.js";

/** One CSV cell: quoted when needed, formula-looking text defused (=, +, -, @ at the start). */
export function csvCell(value) {
  let text = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(columns, rows) {
  const lines = [columns.map((c) => csvCell(c.label)).join(",")];
  for (const row of rows) lines.push(columns.map((c) => csvCell(c.text ? c.text(row) : row[c.key])).join(","));
  return "\uFEFF" + lines.join("\r\n") + "\r\n";
}

function cellText(col, row) {
  const v = col.text ? col.text(row) : row[col.key];
  return v === null || v === undefined ? "" : String(v);
}

function compare(col, a, b) {
  const x = col.sortValue ? col.sortValue(a) : cellText(col, a);
  const y = col.sortValue ? col.sortValue(b) : cellText(col, b);
  if (typeof x === "number" && typeof y === "number") return x - y;
  return String(x).localeCompare(String(y), "vi", { numeric: true });
}

/**
 * Shows a table in `el`.
 * spec = {id, title, subtitle?, columns: [{key, label, text?(row), render?(row), sortValue?(row)}],
 *         rows, sort?: {key, desc}, typeKey?: "type", onCanvas?(rows), csvName, note?, controls?: [Node]}
 */
export function showTable(el, spec, onClose) {
  const state = { sort: spec.sort || null, type: "" };
  const types = spec.typeKey ? [...new Set(spec.rows.map((r) => r[spec.typeKey]).filter(Boolean))].sort((a, b) => a.localeCompare(b, "vi")) : [];

  function visibleRows() {
    let rows = spec.rows.filter((r) => !state.type || r[spec.typeKey] === state.type);
    if (state.sort) {
      const col = spec.columns.find((c) => c.key === state.sort.key);
      if (col) rows = [...rows].sort((a, b) => (state.sort.desc ? -1 : 1) * compare(col, a, b));
    }
    return rows;
  }

  function render() {
    clear(el);
    const rows = visibleRows();
    const typeSel = types.length > 1
      ? h("label", {}, t("table.filterType"), " ",
          h("select", { class: "table-type", onchange: (e) => { state.type = e.target.value; render(); } },
            h("option", { value: "" }, t("filters.all")),
            types.map((x) => h("option", { value: x, selected: x === state.type ? true : null }, x))))
      : null;
    el.append(...[
      h("header", { class: "table-head" },
        h("h2", { id: "table-title", tabindex: "-1" }, spec.title),
        h("button", { type: "button", class: "subtle close", "aria-label": t("table.close"), onclick: onClose }, "×")),
      spec.subtitle ? h("p", { class: "table-sub" }, spec.subtitle) : null,
      spec.banner || null,
      h("div", { class: "table-tools" },
        spec.controls || null,
        typeSel,
        h("span", { class: "table-count", role: "status" }, t("table.count", { n: rows.length, total: spec.total ?? spec.rows.length })),
        spec.onCanvas ? h("button", { type: "button", class: "primary", id: "btn-table-canvas", onclick: () => spec.onCanvas(rows) }, t("table.toCanvas")) : null,
        h("button", { type: "button", id: "btn-table-csv", onclick: () => download(new Blob([toCsv(spec.columns, rows)], { type: "text/csv;charset=utf-8" }), spec.csvName || "danchieu-table.csv") }, t("table.csv"))),
      spec.note ? h("p", { class: "note" }, spec.note) : null,
    ].filter(Boolean));
    if (!rows.length) {
      el.append(h("p", { class: "note" }, t("table.empty")));
      return;
    }
    const head = h("tr", {}, spec.columns.map((c) => {
      const active = state.sort && state.sort.key === c.key;
      return h("th", { scope: "col", "aria-sort": active ? (state.sort.desc ? "descending" : "ascending") : "none" },
        h("button", { type: "button", class: "sort", dataset: { key: c.key }, onclick: () => {
          state.sort = { key: c.key, desc: active ? !state.sort.desc : false };
          render();
        } }, c.label, active ? (state.sort.desc ? " ▼" : " ▲") : ""));
    }));
    const body = rows.map((row) => h("tr", { dataset: { key: row.key || "" } },
      spec.columns.map((c) => h("td", { dataset: { col: c.key } }, c.render ? c.render(row) : cellText(c, row)))));
    el.append(h("div", { class: "table-scroll" }, h("table", { class: "data-table", id: spec.id }, h("thead", {}, head), h("tbody", {}, body))));
  }

  render();
  el.hidden = false;
  document.body.classList.add("table-open");
  el.querySelector("#table-title")?.focus();
  return { rerender: render };
}

export function hideTable(el) {
  el.hidden = true;
  clear(el);
  document.body.classList.remove("table-open");
}

/** Common columns of document rows. */
export function documentColumns(onOpen) {
  return [
    { key: "type", label: t("field.type") },
    { key: "name", label: t("field.number"), text: (r) => r.number || r.name || r.key,
      render: (r) => h("button", { type: "button", class: "link", onclick: () => onOpen(r) }, r.number || r.name || r.key) },
    { key: "date", label: t("field.date"), text: (r) => fmtDate(r.date), sortValue: (r) => r.date || "" },
    { key: "issuer", label: t("field.issuer") },
    { key: "title", label: t("field.title") },
  ];
}
