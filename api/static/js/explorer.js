// The graph explorer: start from any node, click to expand, filter by type/role/domain/level/year,
// read the source text behind any edge.
import { api, apiUrl, clear, el, errorBox, roleBadge, sourceLink, debounce } from "./api.js";
import { t, labelOf } from "./i18n.js";

export const TYPE_COLOURS = {
  Directive: "#2b6cb0", Section: "#90cdf4", Task: "#dd6b20", Unit: "#2f855a", UnitGroup: "#9ae6b4",
  Region: "#805ad5", Domain: "#c53030", UnitFunction: "#975a16",
};
const EXPAND_LIMIT = 80;

let cy = null;
let vocabulary = null;
const expanded = new Set();
const filters = { types: new Set(Object.keys(TYPE_COLOURS)), role: "", domain: "", level: "", year: "" };

function short(text, size = 14) {
  return text.length > size ? `${text.slice(0, size)}…` : text;
}

function nodeLabel(node) {
  if (node.type === "Task") return `${t("type.Task")} ${node.props.n ?? ""}: ${short(node.props.text || node.label, 12)}`;
  if (node.type === "Directive") return short(node.props.doc_number || node.label, 18);
  if (node.type === "Domain" || node.type === "UnitFunction") return short(labelOf(node.props) || node.label);
  return short(node.label, 16);
}

function elementsOf(result) {
  const nodes = result.nodes.map((n) => ({
    group: "nodes", data: { id: n.id, type: n.type, label: nodeLabel(n), full: n.label, props: n.props },
  }));
  const edges = result.edges.map((e) => ({
    group: "edges", data: { id: e.id, source: e.src, target: e.dst, type: e.type, props: e.props, role: e.props.role || "" },
  }));
  return [...nodes, ...edges];
}

function style() {
  return [
    { selector: "node", style: {
      "background-color": (n) => TYPE_COLOURS[n.data("type")] || "#718096", label: "data(label)",
      "font-size": 10, "text-valign": "bottom", "text-margin-y": 3, width: 22, height: 22, color: "#1a202c",
      "text-wrap": "ellipsis", "text-max-width": 120 } },
    { selector: "node[type = 'Directive']", style: { shape: "round-rectangle", width: 30 } },
    { selector: "node[type = 'Unit'], node[type = 'UnitGroup']", style: { shape: "ellipse", width: 26, height: 26 } },
    { selector: "node[type = 'Domain']", style: { shape: "diamond" } },
    { selector: "node.centre", style: { "border-width": 3, "border-color": "#1a202c" } },
    { selector: "node.expanded", style: { "border-width": 2, "border-color": "#4a5568" } },
    { selector: "node:selected", style: { "border-width": 4, "border-color": "#d69e2e" } },
    { selector: "edge", style: {
      width: 1.5, "line-color": "#a0aec0", "target-arrow-color": "#a0aec0", "target-arrow-shape": "triangle",
      "curve-style": "bezier", "arrow-scale": 0.8, label: "", "font-size": 8 } },
    { selector: "edge[type = 'ASSIGNED']", style: { "line-color": "#68d391", "target-arrow-color": "#68d391", label: "data(roleLabel)" } },
    { selector: "edge[role = 'lead']", style: { width: 3, "line-color": "#276749", "target-arrow-color": "#276749" } },
    { selector: "edge[type = 'INFERRED_IMPLEMENTS']", style: { "line-style": "dashed" } },
    { selector: "edge:selected", style: { width: 4, "line-color": "#d69e2e", "target-arrow-color": "#d69e2e" } },
    { selector: ".filtered", style: { display: "none" } },
  ];
}

function ensureGraph() {
  if (cy) return cy;
  if (typeof cytoscape === "undefined") throw new Error(t("vendor.missing"));
  cy = cytoscape({ container: document.getElementById("graph-canvas"), style: style(), wheelSensitivity: 0.3, minZoom: 0.2, maxZoom: 3 });
  cy.on("tap", "node", (event) => { showNode(event.target); expand(event.target.id()); });
  cy.on("tap", "edge", (event) => showEdge(event.target));
  window.zwgk = Object.assign(window.zwgk || {}, { graph: cy });
  return cy;
}

function layout(centre) {
  const visible = cy.elements().not(".filtered");
  visible.layout({ name: "cose", animate: false, randomize: false, nodeRepulsion: () => 9000, idealEdgeLength: () => 70,
    fit: true, padding: 30 }).run();
  if (cy.zoom() > 1.3) { cy.zoom(1.3); cy.center(); }
  if (centre) cy.getElementById(centre).addClass("centre");
}

export async function expand(nodeId, reset = false) {
  const details = document.getElementById("graph-details");
  try {
    ensureGraph();
  } catch (error) {
    clear(details, errorBox({ message: error.message }));
    return;
  }
  if (reset) { cy.elements().remove(); expanded.clear(); }
  if (expanded.has(nodeId) && !reset) return;
  let result;
  try {
    result = await api("neighbourhood", { node: nodeId, depth: 1, limit: EXPAND_LIMIT });
  } catch (error) {
    clear(details, errorBox(error));
    return;
  }
  const origin = cy.getElementById(nodeId);
  const at = origin.nonempty() ? origin.position() : { x: 0, y: 0 };
  const added = elementsOf(result).filter((item) => cy.getElementById(item.data.id).empty());
  added.forEach((item, i) => {
    if (item.group === "nodes") item.position = { x: at.x + 60 * Math.cos(i), y: at.y + 60 * Math.sin(i) };
    if (item.group === "edges" && item.data.role) item.data.roleLabel = t(`role.${item.data.role}`);
  });
  cy.add(added);
  expanded.add(nodeId);
  cy.getElementById(nodeId).addClass("expanded");
  applyFilters();
  layout(reset ? nodeId : null);
  if (reset) showNode(cy.getElementById(nodeId));
  if (result.truncated) details.prepend(el("p", { class: "hint" }, t("graph.truncated")));
}

function propList(props) {
  const skip = new Set(["text", "label", "search", "section", "char_start", "char_end", "line_start", "line_end", "sha256", "path"]);
  return el("dl", { class: "props" }, Object.entries(props || {}).filter(([k, v]) => !skip.has(k) && v !== "" && v !== null)
    .flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, Array.isArray(v) ? v.join("、") : String(v))]));
}

function showNode(node) {
  const data = node.data();
  const props = data.props || {};
  const links = [];
  if (data.type === "Directive" && !props.stub) links.push(el("a", { href: `#/doc?id=${encodeURIComponent(data.id)}` }, t("tab.doc")));
  if (data.type === "Directive") links.push(el("a", { href: `#/lineage?d=${encodeURIComponent(data.id)}` }, t("tab.lineage")));
  if (data.type === "Unit" || data.type === "UnitGroup") {
    links.push(el("a", { href: apiUrl("responsibilities", { unit: data.id, format: "xlsx" }) }, t("doc.ledger")));
  }
  if (data.type === "Task" && props.char_start != null) {
    links.push(sourceLink({ ...props, document_id: props.directive }));
  }
  clear(document.getElementById("graph-details"),
    el("h3", {}, el("span", { class: `type type-${data.type}` }, t(`type.${data.type}`)), " ", data.full),
    props.text && data.type === "Task" ? el("blockquote", { class: "quote" }, props.text) : null,
    el("div", { class: "links" }, links), propList(props));
}

function showEdge(edge) {
  const data = edge.data();
  const props = data.props || {};
  const source = edge.source().data();
  const documentId = source.type === "Task" ? source.props.directive : source.type === "Directive" ? source.id : null;
  const evidence = props.text ? { ...props, document_id: documentId } : null;
  clear(document.getElementById("graph-details"),
    el("h3", {}, `${edge.source().data("full")} → ${edge.target().data("full")}`),
    el("p", {}, el("code", {}, data.type), " ", props.role ? roleBadge(props.role) : null, props.written ? ` （${props.written}）` : ""),
    el("h4", {}, t("evidence")),
    evidence ? [el("blockquote", { class: "quote", id: "edge-evidence" }, props.text), sourceLink(evidence),
      props.section?.length ? el("p", { class: "hint" }, props.section.join(" › ")) : null]
      : el("p", { class: "hint", id: "edge-evidence" }, props.reason || t("evidence.none")),
    source.type === "Task" && source.props.text && source.props.text !== props.text
      ? [el("h4", {}, t("type.Task")), el("blockquote", { class: "quote context" }, source.props.text)] : null);
}

function taskMatchesDomain(props) {
  if (!filters.domain) return true;
  const top = vocabulary?.top || {};
  return (props.domains || []).some((d) => d === filters.domain || top[d] === filters.domain);
}

export function applyFilters() {
  if (!cy) return;
  cy.batch(() => {
    cy.nodes().forEach((node) => {
      const { type, props } = node.data();
      let keep = filters.types.has(type);
      if (keep && type === "Task") keep = taskMatchesDomain(props);
      if (keep && type === "Directive") {
        keep = (!filters.level || props.level === filters.level) && (!filters.year || String(props.year) === filters.year);
      }
      node.toggleClass("filtered", !keep);
    });
    cy.edges().forEach((edge) => {
      const hidden = edge.source().hasClass("filtered") || edge.target().hasClass("filtered") ||
        (filters.role && edge.data("type") === "ASSIGNED" && edge.data("role") !== filters.role);
      edge.toggleClass("filtered", Boolean(hidden));
    });
  });
}

function select(id, label, options, onChange) {
  const node = el("select", { id, onchange: (event) => onChange(event.target.value) },
    el("option", { value: "" }, t("filter.any")), options.map(([value, text]) => el("option", { value }, text)));
  return el("label", {}, `${label} `, node);
}

export function drawFilters(vocab) {
  vocabulary = vocab;
  const types = el("fieldset", { class: "types" }, el("legend", {}, t("filter.types")),
    Object.keys(TYPE_COLOURS).map((type) => el("label", { class: "type-check" },
      el("input", { type: "checkbox", checked: filters.types.has(type), value: type, onchange: (event) => {
        event.target.checked ? filters.types.add(type) : filters.types.delete(type);
        applyFilters();
      } }), el("span", { class: "swatch", style: `background:${TYPE_COLOURS[type]}` }), t(`type.${type}`))));
  const topDomains = vocab.domains.filter((d) => vocab.top[d.id] === d.id);
  clear(document.getElementById("graph-filters"), types,
    select("filter-role", t("filter.role"), vocab.roles.map((r) => [r, t(`role.${r}`)]), (v) => { filters.role = v; applyFilters(); }),
    select("filter-domain", t("filter.domain"), topDomains.map((d) => [d.id, labelOf(d)]), (v) => { filters.domain = v; applyFilters(); }),
    select("filter-level", t("filter.level"), vocab.levels.map((l) => [l, t(`level.${l}`)]), (v) => { filters.level = v; applyFilters(); }),
    select("filter-year", t("filter.year"), vocab.years.map((y) => [String(y), String(y)]), (v) => { filters.year = v; applyFilters(); }));
  clear(document.getElementById("graph-legend"), Object.entries(TYPE_COLOURS).map(([type, colour]) =>
    el("span", { class: "legend-item" }, el("span", { class: "swatch", style: `background:${colour}` }), t(`type.${type}`))));
}

async function pick(text) {
  const box = document.getElementById("graph-picks");
  if (!text.trim()) { clear(box); return; }
  try {
    const hits = await api("search", { q: text, limit: 8 });
    clear(box, hits.map((h) => el("button", { type: "button", class: "pick", dataset: { id: h.id },
      onclick: () => { clear(box); location.hash = `#/graph?node=${encodeURIComponent(h.id)}`; } },
      el("span", { class: `type type-${h.type}` }, t(`type.${h.type}`)), ` ${h.label}`)));
  } catch (error) {
    clear(box, errorBox(error));
  }
}

export function initExplorer() {
  const input = document.getElementById("graph-input");
  input.addEventListener("input", debounce(() => pick(input.value)));
  document.getElementById("graph-form").addEventListener("submit", (event) => { event.preventDefault(); pick(input.value); });
  document.getElementById("graph-clear").addEventListener("click", () => { if (cy) cy.elements().remove(); expanded.clear(); });
}

export function showExplorer(params) {
  const node = params.get("node");
  if (node) expand(node, true);
  else if (cy) cy.resize();
}
