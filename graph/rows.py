"""Nodes and edges → the references and evidence that result rows carry.

Kept apart from the queries so that every query describes a directive, a task
or a piece of evidence in exactly the same way.
"""

from __future__ import annotations

from typing import Any

from graph.errors import InvalidArgument
from graph.model import Edge, Node
from graph.results import DirectiveRef, Evidence, TaskRef

ROLE_ORDER = {"lead": 0, "responsible": 1, "cooperating": 2, "reference": 3, "guiding": 4}
LEVEL_ORDER = {"national": 0, "provincial": 1, "city": 2, "county": 3, "township": 4, "department": 5}
HIDDEN_PROPS = ("search",)


def directive_ref(node: Node) -> DirectiveRef:
    return DirectiveRef(
        id=node.id,
        doc_number=node.get("doc_number"),
        title=node.get("title"),
        level=node.get("level"),
        region=node.get("region"),
        year=node.get("year"),
        file=node.get("file"),
        stub=bool(node.get("stub")),
    )


def task_ref(node: Node) -> TaskRef:
    return TaskRef(
        id=node.id, n=int(node.get("n")), directive_id=node.get("directive"), file=node.get("file")
    )


def evidence(document_id: str, props: Node | Edge) -> Evidence:
    """Evidence of a node or edge read from text (see graph.builder.span_props)."""
    return Evidence(
        document_id=document_id,
        file=props.get("file"),
        section=tuple(props.get("section") or ()),
        line_start=props.get("line_start"),
        line_end=props.get("line_end"),
        char_start=props.get("char_start"),
        char_end=props.get("char_end"),
        text=props.get("text") or "",
    )


def directive_order(node: Node) -> tuple[Any, ...]:
    """Directives by year, then level from the top down, then id."""
    return (node.get("year") or 0, LEVEL_ORDER.get(node.get("level"), 9), node.id)


def visible_props(props: Any) -> dict[str, Any]:
    """Props worth showing (the internal search form left out), lists as lists."""
    return {
        k: (list(v) if isinstance(v, tuple) else v) for k, v in sorted(props.items()) if k not in HIDDEN_PROPS
    }


def check_page(limit: int | None, offset: int) -> None:
    """Refuse a negative page size or start, in the words every paged query uses."""
    if limit is not None and limit < 0:
        raise InvalidArgument("limit must be at least 0 (or None for every row).")
    if offset < 0:
        raise InvalidArgument("offset must be at least 0.")


def page_window(limit: int | None, offset: int) -> slice:
    """The rows of one page: ``limit`` from ``offset`` (``None``: to the end)."""
    return slice(offset, None if limit is None else offset + limit)
