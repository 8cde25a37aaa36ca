// Interface words in Chinese (default) and English; the documents themselves stay as written.

const WORDS = {
  zh: {
    "app.title": "政务公开知识图谱",
    "tab.search": "搜索与问答", "tab.graph": "图谱浏览", "tab.lineage": "文件沿革",
    "tab.matrix": "责任矩阵", "tab.doc": "文件",
    "ask.label": "提问", "ask.button": "提问", "ask.placeholder": "例如：哪些单位牵头财政信息公开工作？",
    "ask.understood": "理解为", "ask.notUnderstood": "未能理解这个问题", "ask.try": "可以试试",
    "search.label": "搜索", "search.button": "搜索", "search.placeholder": "文件、任务、单位，例如：财政局",
    "search.none": "没有找到匹配的文件、任务或单位。",
    "page.shown": "显示第 {from}–{to} 条，共 {total} 条", "page.more": "下一页", "page.units": "个单位",
    "page.assignments": "条任务分工",
    "graph.placeholder": "从任一节点开始：单位、文件、任务……", "graph.start": "开始", "graph.clear": "清空",
    "graph.hint": "点击节点展开其相邻节点；点击连线查看原文依据。", "graph.expanded": "已展开",
    "graph.open": "在图谱中打开", "graph.truncated": "相邻节点过多，仅显示部分。",
    "lineage.placeholder": "发文字号或标题，例如：国办发〔2019〕54号", "lineage.mentions": "含仅提及的文件",
    "lineage.show": "显示沿革", "lineage.hint": "上级文件在上，下级文件在下；虚线为推断的落实关系。",
    "lineage.inferred": "推断", "lineage.implements": "落实", "lineage.mentions_link": "提及",
    "matrix.rows": "行", "matrix.byFunction": "按单位职能", "matrix.byUnit": "按单位", "matrix.show": "刷新",
    "matrix.hint": "点击格子查看对应任务及原文。", "matrix.tasks": "项任务", "matrix.empty": "没有符合条件的分工。",
    "filter.role": "角色", "filter.level": "层级", "filter.year": "年份", "filter.domain": "领域",
    "filter.types": "节点类型", "filter.any": "全部",
    "doc.hint": "从左侧选择一个文件。", "doc.tasks": "任务", "doc.ledger": "导出工作台账（Excel）",
    "doc.csv": "导出 CSV", "doc.legend": "标注", "doc.problems": "未能识别的内容",
    "col.unit": "单位", "col.role": "角色", "col.task": "任务", "col.deadline": "完成时限", "col.source": "出处",
    "col.document": "文件", "col.name": "名称", "col.type": "类型", "col.score": "得分", "col.section": "所属章节",
    "col.region": "地区", "col.function": "职能", "col.tasks": "任务数",
    "evidence": "原文依据", "evidence.none": "这条连线没有原文依据（由结构或推断得出）。",
    "loading": "加载中……", "error": "出错了",
    "role.lead": "牵头", "role.responsible": "责任", "role.cooperating": "配合",
    "role.reference": "参照落实", "role.guiding": "指导",
    "level.national": "国家", "level.provincial": "省级", "level.city": "市级", "level.county": "县级",
    "level.township": "乡镇", "level.department": "部门",
    "type.Directive": "文件", "type.Section": "章节", "type.Task": "任务", "type.Unit": "单位",
    "type.UnitGroup": "单位集合", "type.Region": "地区", "type.Domain": "领域", "type.UnitFunction": "单位职能",
    "kind.title": "标题", "kind.task": "任务", "kind.unit": "单位", "kind.deadline": "时限", "kind.citation": "引用",
    "vendor.missing": "图形库未加载：请运行 scripts/vendor-frontend.sh 后刷新页面。",
  },
  en: {
    "app.title": "Government Disclosure Knowledge Graph",
    "tab.search": "Search & ask", "tab.graph": "Graph explorer", "tab.lineage": "Lineage",
    "tab.matrix": "Responsibility matrix", "tab.doc": "Documents",
    "ask.label": "Ask", "ask.button": "Ask", "ask.placeholder": "e.g. Which units lead fiscal information disclosure?",
    "ask.understood": "Understood as", "ask.notUnderstood": "The question was not understood", "ask.try": "Try",
    "search.label": "Search", "search.button": "Search", "search.placeholder": "Documents, tasks, units, e.g. 财政局",
    "search.none": "No document, task or unit matches.",
    "page.shown": "Showing {from}–{to} of {total}", "page.more": "Next page", "page.units": "units",
    "page.assignments": "task assignments",
    "graph.placeholder": "Start from any node: a unit, a document, a task…", "graph.start": "Start",
    "graph.clear": "Clear", "graph.hint": "Click a node to expand its neighbours; click an edge to read its evidence.",
    "graph.expanded": "expanded", "graph.open": "Open in the graph", "graph.truncated": "Too many neighbours; some are not shown.",
    "lineage.placeholder": "Document number or title, e.g. 国办发〔2019〕54号", "lineage.mentions": "Include mentions",
    "lineage.show": "Show lineage", "lineage.hint": "Higher-level directives above, lower ones below; dashed links are inferred.",
    "lineage.inferred": "inferred", "lineage.implements": "implements", "lineage.mentions_link": "mentions",
    "matrix.rows": "Rows", "matrix.byFunction": "By unit function", "matrix.byUnit": "By unit", "matrix.show": "Refresh",
    "matrix.hint": "Click a cell for its tasks and their source text.", "matrix.tasks": "tasks",
    "matrix.empty": "No assignment matches.",
    "filter.role": "Role", "filter.level": "Level", "filter.year": "Year", "filter.domain": "Domain",
    "filter.types": "Node types", "filter.any": "Any",
    "doc.hint": "Choose a document on the left.", "doc.tasks": "Tasks", "doc.ledger": "Export work ledger (Excel)",
    "doc.csv": "Export CSV", "doc.legend": "Highlights", "doc.problems": "Not understood",
    "col.unit": "Unit", "col.role": "Role", "col.task": "Task", "col.deadline": "Deadline", "col.source": "Source",
    "col.document": "Document", "col.name": "Name", "col.type": "Type", "col.score": "Score", "col.section": "Section",
    "col.region": "Region", "col.function": "Function", "col.tasks": "Tasks",
    "evidence": "Evidence", "evidence.none": "This link has no source text (it comes from structure or inference).",
    "loading": "Loading…", "error": "Error",
    "role.lead": "lead", "role.responsible": "responsible", "role.cooperating": "cooperating",
    "role.reference": "reference", "role.guiding": "guiding",
    "level.national": "national", "level.provincial": "provincial", "level.city": "city", "level.county": "county",
    "level.township": "township", "level.department": "department",
    "type.Directive": "Directive", "type.Section": "Section", "type.Task": "Task", "type.Unit": "Unit",
    "type.UnitGroup": "Unit group", "type.Region": "Region", "type.Domain": "Domain", "type.UnitFunction": "Unit function",
    "kind.title": "title", "kind.task": "task", "kind.unit": "unit", "kind.deadline": "deadline", "kind.citation": "citation",
    "vendor.missing": "Graph libraries not loaded: run scripts/vendor-frontend.sh, then reload.",
  },
};

let lang = localStorage.getItem("zwgk.lang") === "en" ? "en" : "zh";

export function t(key) {
  return WORDS[lang][key] ?? WORDS.zh[key] ?? key;
}

export function currentLang() {
  return lang;
}

/** A concept's label in the current language ({label, label_en}). */
export function labelOf(concept) {
  if (!concept) return "";
  return lang === "en" && concept.label_en ? concept.label_en : concept.label;
}

export function applyWords(root = document) {
  document.documentElement.lang = lang === "en" ? "en" : "zh-CN";
  root.querySelectorAll("[data-i18n]").forEach((el) => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll("[data-i18n-placeholder]").forEach((el) => { el.placeholder = t(el.dataset.i18nPlaceholder); });
  document.title = t("app.title");
  const button = document.getElementById("lang");
  if (button) button.textContent = lang === "en" ? "中文" : "EN";
}

export function toggleLang() {
  lang = lang === "en" ? "zh" : "en";
  localStorage.setItem("zwgk.lang", lang);
  applyWords();
}
