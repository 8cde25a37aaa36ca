// The document view: the original text with the extracted title, tasks, units, deadlines and
// citations highlighted, the list of tasks beside it, and the 工作台账 export.
import { api, clear, el, errorBox, roleBadge } from "./api.js";
import { t } from "./i18n.js";

const KINDS = ["title", "task", "unit", "deadline", "citation"];
const hiddenKinds = new Set();
let listed = false;

/** Split the text at every highlight boundary; each piece knows which highlights cover it. */
export function segments(text, highlights) {
  const cuts = new Set([0, text.length]);
  for (const h of highlights) { cuts.add(Math.max(0, h.start)); cuts.add(Math.min(text.length, h.end)); }
  const points = [...cuts].sort((a, b) => a - b);
  const pieces = [];
  for (let i = 0; i < points.length - 1; i += 1) {
    const [start, end] = [points[i], points[i + 1]];
    if (start === end) continue;
    pieces.push({ start, end, covering: highlights.filter((h) => h.start <= start && h.end >= end) });
  }
  return pieces;
}

function textView(doc) {
  const pre = el("div", { class: "doc-text", id: "doc-text" });
  for (const piece of segments(doc.text, doc.highlights)) {
    const words = doc.text.slice(piece.start, piece.end);
    if (!piece.covering.length) { pre.append(words); continue; }
    const classes = piece.covering.map((h) => `hl-${h.kind}${h.role ? ` hlrole-${h.role}` : ""}`);
    const title = piece.covering.map((h) => `${t(`kind.${h.kind}`)}: ${h.label}${h.role ? ` (${h.role})` : ""}`).join("\n");
    const task = piece.covering.find((h) => h.kind === "task");
    pre.append(el("span", { class: classes.join(" "), title, dataset: { start: piece.start, task: task?.ref || "" } }, words));
  }
  return pre;
}

function legend() {
  return el("div", { class: "doc-legend" }, el("span", {}, `${t("doc.legend")}: `),
    KINDS.map((kind) => el("label", { class: `legend-kind hl-${kind}` },
      el("input", { type: "checkbox", checked: !hiddenKinds.has(kind), onchange: (event) => {
        event.target.checked ? hiddenKinds.delete(kind) : hiddenKinds.add(kind);
        document.getElementById("doc-text")?.classList.toggle(`hide-${kind}`, !event.target.checked);
      } }), t(`kind.${kind}`))));
}

function scrollToSpan(start) {
  const spans = [...document.querySelectorAll("#doc-text span[data-start]")];
  const target = spans.reverse().find((s) => Number(s.dataset.start) <= start);
  if (!target) return;
  target.scrollIntoView({ block: "center" });
  target.classList.add("flash");
  setTimeout(() => target.classList.remove("flash"), 2000);
}

function tasksView(doc) {
  return el("ol", { class: "doc-tasks" }, doc.tasks.map((task) => el("li", { value: task.task.n },
    el("a", { href: "#", onclick: (event) => { event.preventDefault(); scrollToSpan(task.evidence.char_start ?? 0); } },
      task.text.length > 60 ? `${task.text.slice(0, 60)}…` : task.text),
    el("div", { class: "task-units" }, task.assignments.map((a) => el("span", { class: "unit" }, roleBadge(a.role), a.written))),
    task.deadline_text ? el("div", { class: "deadline" }, `${t("col.deadline")}: ${task.deadline_text}`) : null)));
}

async function showDocument(id, at) {
  const body = document.getElementById("doc-body");
  clear(body, el("p", { class: "hint" }, t("loading")));
  let doc;
  try {
    doc = await api(`documents/${id.split("/").map(encodeURIComponent).join("/")}`);
  } catch (error) {
    clear(body, errorBox(error));
    return;
  }
  const d = doc.directive;
  const path = `documents/${d.id.split("/").map(encodeURIComponent).join("/")}/tasks`;
  const text = textView(doc);
  hiddenKinds.forEach((kind) => text.classList.add(`hide-${kind}`));
  clear(body,
    el("header", { class: "doc-head" },
      el("h2", {}, d.title || d.file),
      el("p", {}, [d.doc_number, d.level ? t(`level.${d.level}`) : null, d.region, doc.meta.date || d.year, d.file].filter(Boolean).join(" · ")),
      el("div", { class: "links" },
        el("a", { href: `/api/${path}?format=xlsx`, download: "" }, t("doc.ledger")),
        el("a", { href: `/api/${path}?format=csv`, download: "" }, t("doc.csv")),
        el("a", { href: `#/lineage?d=${encodeURIComponent(d.id)}` }, t("tab.lineage")),
        el("a", { href: `#/graph?node=${encodeURIComponent(d.id)}` }, t("graph.open")))),
    legend(),
    el("div", { class: "doc-columns" }, text,
      el("aside", { class: "doc-side" }, el("h3", {}, `${t("doc.tasks")} (${doc.tasks.length})`), tasksView(doc),
        doc.problems.length ? [el("h3", {}, t("doc.problems")), el("ul", { class: "problems" },
          doc.problems.map((p) => el("li", {}, `[${p.code}] ${p.line ? `L${p.line} ` : ""}${p.reason}`)))] : null)));
  if (at !== null && at !== undefined) scrollToSpan(Number(at));
}

async function list() {
  const box = document.getElementById("doc-list");
  try {
    const docs = await api("documents", { limit: 1000 });
    clear(box, el("ul", { class: "doc-index" }, docs.map((d) => el("li", {},
      el("a", { href: `#/doc?id=${encodeURIComponent(d.id)}` }, d.title || d.file),
      el("div", { class: "hint" }, [d.doc_number, d.region, d.year, `${d.tasks} ${t("matrix.tasks")}`].filter(Boolean).join(" · "))))));
    listed = true;
  } catch (error) {
    clear(box, errorBox(error));
  }
}

export function showDocumentView(params) {
  if (!listed) list();
  const id = params.get("id");
  if (id) showDocument(id, params.get("at"));
}
