// The responsibility matrix: unit functions (or units) × domains, counts by role; a cell opens its tasks.
import { api, clear, el, errorBox, roleBadge, shownOf, sourceLink } from "./api.js";
import { t, labelOf } from "./i18n.js";

const ROLE_SHORT = { lead: "lead", responsible: "responsible", cooperating: "cooperating", reference: "reference", guiding: "guiding" };
let current = null;

function params() {
  return {
    rows: document.getElementById("matrix-rows").value,
    role: document.getElementById("matrix-role").value,
    level: document.getElementById("matrix-level").value,
    year: document.getElementById("matrix-year").value,
  };
}

function cellView(cell, max) {
  if (!cell) return el("td", { class: "cell empty" });
  const strength = Math.min(1, 0.15 + cell.tasks / max);
  return el("td", {
    class: "cell", tabindex: "0", style: `background: rgba(43, 108, 176, ${strength.toFixed(2)}); color: ${strength > 0.55 ? "#fff" : "#1a202c"}`,
    dataset: { row: cell.row, col: cell.column, tasks: String(cell.tasks) },
    title: Object.entries(cell.roles).map(([role, n]) => `${t(`role.${role}`)} ${n}`).join("，"),
    onclick: () => openCell(cell),
  }, el("span", { class: "count" }, cell.tasks),
  el("span", { class: "roles" }, Object.entries(cell.roles).map(([role, n]) => el("i", { class: `mini role-${ROLE_SHORT[role]}` }, `${t(`role.${role}`).slice(0, 1)}${n}`))));
}

function draw(grid) {
  const box = document.getElementById("matrix-table");
  if (!grid.rows.length) { clear(box, el("p", { class: "hint" }, t("matrix.empty"))); return; }
  const cells = new Map(grid.cells.map((c) => [`${c.row}|${c.column}`, c]));
  const max = Math.max(...grid.cells.map((c) => c.tasks), 1);
  clear(box, el("table", { class: "matrix", id: "matrix" },
    el("thead", {}, el("tr", {}, el("th", { class: "corner" }),
      grid.columns.map((c) => el("th", { class: "col", dataset: { col: c.id }, title: c.id }, el("div", {}, labelOf(c)))))),
    el("tbody", {}, grid.rows.map((r) => el("tr", {},
      el("th", { class: "row", dataset: { row: r.id }, title: r.id }, labelOf(r)),
      grid.columns.map((c) => cellView(cells.get(`${r.id}|${c.id}`), max)))))));
}

async function openCell(cell) {
  const details = document.getElementById("matrix-details");
  const rowAxis = current.rows.find((r) => r.id === cell.row);
  const colAxis = current.columns.find((c) => c.id === cell.column);
  clear(details, el("p", { class: "hint" }, t("loading")));
  const p = params();
  try {
    const result = await api("units-for", { domain: cell.column, role: p.role, level: p.level, year: p.year, limit: 1000 });
    const hits = result.hits.filter((h) => (p.rows === "unit" ? h.unit_id === cell.row : !h.is_group && (h.function || "function/-") === cell.row));
    clear(details,
      el("h3", {}, `${labelOf(rowAxis)} × ${labelOf(colAxis)}`),
      el("p", {}, `${cell.tasks} ${t("matrix.tasks")}`),
      result.total_hits > result.hits.length ? el("p", { class: "hint page-note" }, shownOf(0, result.hits.length, result.total_hits)) : null,
      el("div", { class: "hits" }, hits.map((h) => el("div", { class: "hit" },
        el("div", { class: "hit-head" },
          el("a", { href: `#/graph?node=${encodeURIComponent(h.unit_id)}`, class: "hit-unit" }, h.unit), roleBadge(h.role),
          sourceLink(h.evidence)),
        el("div", { class: "hit-text", title: h.evidence.text },
          h.evidence.text.length > 140 ? `${h.evidence.text.slice(0, 140)}…` : h.evidence.text)))));
  } catch (error) {
    clear(details, errorBox(error));
  }
}

export async function showMatrix() {
  const box = document.getElementById("matrix-table");
  clear(box, el("p", { class: "hint" }, t("loading")));
  try {
    current = await api("matrix", params());
    draw(current);
  } catch (error) {
    clear(box, errorBox(error));
  }
}

function options(select, values) {
  clear(select, el("option", { value: "" }, t("filter.any")), values.map(([v, text]) => el("option", { value: v }, text)));
}

export function fillMatrixOptions(vocab) {
  options(document.getElementById("matrix-role"), vocab.roles.map((r) => [r, t(`role.${r}`)]));
  options(document.getElementById("matrix-level"), vocab.levels.map((l) => [l, t(`level.${l}`)]));
  options(document.getElementById("matrix-year"), vocab.years.map((y) => [String(y), String(y)]));
}

export function initMatrix() {
  document.getElementById("matrix-form").addEventListener("submit", (event) => { event.preventDefault(); showMatrix(); });
  document.getElementById("matrix-rows").addEventListener("change", showMatrix);
}
