// A tiny element builder. Text from the API always goes through textContent, never innerHTML.

/** h("button", {class: "x", onclick: f}, "Mở") → <button class="x">Mở</button> */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") el.addEventListener(name.slice(2), value);
    else if (name === "class") el.className = value;
    else if (name === "dataset") Object.assign(el.dataset, value);
    else el.setAttribute(name, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

/** Display name of something the API may give as a string or as {name, key}. */
export function nameOf(value) {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  return value.name || value.caption || value.number || value.key || value.id || "";
}

/** Key of something the API gives as {key} / {id} (or nothing). */
export function keyOf(value) {
  if (!value || typeof value !== "object") return "";
  return value.key || value.id || "";
}
