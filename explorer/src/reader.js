// The document reader: metadata (number, type, issuer, date, signers, copies, news reports) and
// the text with people, agencies, provinces and citations highlighted and clickable. Offsets from
// /v1/documents/{key}/text point into the same normalised text the evidence offsets use.
import * as api from "./api.js";
import { h, clear, nameOf, keyOf } from "./dom.js";
import { t, fmtDate } from "./i18n.js";

/**
 * Non-overlapping spans in text order; an outer span wins over one nested inside it (a citation
 * "Nghị quyết số 128/NQ-CP của Chính phủ" keeps priority over "Chính phủ" inside it).
 */
export function flattenSpans(spans, length) {
  const sorted = [...(spans || [])]
    .filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.start < s.end && s.end <= length)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const out = [];
  let cursor = 0;
  for (const s of sorted) {
    if (s.start < cursor) continue;
    out.push(s);
    cursor = s.end;
  }
  return out;
}

/** Text → DOM with <mark> per span and an evidence highlight between hit.start and hit.end. */
function renderText(text, spans, hit, onEntity) {
  const root = h("div", { class: "reader-text", lang: "vi" });
  const cuts = new Set([0, text.length]);
  for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
  if (hit) { cuts.add(hit.start); if (hit.end > hit.start) cuts.add(Math.min(hit.end, text.length)); }
  const points = [...cuts].filter((x) => x >= 0 && x <= text.length).sort((a, b) => a - b);
  let spanIdx = 0;
  for (let i = 0; i < points.length - 1; i++) {
    const [a, b] = [points[i], points[i + 1]];
    while (spanIdx < spans.length && spans[spanIdx].end <= a) spanIdx++;
    const span = spans[spanIdx] && spans[spanIdx].start <= a && b <= spans[spanIdx].end ? spans[spanIdx] : null;
    let node = document.createTextNode(text.slice(a, b));
    if (span) {
      // A span cut by the evidence highlight becomes two <mark>s with the same data-start.
      node = h("mark", {
        class: `ent ent-${span.kind}`, tabindex: "0", role: "button",
        dataset: { kind: span.kind, key: span.key || "", start: String(span.start) },
        title: span.label || "", onclick: () => onEntity(span),
        onkeydown: (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); onEntity(span); } },
      }, node);
    }
    if (hit && a >= hit.start && b <= Math.max(hit.end, hit.start + 1)) {
      node = h("span", { class: "evidence-hit" }, node);
    }
    root.append(node);
  }
  if (hit) {
    const anchor = h("span", { id: "reader-at", class: "reader-anchor", "aria-hidden": "true" });
    const first = root.querySelector(".evidence-hit");
    if (first) first.before(anchor);
    else root.prepend(anchor);
  }
  return root;
}

function listOf(items, onOpen) {
  if (!items || !items.length) return null;
  return h("ul", { class: "meta-list" }, items.map((item) => {
    const key = keyOf(item);
    const extra = [item.position, item.capacity, item.kind, fmtDate(item.date)].filter((x) => typeof x === "string" && x).join(" · ");
    const label = nameOf(item);
    return h("li", {},
      key ? h("button", { type: "button", class: "link", dataset: { key }, onclick: () => onOpen({ key, name: label, kind: item.kind_of || undefined }) }, label) : label,
      extra ? h("small", {}, ` ${extra}`) : null);
  }));
}

function metaBlock(meta, onOpen) {
  const dl = h("dl", { class: "fields" });
  const add = (label, value) => {
    if (value === undefined || value === null || value === "" || (Array.isArray(value) && !value.length)) return;
    dl.append(h("dt", {}, label), h("dd", {}, value));
  };
  add(t("field.number"), meta.number);
  add(t("field.type"), meta.type);
  add(t("field.issuer"), nameOf(meta.issuer));
  add(t("field.date"), fmtDate(meta.date));
  add(t("field.title"), meta.title);
  add(t("field.signers"), listOf(meta.signers, onOpen));
  add(t("field.copies"), listOf(meta.copies, onOpen));
  add(t("field.reports"), listOf(meta.reports, onOpen));
  add(t("field.citesOut"), listOf(meta.citations_out, onOpen));
  add(t("field.citesIn"), listOf(meta.citations_in, onOpen));
  return dl;
}

export class Reader {
  /** @param {HTMLElement} el @param {{onEntity: Function, onClose: Function}} hooks */
  constructor(el, hooks) {
    this.el = el;
    this.hooks = hooks;
    this.key = "";
    this.seq = 0;
  }

  /** Opens `key`, scrolled to `hit` = {start, end} when given. */
  async open(key, hit = null) {
    const seq = ++this.seq;
    this.key = key;
    this.el.hidden = false;
    clear(this.el).append(h("p", { role: "status" }, t("reader.loading")));
    let meta;
    let text;
    try {
      [meta, text] = await Promise.all([api.documentMeta(key), api.documentText(key)]);
    } catch (err) {
      if (seq === this.seq) clear(this.el).append(this.head(key), h("p", { class: "error", role: "alert" }, t("reader.error", { msg: err.message })));
      return;
    }
    if (seq !== this.seq) return;
    const body = text.text || "";
    const spans = flattenSpans(text.spans, body.length);
    const onOpen = (item) => this.hooks.onEntity({ key: item.key, label: item.name, kind: item.kind });
    clear(this.el).append(
      this.head(meta.name || [meta.type, meta.number].filter(Boolean).join(" ") || key),
      metaBlock(meta, onOpen),
      h("p", { class: "note small" }, t("reader.legend")),
      body ? renderText(body, spans, hit, (span) => this.hooks.onEntity(span)) : h("p", { class: "note" }, t("reader.notext")),
    );
    this.el.dataset.key = key;
    const anchor = this.el.querySelector("#reader-at");
    if (anchor) anchor.scrollIntoView({ block: "center" });
    else this.el.scrollTop = 0;
    this.el.querySelector("h2")?.focus();
  }

  head(title) {
    return h("header", { class: "panel-head reader-head" },
      h("h2", { tabindex: "-1" }, `${t("reader.title")}: ${title}`),
      h("button", { type: "button", class: "close", "aria-label": t("reader.close"), onclick: () => this.hooks.onClose() }, "×"));
  }

  close() {
    this.seq++;
    this.key = "";
    this.el.hidden = true;
    clear(this.el);
  }
}
