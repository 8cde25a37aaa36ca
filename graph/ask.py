"""Questions in Chinese or English → one query of :mod:`graph.queries`, shown beside its answer.

The question is read with the graph's own lexicon (regions, units, domains:
see :mod:`graph.ask_lexicon`), doc numbers (``ingest.docnumber``), titles in
《》, dates, years and role words. A few ordered rules pick the query:

1. a doc number or 《title》: lineage up (上位/链条/upward), down (下级/downward),
   or the documents citing it (引用/提到/cite/refer);
2. a date with 之前/due/before: tasks due by then;
3. 职能 + 多个 / functions + more than one: unit functions leading in several plans;
4. 没有 + a role / no + role: tasks without a unit in that role;
5. a unit: its tasks, in the role named after it;
6. a domain: the units assigned to it;
7. a region or year alone: the tasks of those plans.

Anything else is answered "not understood" with example questions built from
the graph, never with a guess.
"""

from __future__ import annotations

import re
from typing import Any

from graph import queries, resolve
from graph.ask_lexicon import LEVEL_WORDS, ROLE_WORDS, Entry, find, lexicon, match_text
from graph.engine import Engine
from graph.errors import GraphError, NotFound
from graph.ids import fold
from graph.results import AskResult

try:
    from ingest.docnumber import find_doc_numbers
except ImportError:  # pragma: no cover - only in a build without ingest.docnumber
    find_doc_numbers = None

_DATE = re.compile(r"((?:19|20)\d\d)\s*(?:年|-|/|\.)\s*(\d{1,2})\s*(?:月|-|/|\.)\s*(\d{1,2})")
_YEAR = re.compile(r"(?<![\d〔\[(（])((?:19|20)\d\d)(?![\d〕\])）])")
_TITLE = re.compile(r"《([^》]+)》")
_CJK = re.compile(r"[\u3400-\u9fff]")

UP = ("上位", "上级", "链条", "依据", "lineage", "upward", "trace", "parent", "above")
DOWN = ("下级", "下位", "downward", "below")
CITE = ("引用", "提到", "提及", "援引", "cite", "refer", "mention")
DUE = ("时限", "截止", "到期", "之前", "以前", "due", "deadline", "before")
AFTER = ("之后", "以后", "after")
FUNCTIONS = ("职能", "function")
SEVERAL = ("多个", "多地", "多份", "不同地", "morethanone", "several", "multiple")
MISSING = ("没有", "未明确", "缺少", "无牵头", "no", "without", "missing")
ROLE_ASKED = ("什么角色", "哪些角色", "何种角色", "whatrole", "whichrole")


def _has(text: str, words: tuple[str, ...]) -> bool:
    return any(w in text for w in words)


def _role_after(text: str, position: int) -> str | None:
    """The first role word at or after ``position`` (after a unit's name), else anywhere."""
    best: tuple[int, str] | None = None
    fallback: tuple[int, str] | None = None
    for word, role in ROLE_WORDS:
        for match in re.finditer(re.escape(word), text):
            hit = (match.start(), role)
            if match.start() >= position and (best is None or hit < best):
                best = hit
            if fallback is None or hit < fallback:
                fallback = hit
    chosen = best or fallback
    return chosen[1] if chosen else None


def _directive_ref(engine: Engine, question: str) -> str | None:
    """The doc number or 《title》 a question names, as the graph knows it (its doc number or title)."""
    named = None
    if find_doc_numbers is not None:
        numbers = find_doc_numbers(question)
        named = numbers[0].normalized if numbers else None
    if named is None:
        title = _TITLE.search(question)
        named = title.group(1) if title else None
    if named is None:
        return None
    try:
        node = resolve.directive(engine, named)
    except NotFound:
        return named
    return node.get("doc_number") or node.get("title") or node.id


def _dates(question: str) -> list[str]:
    return [f"{y}-{int(m):02d}-{int(d):02d}" for y, m, d in _DATE.findall(fold(question))]


def _year(question: str) -> int | None:
    without = _DATE.sub(" ", fold(question))
    years = _YEAR.findall(without)
    return int(years[0]) if years else None


def _first(matches: list[tuple[int, Entry]]) -> tuple[int, Entry] | None:
    return matches[0] if matches else None


def _summary(zh: bool, query: str, params: dict[str, Any], answer: Any) -> str:
    # Paged answers count every row, not only the page shown.
    totals = (getattr(answer, name, None) for name in ("total_units", "total_nodes", "total"))
    count = (
        len(answer) if isinstance(answer, list | tuple) else next((t for t in totals if t is not None), None)
    )
    shown = ", ".join(f"{k}={v}" for k, v in params.items())
    if zh:
        return f"按 {query}({shown}) 理解" + (f"，共 {count} 条结果。" if count is not None else "。")
    return f"Understood as {query}({shown})" + (f": {count} result(s)." if count is not None else ".")


def _suggestions(engine: Engine) -> tuple[str, ...]:
    lex = lexicon(engine)
    unit = next((e.value for e in lex.units if "局" in e.value), None)
    domain = next((n.get("label") for n in engine.nodes_of_type("Domain") if n.get("label")), None)
    number = next(
        (n.get("doc_number") for n in engine.nodes_of_type("Directive") if n.get("doc_number")), None
    )
    out = []
    if unit:
        out.append(f"{unit}牵头哪些任务？")
    if domain:
        out.append(f"哪些单位牵头{domain}工作？")
    if number:
        out.append(f"{number}的上位文件链条是什么？")
    out.append("Which units lead fiscal-information disclosure tasks?")
    return tuple(out)


def _plan(engine: Engine, question: str) -> tuple[str, dict[str, Any]] | None:
    """The query and its parameters for ``question``, or None when no rule applies."""
    text = match_text(question)
    lex = lexicon(engine)
    region = _first(find(lex.regions, text))
    region_name = region[1].value if region else None
    year = _year(question)
    level = next((lv for word, lv in LEVEL_WORDS if word in text), None)
    directive = _directive_ref(engine, question)
    if directive:
        if _has(text, CITE):
            return "cited_by", {"directive": directive}
        if _has(text, DOWN):
            return "lineage", {"directive": directive, "direction": "down", "depth": 5}
        return "lineage", {"directive": directive, "direction": "up", "depth": 5}
    dates = _dates(question)
    if dates and (_has(text, DUE) or _has(text, AFTER)):
        bound = "due_after" if _has(text, AFTER) and not _has(text, DUE) else "due_before"
        return "find_tasks", {"region": region_name, bound: dates[0]}
    role_asked = _has(text, ROLE_ASKED)
    if _has(text, FUNCTIONS) and _has(text, SEVERAL):
        return "functions", {"role": None if role_asked else _role_after(text, 0), "min_documents": 2}
    unit = _first(find(lex.units, text))
    if _has(text, MISSING) and (role := _role_after(text, 0)) and not unit:
        return "find_tasks", {"region": region_name, "year": year, "missing_role": role}
    if unit:
        position, entry = unit
        role = None if role_asked else _role_after(text, position + len(entry.key))
        return "find_tasks", {"unit": entry.value, "role": role, "region": region_name, "year": year}
    domain = _first(find(lex.domains, text))
    if domain:
        role = None if role_asked else _role_after(text, 0)
        params = {
            "domain": domain[1].value,
            "role": role,
            "region": region_name,
            "level": level,
            "year": year,
        }
        return "units_for", params
    if region_name or year:
        return "find_tasks", {"region": region_name, "year": year}
    return None


def _run(engine: Engine, query: str, params: dict[str, Any]) -> Any:
    if query == "functions":
        result = queries.units_for(engine, None, role=params["role"])
        return tuple(f for f in result.by_function if f.document_count >= params["min_documents"])
    return getattr(queries, query)(engine, **params)


def prepare() -> None:
    """Compile the question parser's doc-number patterns now rather than in the first question."""
    if find_doc_numbers is not None:
        find_doc_numbers("国办发〔2019〕54号")


def ask(engine: Engine, question: str) -> AskResult:
    """Answer a question in words with one query, returning the parsed query beside the answer."""
    zh = len(_CJK.findall(question)) > len(re.findall(r"[A-Za-z]", question))
    plan = _plan(engine, question)
    if plan is None:
        message = (
            "没有理解这个问题。可以这样问：" if zh else "The question was not understood. Try for example:"
        )
        return AskResult(question, False, None, {}, None, message, _suggestions(engine))
    query, params = plan
    params = {k: v for k, v in params.items() if v is not None}
    try:
        answer = _run(engine, query, params)
    except GraphError as exc:
        suggestions = getattr(exc, "suggestions", ()) or _suggestions(engine)
        return AskResult(question, False, query, params, None, exc.message, tuple(suggestions))
    return AskResult(question, True, query, params, answer, _summary(zh, query, params, answer))
