// The lineage tree of a directive: what it carries out above it, what carries it out below it
// (national at the top, county at the bottom), inferred links dashed, with the words that say so.
import { api, clear, el, errorBox, shownOf, sourceLink } from "./api.js";
import { t } from "./i18n.js";

const LEVEL_COLOURS = {
  national: "#9b2c2c", provincial: "#c05621", city: "#2b6cb0", county: "#2f855a", township: "#38a169", department: "#6b46c1",
};

let cy = null;
let directives = new Map();

function graph() {
  if (cy) return cy;
  if (typeof cytoscape === "undefined" || typeof cytoscapeDagre === "undefined") throw new Error(t("vendor.missing"));
  cytoscape.use(cytoscapeDagre);
  cy = cytoscape({
    container: document.getElementById("lineage-canvas"), wheelSensitivity: 0.3, minZoom: 0.2, maxZoom: 3,
    style: [
      { selector: "node", style: {
        shape: "round-rectangle", width: 200, height: 58, "background-color": (n) => LEVEL_COLOURS[n.data("level")] || "#a0aec0",
        "background-opacity": (n) => (n.data("stub") ? 0.35 : 1), label: "data(label)", color: "#fff", "font-size": 10,
        "text-wrap": "wrap", "text-overflow-wrap": "anywhere", "text-max-width": 186, "text-valign": "center",
        "border-width": 0, "line-height": 1.3 } },
      { selector: "node[?stub]", style: { color: "#1a202c", "border-width": 1, "border-style": "dashed", "border-color": "#718096" } },
      { selector: "node.root", style: { "border-width": 4, "border-color": "#d69e2e" } },
      { selector: "edge", style: { width: 2, "line-color": "#4a5568", "target-arrow-shape": "triangle",
        "target-arrow-color": "#4a5568", "curve-style": "bezier" } },
      { selector: "edge[kind = 'mentions']", style: { "line-color": "#a0aec0", "target-arrow-color": "#a0aec0", "line-style": "dotted" } },
      { selector: "edge[?inferred]", style: { "line-style": "dashed", "line-color": "#805ad5", "target-arrow-color": "#805ad5" } },
      { selector: ":selected", style: { "border-width": 4, "border-color": "#d69e2e", "line-color": "#d69e2e" } },
    ],
  });
  cy.on("tap", "node", (event) => showDirective(event.target.id()));
  cy.on("tap", "edge", (event) => showLink(event.target.data()));
  window.zwgk = Object.assign(window.zwgk || {}, { lineage: cy });
  return cy;
}

function label(ref) {
  const title = ref.title ? (ref.title.length > 34 ? `${ref.title.slice(0, 34)}…` : ref.title) : "";
  return [ref.doc_number, title].filter(Boolean).join("\n") || ref.file || ref.id;
}

function showDirective(id) {
  const ref = directives.get(id);
  if (!ref) return;
  clear(document.getElementById("lineage-details"),
    el("h3", {}, ref.doc_number || ""), el("p", {}, ref.title || ref.file || ref.id),
    el("p", {}, [ref.level ? t(`level.${ref.level}`) : "", ref.region, ref.year].filter(Boolean).join(" · ")),
    el("div", { class: "links" },
      ref.stub ? null : el("a", { href: `#/doc?id=${encodeURIComponent(id)}` }, t("tab.doc")),
      el("a", { href: `#/graph?node=${encodeURIComponent(id)}` }, t("graph.open")),
      el("a", { href: `#/lineage?d=${encodeURIComponent(id)}` }, t("lineage.show"))));
}

function showLink(link) {
  const higher = directives.get(link.source), lower = directives.get(link.target);
  const name = (ref, id) => ref?.doc_number || ref?.title || id;
  clear(document.getElementById("lineage-details"),
    el("h3", {}, `${name(lower, link.target)} → ${name(higher, link.source)}`),
    el("p", {}, link.inferred ? t("lineage.inferred") : t(link.kind === "mentions" ? "lineage.mentions_link" : "lineage.implements")),
    link.evidence ? [el("blockquote", { class: "quote" }, link.evidence.text), sourceLink(link.evidence)]
      : el("p", { class: "hint" }, link.reason || t("evidence.none")));
}

export async function showLineage(name) {
  const details = document.getElementById("lineage-details");
  let view;
  try {
    view = graph();
  } catch (error) {
    clear(details, errorBox({ message: error.message }));
    return;
  }
  const mentions = document.getElementById("lineage-mentions").checked;
  let up, down;
  try {
    [up, down] = await Promise.all([
      api("lineage", { directive: name, direction: "up", depth: 6, include_mentions: mentions }),
      api("lineage", { directive: name, direction: "down", depth: 6, include_mentions: mentions }),
    ]);
  } catch (error) {
    clear(details, errorBox(error));
    return;
  }
  directives = new Map();
  const links = new Map();
  for (const result of [up, down]) {
    for (const node of result.nodes) directives.set(node.directive.id, node.directive);
    for (const link of result.links) links.set(`${link.src}|${link.dst}|${link.kind}`, link);
  }
  view.elements().remove();
  view.add([...directives.values()].map((ref) => ({
    group: "nodes", data: { id: ref.id, label: label(ref), level: ref.level || "", stub: ref.stub },
  })));
  // Draw each link from the higher directive (cited) down to the lower one (citing) so dagre ranks
  // national plans on top.
  // A page of a long lineage can hold links whose other end is on a later page: draw only whole links.
  const drawn = [...links.entries()].filter(([, link]) => directives.has(link.src) && directives.has(link.dst));
  view.add(drawn.map(([key, link]) => ({
    group: "edges",
    data: { id: key, source: link.dst, target: link.src, kind: link.kind, inferred: link.inferred,
      reason: link.reason, evidence: link.evidence },
  })));
  view.getElementById(up.root.id).addClass("root");
  view.layout({ name: "dagre", rankDir: "TB", nodeSep: 30, rankSep: 70, fit: true, padding: 20, animate: false }).run();
  if (view.zoom() > 1.2) { view.zoom(1.2); view.center(); }
  showDirective(up.root.id);
  const cut = [up, down].filter((r) => r.total_nodes > r.nodes.length);
  if (cut.length) {
    document.getElementById("lineage-details").append(el("p", { class: "hint page-note" },
      cut.map((r) => shownOf(r.offset, r.nodes.length, r.total_nodes)).join(" · ")));
  }
}

function drawLegend() {
  clear(document.getElementById("lineage-legend"),
    Object.entries(LEVEL_COLOURS).map(([level, colour]) => el("span", {},
      el("span", { class: "swatch", style: `background:${colour}` }), ` ${t(`level.${level}`)}`)),
    el("span", {}, el("span", { class: "dashed" }), ` ${t("lineage.inferred")}`));
}

export function initLineage() {
  drawLegend();
  document.getElementById("lineage-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const value = document.getElementById("lineage-input").value.trim();
    if (value) location.hash = `#/lineage?d=${encodeURIComponent(value)}`;
  });
}

export function showLineageView(params) {
  drawLegend();
  const name = params.get("d") || document.getElementById("lineage-input").value.trim();
  if (name) {
    document.getElementById("lineage-input").value = name;
    showLineage(name);
  } else if (cy) {
    cy.resize();
  }
}
