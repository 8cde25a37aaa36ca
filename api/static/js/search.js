// The search box (documents, tasks, units) and the question box (ask), with how a question was understood.
import { api, clear, el, errorBox, roleBadge, shownOf, sourceLink, table } from "./api.js";
import { t, currentLang } from "./i18n.js";

const EXAMPLES = {
  zh: ["哪些单位牵头财政信息公开工作？", "赣州市大数据管理局牵头哪些任务？", "国办发〔2019〕54号的下级文件有哪些？"],
  en: ["Which units lead fiscal-information disclosure tasks?", "Which tasks does Ganzhou's 市大数据管理局 lead?"],
};

function graphLink(id, label) {
  return el("a", { href: `#/graph?node=${encodeURIComponent(id)}`, title: t("graph.open") }, label);
}

function taskCell(ref, evidence) {
  return el("span", { class: "task-ref" }, `#${ref.n} `, evidence ? sourceLink(evidence) : ref.file || "");
}

function unitTasks(u) {
  const refs = u.tasks.map((ref) => el("a", { class: "task-ref", href: `#/doc?id=${encodeURIComponent(ref.directive_id)}` },
    `${ref.file || ref.directive_id} #${ref.n}`));
  const more = u.task_count - u.tasks.length;
  return more > 0 ? [...refs, el("span", { class: "hint" }, ` +${more}`)] : refs;
}

function pageNote(offset, count, total) {
  return total > count ? el("p", { class: "hint page-note" }, shownOf(offset, count, total)) : null;
}

function unitsForAnswer(answer) {
  const units = answer.by_unit || [];
  return [
    el("p", { class: "summary totals" }, `${answer.total_units} ${t("page.units")} · ${answer.total_hits} ${t("page.assignments")}`),
    table([
      { title: t("col.unit"), cell: (u) => graphLink(u.unit_id, u.unit) },
      { title: t("col.region"), cell: (u) => u.region || "" },
      { title: t("col.role"), cell: (u) => u.roles.map(roleBadge) },
      { title: t("col.source"), cls: "sources", cell: unitTasks },
    ], units),
    pageNote(answer.offset, units.length, answer.total_units),
  ];
}

function responsibilityAnswer(answer) {
  const rows = Array.isArray(answer) ? answer : answer.rows;
  return [table([
    { title: t("col.role"), cell: (r) => roleBadge(r.role) },
    { title: t("col.task"), cls: "text", cell: (r) => r.text },
    { title: t("col.deadline"), cell: (r) => r.deadline_text || r.deadline || "" },
    { title: t("col.document"), cell: (r) => r.directive.doc_number || r.directive.title || r.directive.file || "" },
    { title: t("col.source"), cell: (r) => sourceLink(r.evidence) },
  ], rows), Array.isArray(answer) ? null : pageNote(answer.offset, rows.length, answer.total)];
}

function lineageAnswer(answer) {
  return [table([
    { title: "", cell: (n) => "·".repeat(n.depth) },
    { title: t("col.document"), cell: (n) => el("a", { href: `#/lineage?d=${encodeURIComponent(n.directive.id)}` }, n.directive.doc_number || n.directive.id) },
    { title: "", cls: "text", cell: (n) => n.directive.title || "" },
    { title: t("filter.level"), cell: (n) => (n.directive.level ? t(`level.${n.directive.level}`) : "") },
  ], answer.nodes || []), pageNote(answer.offset, (answer.nodes || []).length, answer.total_nodes)];
}

function searchAnswer(hits) {
  if (!hits.length) return el("p", { class: "hint" }, t("search.none"));
  return table([
    { title: t("col.type"), cell: (h) => el("span", { class: `type type-${h.type}` }, t(`type.${h.type}`)) },
    { title: t("col.name"), cell: (h) => {
      const name = h.label.length > 40 ? `${h.label.slice(0, 40)}…` : h.label;
      return h.type === "Directive" ? el("a", { href: `#/doc?id=${encodeURIComponent(h.id)}` }, name) : graphLink(h.id, name);
    } },
    { title: "", cls: "text", cell: (h) => h.snippet },
    { title: t("col.source"), cell: (h) => (h.evidence ? sourceLink(h.evidence) : graphLink(h.id, "⟶")) },
  ], hits);
}

function tasksAnswer(rows) {
  return table([
    { title: "#", cell: (r) => r.task.n },
    { title: t("col.task"), cls: "text", cell: (r) => r.text },
    { title: t("col.unit"), cell: (r) => r.assignments.map((a) => el("span", { class: "task-ref" }, roleBadge(a.role), a.written)) },
    { title: t("col.deadline"), cell: (r) => r.deadline_text || r.deadline || "" },
    { title: t("col.document"), cell: (r) => r.directive.doc_number || r.directive.title || r.directive.file || "" },
    { title: t("col.source"), cell: (r) => sourceLink(r.evidence) },
  ], rows);
}

function citedByAnswer(rows) {
  return table([
    { title: t("col.document"), cell: (r) => el("a", { href: `#/doc?id=${encodeURIComponent(r.directive.id)}` },
      r.directive.title || r.directive.doc_number || r.directive.file) },
    { title: "", cell: (r) => t(r.relation === "implements" ? "lineage.implements" : "lineage.mentions_link") },
    { title: "", cls: "text", cell: (r) => r.evidence.text },
    { title: t("col.source"), cell: (r) => sourceLink(r.evidence) },
  ], rows);
}

const RENDERERS = {
  find_tasks: tasksAnswer,
  cited_by: citedByAnswer,
  units_for: unitsForAnswer,
  responsibilities: responsibilityAnswer,
  lineage: lineageAnswer,
  search: searchAnswer,
};

export function renderAnswer(query, answer) {
  const render = RENDERERS[query];
  if (render) return render(answer);
  return el("pre", { class: "json" }, JSON.stringify(answer, null, 1));
}

function understood(result) {
  if (!result.understood) {
    return el("div", { class: "understood no" }, t("ask.notUnderstood"),
      result.suggestions?.length ? el("div", {}, `${t("ask.try")}: `, result.suggestions.join(" / ")) : null);
  }
  const params = Object.entries(result.params || {}).filter(([, v]) => v !== null && v !== undefined && v !== "");
  return el("div", { class: "understood", id: "ask-understood" },
    el("span", { class: "label" }, `${t("ask.understood")}: `),
    el("code", {}, `${result.query}(${params.map(([k, v]) => `${k}=${v}`).join(", ")})`),
    result.summary ? el("p", { class: "summary" }, result.summary) : null);
}

async function ask(question) {
  const box = document.getElementById("ask-result");
  clear(box, el("p", { class: "hint" }, t("loading")));
  try {
    const result = await api("ask", { q: question });
    clear(box, understood(result), result.understood ? renderAnswer(result.query, result.answer) : null);
  } catch (error) {
    clear(box, errorBox(error));
  }
}

const SEARCH_PAGE = 50;

async function search(text, offset = 0) {
  const box = document.getElementById("search-result");
  clear(box, el("p", { class: "hint" }, t("loading")));
  try {
    const body = await api("search", { q: text, limit: SEARCH_PAGE, offset }, true);
    const more = body.page && body.page.next
      ? el("button", { type: "button", class: "more", id: "search-more", onclick: () => search(text, offset + SEARCH_PAGE) }, t("page.more"))
      : null;
    clear(box, searchAnswer(body.data), pageNote(offset, body.data.length, body.page ? body.page.total : 0), more);
  } catch (error) {
    clear(box, errorBox(error));
  }
}

export function initSearch() {
  const askInput = document.getElementById("ask-input");
  const searchInput = document.getElementById("search-input");
  document.getElementById("ask-form").addEventListener("submit", (event) => {
    event.preventDefault();
    if (askInput.value.trim()) ask(askInput.value.trim());
  });
  document.getElementById("search-form").addEventListener("submit", (event) => {
    event.preventDefault();
    if (searchInput.value.trim()) search(searchInput.value.trim());
  });
  const examples = document.getElementById("ask-examples");
  const drawExamples = () => clear(examples, EXAMPLES[currentLang()].map((q) =>
    el("button", { type: "button", class: "example", onclick: () => { askInput.value = q; ask(q); } }, q)));
  drawExamples();
  document.getElementById("lang").addEventListener("click", drawExamples);
}

export function showSearch(params) {
  if (params.get("q")) {
    document.getElementById("search-input").value = params.get("q");
    search(params.get("q"));
  }
  if (params.get("ask")) {
    document.getElementById("ask-input").value = params.get("ask");
    ask(params.get("ask"));
  }
}
