// Profile sections of the side panel, loaded after the node's card: a document's trích yếu, date
// and its source, signers with capacity, counts; a person's titles and documents per year; an
// agency's abbreviation; a province's merger banner. Tables open from here (ctx callbacks).
import * as api from "./api.js";
import { h } from "./dom.js";
import { t, fmtDate } from "./i18n.js";

/** Appends the children that exist (native append would print "null"). */
function add(box, ...children) {
  box.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
}

function field(label, value) {
  if (value === undefined || value === null || value === "") return null;
  return [h("dt", {}, label), h("dd", {}, value)];
}

/** A small bar chart of documents per year (one bar per year, its count as text for screen readers). */
export function yearBars(timeline) {
  const years = (timeline || []).filter((y) => y.year);
  if (!years.length) return null;
  const max = Math.max(...years.map((y) => y.documents));
  return h("figure", { class: "year-bars" },
    h("figcaption", {}, t("profile.perYear")),
    h("ol", {}, years.map((y) => h("li", { title: `${y.year}: ${y.documents}` },
      h("span", { class: "bar", style: `height:${Math.max(4, Math.round((48 * y.documents) / max))}px` }),
      h("span", { class: "bar-n" }, String(y.documents)),
      h("span", { class: "bar-year" }, String(y.year))))));
}

function dateSourceText(source) {
  if (!source) return "";
  const key = `dateSource.${source}`;
  const text = t(key);
  return text === key ? source : text;
}

/** Fills `box` with a document's profile. ctx = {openNode(ref), openCiting(key, caption), stale()} */
export async function documentProfile(box, key, ctx) {
  const [meta, counts] = await Promise.all([api.documentMeta(key), api.documentProfile(key)]);
  if (ctx.stale()) return;
  add(box, 
    meta.title ? h("p", { class: "trich-yeu" }, h("span", { class: "sr-only" }, t("field.title"), ": "), meta.title) : null,
    h("dl", { class: "fields" },
      field(t("field.date"), meta.date ? `${fmtDate(meta.date)}${counts.date_source ? ` — ${t("profile.dateSource", { src: dateSourceText(counts.date_source) })}` : ""}` : t("profile.noDate")),
      field(t("field.place"), meta.place),
      field(t("field.issuer"), (meta.issuers || []).map((a) => a.name + (a.abbreviation ? ` (${a.abbreviation})` : "")).join("; ") || meta.issuer),
      field(t("field.source"), meta.source ? (/^https?:/.test(meta.source) ? h("a", { href: meta.source, target: "_blank", rel: "noopener" }, meta.source) : meta.source) : ""),
      field(t("field.uri"), meta.uri)),
  );
  const signers = meta.signers || [];
  add(box, h("h3", {}, t("field.signers"), ` (${signers.length})`));
  if (!signers.length) add(box, h("p", { class: "note" }, t("profile.noSigners")));
  else {
    add(box, h("ul", { class: "signers" }, signers.map((s) => h("li", {},
      h("button", { type: "button", class: "link", dataset: { key: s.key }, onclick: () => ctx.openNode({ key: s.key, kind: "person", name: s.name }) }, s.name || s.key),
      [s.capacity, s.position].filter(Boolean).length ? h("small", {}, " — ", [s.capacity, s.position].filter(Boolean).join(" · ")) : null))));
  }
  add(box, h("h3", {}, t("profile.counts")),
    h("dl", { class: "fields counts" },
      field(t("field.citesOut"), String(counts.cites)),
      field(t("field.citesIn"), String(counts.cited_by)),
      field(t("profile.mentions"), String(counts.mentions)),
      field(t("profile.assigns"), String(counts.assigns)),
      counts.reports ? field(t("field.reports"), String(counts.reports)) : null,
      counts.copies ? field(t("field.copies"), String(counts.copies)) : null));
  add(box, h("div", { class: "actions" },
    h("button", { type: "button", class: "primary", id: "btn-citing", disabled: counts.cited_by ? null : true,
      onclick: () => ctx.openCiting(key, meta.name || key) }, t("citing.open", { n: counts.cited_by }))));
}

/** Fills `box` with a person's, agency's or province's profile. */
export async function entityProfile(box, kind, key, ctx) {
  const e = await api.entity(kind, key);
  if (ctx.stale()) return;
  if (kind === "province") {
    for (const m of e.merged_into || []) {
      add(box, h("p", { class: "banner merged", role: "note" }, t("profile.mergedInto", { name: m.name, date: fmtDate(m.effective) || "?" }), " ",
        h("button", { type: "button", class: "link", onclick: () => ctx.openNode({ key: m.key, kind: "province", name: m.name }) }, t("profile.open"))));
    }
    if ((e.merged_from || []).length) {
      add(box, h("p", { class: "banner merged", role: "note" }, t("profile.mergedFrom", {
        names: e.merged_from.map((m) => m.name).join(", "),
        date: [...new Set(e.merged_from.map((m) => fmtDate(m.effective) || "?"))].join(", "),
      })));
    }
  }
  add(box, h("dl", { class: "fields" },
    field(t("profile.abbreviation"), e.abbreviation),
    field(t("profile.code"), e.code),
    field(t("profile.validFrom"), fmtDate(e.valid_from)),
    field(t("profile.validUntil"), fmtDate(e.valid_until)),
    field(t("profile.documents"), String(e.documents))));
  if ((e.titles || []).length) {
    add(box, h("h3", {}, t("profile.titles")),
      h("table", { class: "mini-table titles" },
        h("thead", {}, h("tr", {}, h("th", {}, t("profile.title")), h("th", {}, t("profile.first")), h("th", {}, t("profile.last")), h("th", {}, t("profile.documents")))),
        h("tbody", {}, e.titles.map((x) => h("tr", {}, h("td", {}, x.title), h("td", {}, fmtDate(x.first_seen)), h("td", {}, fmtDate(x.last_seen)), h("td", {}, String(x.documents)))))));
  }
  const bars = yearBars(e.timeline);
  if (bars) add(box, bars);
  add(box, h("div", { class: "actions" },
    h("button", { type: "button", class: "primary", id: "btn-entity-docs", disabled: e.documents ? null : true,
      onclick: () => ctx.openEntityDocuments(kind, e) }, t("profile.documentsTable", { n: e.documents }))));
}
