"""Exploring the graph: ``neighbourhood`` (the explorer's expand), ``search`` and ``stats``.

Re-exported by :mod:`graph.queries`.
"""

from __future__ import annotations

from collections import defaultdict

from graph import lookups
from graph.engine import Engine
from graph.errors import InvalidArgument, NotFound
from graph.model import Node
from graph.ranked_search import page_of
from graph.results import EdgeView, Neighbourhood, NodeView, SearchHit, SearchResult, Stats
from graph.rows import check_page, evidence, visible_props
from graph.search_rank import score
from graph.text import search_form, simplified
from ingest.records import ROLES

SEARCH_TYPES = ("Directive", "Task", "Unit", "UnitGroup")


def neighbourhood(engine: Engine, node_id: str, depth: int = 1, limit: int = 200) -> Neighbourhood:
    """Nodes and edges within ``depth`` hops of ``node_id``, at most ``limit`` nodes (nearest first)."""
    if depth < 0 or limit < 1:
        raise InvalidArgument("depth must be >= 0 and limit >= 1.")
    start = engine.nodes([node_id])
    if not start:
        raise NotFound("node", node_id)
    kept = [node_id]
    seen = {node_id}
    truncated = False
    frontier = [node_id]
    for _ in range(depth):
        edges = engine.edges(frontier, None, "both")
        following = sorted({end for e in edges for end in (e.src, e.dst)} - seen)
        room = limit - len(kept)
        if len(following) > room:
            following, truncated = following[: max(room, 0)], True
        kept.extend(following)
        seen.update(following)
        frontier = following
        if truncated or not frontier:
            break
    nodes = sorted(engine.nodes(kept), key=lambda n: n.id)
    # Every edge between kept nodes leaves one of them: fetching out-edges only skips the thousands of
    # IN_DOMAIN edges entering a Domain hub.
    edges = [e for e in engine.edges(kept, None, "out") if e.dst in seen]
    return Neighbourhood(
        center=node_id,
        depth=depth,
        nodes=tuple(
            NodeView(n.id, n.type, str(n.get("label") or n.id), visible_props(n.props)) for n in nodes
        ),
        edges=tuple(
            EdgeView(e.id, e.src, e.dst, e.type, visible_props(e.props))
            for e in sorted(edges, key=lambda e: e.id)
        ),
        truncated=truncated,
    )


def _snippet(node: Node, needle: str, width: int = 30) -> str:
    text = str(node.get("text") or node.get("title") or node.get("label") or "")
    for haystack in (simplified(text), text):
        at = haystack.lower().find(needle)
        if at >= 0:
            return text[max(0, at - width) : at + len(needle) + width]
    return text[: 2 * width]


def search(engine: Engine, text: str, limit: int = 20, offset: int = 0) -> SearchResult:
    """Directives, tasks and units whose words contain ``text`` (simplified/traditional, any width).

    Whitespace separates words that must all occur. Exact names rank first, then
    names that start with the text, then shorter labels. ``hits`` is one page
    (``limit`` from ``offset``); ``total`` counts every matching node, up to
    :func:`graph.ranked_search.count_bound` (beyond it ``total_is_lower_bound`` is set), so a
    common word costs no more than a rare one.
    """
    check_page(limit, offset)
    needles = [search_form(part) for part in text.split() if search_form(part)]
    if not needles:
        return SearchResult(text, (), 0, limit, offset)
    whole = "".join(needles)
    ranked = engine.search_nodes(needles, SEARCH_TYPES, limit=offset + limit)  # the page's best, in order
    total = getattr(ranked, "total", None)
    if total is None:  # an engine without ranked search: rank every match here
        ranked = page_of(ranked, needles, offset + limit, SEARCH_TYPES)
    hits = []
    for node in ranked[offset:]:
        has_text = node.get("char_start") is not None
        document = node.get("directive") or node.id
        hits.append(
            SearchHit(
                id=node.id,
                type=node.type,
                label=str(node.get("label") or node.id),
                snippet=_snippet(node, needles[0]),
                score=score(node.get("search") or "", whole),
                evidence=evidence(document, node) if has_text else None,
            )
        )
    return SearchResult(text, tuple(hits), ranked.total, limit, offset, ranked.total_is_lower_bound)


def stats(engine: Engine) -> Stats:
    """Counts of nodes, edges, roles, documents, stubs, tasks and units (counted once per load)."""
    return lookups.of(engine).stats


def compute_stats(engine: Engine) -> Stats:
    """The counts behind :func:`stats`, walked from the engine's facts."""
    nodes, edges = engine.counts()
    directives = engine.nodes_of_type("Directive")
    roles: dict[str, int] = defaultdict(int)
    tasks = [t.id for t in engine.nodes_of_type("Task")]
    for edge in engine.edges(tasks, ["ASSIGNED"], "out"):  # edges, not facts: no fact object is made
        roles[edge.get("role")] += 1
    stubs = sum(1 for d in directives if d.get("stub"))
    return Stats(
        nodes=dict(sorted(nodes.items())),
        edges=dict(sorted(edges.items())),
        roles={r: roles[r] for r in ROLES if roles.get(r)},
        documents=len(directives) - stubs,
        stub_directives=stubs,
        tasks=nodes.get("Task", 0),
        units=nodes.get("Unit", 0) + nodes.get("UnitGroup", 0),
    )
