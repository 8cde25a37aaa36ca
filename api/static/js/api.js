// Calls to the JSON API and the small DOM helpers every view shares.
import { t } from "./i18n.js";

export class ApiFailure extends Error {
  constructor(status, error) {
    super(error.message);
    this.status = status;
    this.code = error.code;
    this.detail = error.detail;
  }
}

/** GET /api/<path> with query params; resolves to the "data" of the answer (or the whole body). */
export async function api(path, params = {}, whole = false) {
  const url = new URL(`/api/${path}`, location.origin);
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") url.searchParams.set(key, value);
  }
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({ error: { code: "A500", message: response.statusText } }));
  if (!response.ok) throw new ApiFailure(response.status, body.error || { code: "?", message: response.statusText });
  return whole ? body : body.data;
}

export function apiUrl(path, params = {}) {
  const url = new URL(`/api/${path}`, location.origin);
  for (const [key, value] of Object.entries(params)) if (value) url.searchParams.set(key, value);
  return url.pathname + url.search;
}

/** Create an element: el("td", {class: "x", onclick: f}, "text", child). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function clear(node, ...children) {
  node.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined));
}

/** A visible error in the common shape, with suggestions when the server gave some. */
export function errorBox(error) {
  const suggestions = error.detail?.suggestions || [];
  return el("div", { class: "error-box", role: "alert" },
    el("strong", {}, `${t("error")} ${error.code || ""}: `), error.message,
    suggestions.length ? el("div", { class: "suggest" }, suggestions.join("、")) : null);
}

export function showMessage(text, kind = "error") {
  const box = document.getElementById("message");
  box.textContent = text;
  box.className = `banner ${kind}`;
  box.hidden = !text;
}

/** "文件 第x–y行" citation of an evidence record, linking to the document view at that span. */
export function sourceLink(evidence) {
  if (!evidence) return "";
  const lines = evidence.line_start == null ? ""
    : evidence.line_start === evidence.line_end ? ` L${evidence.line_start}` : ` L${evidence.line_start}–${evidence.line_end}`;
  const hash = `#/doc?id=${encodeURIComponent(evidence.document_id)}` +
    (evidence.char_start != null ? `&at=${evidence.char_start}&end=${evidence.char_end}` : "");
  return el("a", { href: hash, class: "source", title: (evidence.section || []).join(" › ") }, `${evidence.file || evidence.document_id}${lines}`);
}

/** "显示第 1–50 条，共 1234 条": which part of a paged answer is on screen. */
export function shownOf(offset, count, total) {
  return t("page.shown").replace("{from}", count ? offset + 1 : 0).replace("{to}", offset + count).replace("{total}", total);
}

export function roleBadge(role) {
  return el("span", { class: `role role-${role}` }, t(`role.${role}`));
}

export function table(columns, rows) {
  return el("table", { class: "grid" },
    el("thead", {}, el("tr", {}, columns.map((c) => el("th", {}, c.title)))),
    el("tbody", {}, rows.map((row) => el("tr", {}, columns.map((c) => el("td", { class: c.cls }, c.cell(row)))))));
}

export function debounce(fn, ms = 250) {
  let timer;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}
