"""Exploring the graph: ``neighbourhood`` (the explorer's expand), ``search`` and ``stats``.

Re-exported by :mod:`graph.queries`.
"""

from __future__ import annotations

from collections import defaultdict

from graph.engine import AssignmentFilter, Engine
from graph.errors import InvalidArgument, NotFound
from graph.model import Node
from graph.results import EdgeView, Neighbourhood, NodeView, SearchHit, Stats
from graph.rows import evidence, visible_props
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
    edges = [e for e in engine.edges(kept, None, "both") if e.src in seen and e.dst in seen]
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


def search(engine: Engine, text: str, limit: int = 20) -> list[SearchHit]:
    """Directives, tasks and units whose words contain ``text`` (simplified/traditional, any width).

    Whitespace separates words that must all occur. Exact names rank first, then
    names that start with the text, then shorter labels.
    """
    needles = [search_form(part) for part in text.split() if search_form(part)]
    if not needles:
        return []
    whole = "".join(needles)
    type_rank = {t: i for i, t in enumerate(SEARCH_TYPES)}
    hits = []
    for node in engine.search_nodes(needles, SEARCH_TYPES):
        label = str(node.get("label") or node.id)
        form = node.get("search") or ""
        score = (
            1.0 + (2.0 if form == whole else 1.0 if form.startswith(whole) else 0.0) + 1.0 / (1 + len(form))
        )
        has_text = node.get("char_start") is not None
        document = node.get("directive") or node.id
        hits.append(
            SearchHit(
                id=node.id,
                type=node.type,
                label=label,
                snippet=_snippet(node, needles[0]),
                score=round(score, 6),
                evidence=evidence(document, node) if has_text else None,
            )
        )
    hits.sort(key=lambda h: (-h.score, type_rank.get(h.type, 9), h.id))
    return hits[:limit]


def stats(engine: Engine) -> Stats:
    """Counts of nodes, edges, roles, documents, stubs, tasks and units."""
    nodes, edges = engine.counts()
    directives = engine.nodes_of_type("Directive")
    roles: dict[str, int] = defaultdict(int)
    for fact in engine.assignments(AssignmentFilter()):
        roles[fact.edge.get("role")] += 1
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
