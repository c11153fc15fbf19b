// The one search box: documents by number in any spelling, people, agencies (abbreviations too)
// and provinces, with or without diacritics. The server does the matching (/v1/search); this
// module groups the hits by kind and makes them reachable by keyboard (a combobox + listbox).
import * as api from "./api.js";
import { h, clear } from "./dom.js";
import { t, fmtDate } from "./i18n.js";

const KINDS = ["document", "person", "agency", "province"];
// One request per kind: scores of documents and of entities come from different full-text
// indexes and are not comparable, so a single ranked list lets many document numbers containing
// "BYT" push the agency Bộ Y tế (abbreviation BYT) out of sight. Each group gets its own quota.
const LIMITS = { document: 12, person: 6, agency: 6, province: 6 };
const DEBOUNCE_MS = 250;

export class SearchBox {
  /** @param {{input: HTMLInputElement, form: HTMLFormElement, results: HTMLElement, onOpen: Function}} parts */
  constructor({ input, form, results, onOpen, spinner }) {
    this.input = input;
    this.spinner = spinner;
    this.abort = null;
    this.results = results;
    this.onOpen = onOpen;
    this.items = [];
    this.active = -1;
    this.seq = 0;
    this.timer = null;
    input.addEventListener("input", () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.run(), DEBOUNCE_MS);
    });
    input.addEventListener("keydown", (e) => this.onKey(e));
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const item = this.items[this.active];
      if (this.active >= 0 && item) this.choose(item.kind === "text" ? { ...item, kind: "document" } : item);
      else this.run();
    });
  }

  async run() {
    const q = this.input.value.trim();
    const seq = ++this.seq;
    this.abort?.abort(); // a stale request is cancelled, not just ignored
    if (!q) {
      this.busy(false);
      return this.close();
    }
    this.abort = new AbortController();
    const signal = this.abort.signal;
    this.busy(true);
    let bodies;
    let texts = [];
    try {
      const inBodies = q.length >= 3 ? api.searchBodies(q, { limit: 8, signal }).catch((err) => {
        if (err.name === "AbortError") throw err;
        return { results: [] }; // body search is a bonus: its failure must not hide the other hits
      }) : Promise.resolve({ results: [] });
      [bodies, texts] = await Promise.all([Promise.all(KINDS.map((kind) => api.search(q, { kind, limit: LIMITS[kind], signal }))), inBodies.then((b) => b.results || [])]);
    } catch (err) {
      if (err.name === "AbortError") return;
      if (seq === this.seq) {
        this.busy(false);
        this.renderMessage(t("search.error", { msg: err.message }));
      }
      return;
    }
    if (seq !== this.seq) return; // an older answer arriving late must not replace a newer one
    this.busy(false);
    const seen = new Set();
    const results = bodies.flatMap((b) => b.results || []).filter((r) => !seen.has(r.key) && seen.add(r.key));
    this.render(q, results, texts.map((r) => ({ ...r, kind: "text" })));
  }

  busy(on) {
    if (this.spinner) this.spinner.hidden = !on;
    this.input.setAttribute("aria-busy", String(on));
  }

  renderMessage(text) {
    clear(this.results).append(h("p", { class: "search-msg", role: "status" }, text));
    this.results.hidden = false;
    this.items = [];
    this.active = -1;
  }

  render(q, results, texts = []) {
    if (!results.length && !texts.length) return this.renderMessage(t("search.none", { q }));
    clear(this.results);
    this.results.dataset.q = q; // which query the list answers (a test waits for its own)
    this.items = [];
    this.results.append(h("p", { class: "sr-only", role: "status" }, t("search.count", { n: results.length })));
    // A group holding an exact match (a document number, an agency's code, a province's alias) comes
    // first: "BTC" opens on Bộ Tài chính, not on the circulars numbered …/TT-BTC.
    const exact = (kind) => results.some((r) => (r.kind || "document") === kind && r.match === "exact");
    const order = [...KINDS].sort((a, b) => Number(exact(b)) - Number(exact(a)));
    for (const kind of [...order, "text"]) {
      const hits = kind === "text" ? texts : results.filter((r) => (r.kind || "document") === kind);
      if (!hits.length) continue;
      const list = h("ul", { role: "group", "aria-label": t(`group.${kind}`) });
      if (hits.some((r) => r.match === "ambiguous") && !hits.some((r) => r.match === "exact")) {
        list.append(h("li", { class: "search-msg ambiguous", role: "presentation" }, t("search.ambiguous", { q })));
      }
      for (const hit of hits) {
        const index = this.items.length;
        this.items.push(hit);
        const meta = [hit.type && hit.type !== hit.name ? hit.type : "", fmtDate(hit.date)].filter(Boolean).join(" · ");
        list.append(
          h("li", {
              role: "option", id: `search-opt-${index}`, class: `search-hit kind-${kind}`, tabindex: "-1",
              dataset: { key: hit.key, kind }, "aria-selected": "false",
              onclick: () => this.choose(kind === "text" ? { ...hit, kind: "document" } : hit), onmousemove: () => this.highlight(index),
            },
            h("span", { class: "hit-name" }, hit.name || hit.number || hit.key),
            hit.match === "ambiguous" ? h("span", { class: "hit-meta" }, hit.key) : null,
            meta ? h("span", { class: "hit-meta" }, meta) : null,
            hit.title ? h("span", { class: "hit-title" }, hit.title) : null,
            hit.snippet ? h("span", { class: "hit-snippet" }, hit.snippet) : null),
        );
      }
      this.results.append(h("section", { class: "search-group" }, h("h3", {}, t(`group.${kind}`)), list));
    }
    this.results.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
    this.highlight(0);
  }

  highlight(index) {
    this.active = index;
    this.results.querySelectorAll("[role=option]").forEach((el, i) => el.setAttribute("aria-selected", String(i === index)));
    const el = this.results.querySelector(`#search-opt-${index}`);
    if (el) {
      this.input.setAttribute("aria-activedescendant", el.id);
      el.scrollIntoView({ block: "nearest" });
    }
  }

  onKey(e) {
    if (e.key === "ArrowDown" && this.items.length) {
      e.preventDefault();
      this.highlight(Math.min(this.items.length - 1, this.active + 1));
    } else if (e.key === "ArrowUp" && this.items.length) {
      e.preventDefault();
      this.highlight(Math.max(0, this.active - 1));
    } else if (e.key === "Escape") {
      this.close();
    }
  }

  choose(hit) {
    this.close();
    this.onOpen(hit);
  }

  close() {
    this.results.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
    this.items = [];
    this.active = -1;
  }
}
