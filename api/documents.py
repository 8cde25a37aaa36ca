"""Documents and tasks as an inspector opens them: the original text with what was read from it.

The query functions of :mod:`graph.queries` answer questions *across*
documents; these functions show *one* document or task: its metadata, its tasks
with every unit and role, and the character spans of everything extracted
(title, tasks, units, deadlines, citations) so the UI can highlight them in the
original text. Facts come from the engine (the same graph the queries use), the
text from the durable store.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graph import queries, resolve
from graph.engine import Engine
from graph.errors import NotFound
from graph.model import Node
from graph.results import TaskRow, to_jsonable
from graph.rows import directive_order, directive_ref
from graph.store import Store
from ingest.records import ExtractedDocument, Span


@dataclass(frozen=True)
class Highlight:
    """A span of the original text to highlight: what it is and what it says."""

    kind: str  # title | task | unit | deadline | citation
    start: int
    end: int
    label: str
    ref: str | None = None  # task id, unit id or cited doc number
    role: str | None = None


def directive_node(engine: Engine, name: str) -> Node:
    """The directive called ``name`` (id, doc number in any variant, or title)."""
    return resolve.directive(engine, name)


def list_documents(engine: Engine, store: Store) -> list[dict[str, Any]]:
    """Every ingested directive (stubs left out), newest plans last, with its store facts."""
    stored = {d.path: d for d in store.listing()}
    out = []
    for node in sorted(engine.nodes_of_type("Directive"), key=directive_order):
        if node.get("stub"):
            continue
        entry = stored.get(node.get("path"))
        out.append(
            {
                **to_jsonable(directive_ref(node)),
                "issuer": node.get("issuer"),
                "date": node.get("date"),
                "kind": node.get("kind"),
                "tasks": node.get("task_count") or 0,
                "stored_at": entry.stored_at if entry else None,
            }
        )
    return out


def plan_tasks(engine: Engine, directive: Node) -> list[TaskRow]:
    """The tasks of one directive in document order, each with its units and roles (graph.queries.find_tasks)."""
    return queries.find_tasks(engine, directive=directive.id)


def task_view(engine: Engine, task_id: str) -> TaskRow:
    """One task by its id, as :func:`graph.queries.find_tasks` shows it."""
    node = resolve.task(engine, task_id)
    for row in queries.find_tasks(engine, directive=node.get("directive")):
        if row.task.id == node.id:
            return row
    raise NotFound("task", task_id)


def stored_document(store: Store, directive: Node) -> ExtractedDocument:
    """The stored extraction (with its original text) a directive was built from."""
    doc = store.get(directive.get("path") or "") if directive.get("path") else None
    if doc is None:
        raise NotFound("document text", directive.id)
    return doc


def _span(kind: str, span: Span | None, label: str, **extra: Any) -> list[Highlight]:
    if span is None or span.char_end <= span.char_start:
        return []
    return [Highlight(kind, span.char_start, span.char_end, label, **extra)]


def _deadline_span(text: str, task_span: Span, deadline_text: str | None) -> tuple[int, int] | None:
    """Where a task's deadline is written: inside the task, else on the rest of its table row."""
    if not deadline_text:
        return None
    line_end = text.find("\n", task_span.char_end)
    window_end = len(text) if line_end < 0 else line_end
    at = text.find(deadline_text, task_span.char_start, window_end)
    return (at, at + len(deadline_text)) if at >= 0 else None


def highlights(doc: ExtractedDocument, task_ids: dict[int, str]) -> list[Highlight]:
    """Every extracted span of ``doc``, ordered by position (task ids by task number)."""
    out: list[Highlight] = []
    if doc.meta.title:
        out += _span("title", doc.meta.title_span, doc.meta.title)
    for task in doc.tasks:
        out += _span("task", task.span, f"{task.n}. {task.text[:40]}", ref=task_ids.get(task.n))
        for unit in task.units:
            out += _span("unit", unit.span, unit.canonical, ref=unit.canonical, role=unit.role)
        found = _deadline_span(doc.text, task.span, task.deadline_text)
        if found:
            out.append(Highlight("deadline", found[0], found[1], task.deadline or task.deadline_text or ""))
    for cite in doc.cites:
        label = " ".join(x for x in (cite.title, cite.doc_number) if x)
        out += _span("citation", cite.span, label, ref=cite.doc_number, role=cite.relation)
    return sorted(out, key=lambda h: (h.start, -h.end, h.kind))


def document_view(engine: Engine, store: Store, name: str) -> dict[str, Any]:
    """A directive with metadata, tasks, original text and the spans to highlight in it."""
    node = directive_node(engine, name)
    if node.get("stub"):
        raise NotFound("ingested document", name)
    doc = stored_document(store, node)
    tasks = plan_tasks(engine, node)
    task_ids = {t.task.n: t.task.id for t in tasks}
    return {
        "directive": to_jsonable(directive_ref(node)),
        "meta": to_jsonable(doc.meta),
        "source": to_jsonable(doc.source),
        "tasks": to_jsonable(tasks),
        "text": doc.text,
        "highlights": to_jsonable(highlights(doc, task_ids)),
        "problems": to_jsonable(doc.problems),
    }
