// UI strings live in i18n/vi.json (Vietnamese first) and i18n/en.json; this module only looks them up.
import vi from "./i18n/vi.json";
import en from "./i18n/en.json";

const TABLES = { vi, en };
let current = "vi";

/** Current language code ("vi" or "en"). */
export function lang() {
  return current;
}

export function setLang(code) {
  current = TABLES[code] ? code : "vi";
  document.documentElement.lang = current;
}

/** t("search.none", {q: "nq 128"}) → "Không tìm thấy kết quả cho “nq 128”." */
export function t(key, params = {}) {
  const text = TABLES[current][key] ?? TABLES.vi[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in params ? String(params[name]) : `{${name}}`));
}

/** Fills every [data-i18n] element (text) and [data-i18n-attr="attr:key,…"] (attributes). */
export function applyStatic(root = document) {
  for (const el of root.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll("[data-i18n-attr]")) {
    for (const pair of el.dataset.i18nAttr.split(",")) {
      const [attr, key] = pair.split(":");
      el.setAttribute(attr, t(key));
    }
  }
  document.title = t("app.title");
}

/** ISO "2021-10-27" (or a datetime) → "27/10/2021"; anything else is returned unchanged. */
export function fmtDate(value) {
  if (!value) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(value));
  return m ? `${m[3]}/${m[2]}/${m[1]}` : String(value);
}

/** Today as dd/mm/yyyy, for export footers. */
export function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}`;
}
