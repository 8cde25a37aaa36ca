"""``lineage``: the directives a directive carries out (up) or that carry it out (down), one page at a time.

A national 要点 has thousands of plans below it. The walk follows citation
links ring by ring to count every directive and link, but only the rings that
overlap the requested page are fetched, sorted and described. Re-exported by
:mod:`graph.queries`.
"""

from __future__ import annotations

from graph import lookups, resolve
from graph.engine import Engine
from graph.errors import InvalidArgument
from graph.model import CITATION_EDGE_TYPES, Edge, Node
from graph.results import Direction, LineageLink, LineageNode, LineageResult
from graph.rows import check_page, directive_ref, evidence, page_window

DEFAULT_LINEAGE_LIMIT = 200


def _link(edge: Edge) -> LineageLink:
    kind = {"IMPLEMENTS": "implements", "CITES": "mentions", "INFERRED_IMPLEMENTS": "inferred_implements"}
    inferred = edge.type == "INFERRED_IMPLEMENTS"
    return LineageLink(
        src=edge.src,
        dst=edge.dst,
        kind=kind[edge.type],  # type: ignore[arg-type]
        inferred=inferred,
        reason=edge.get("reason"),
        evidence=None if inferred else evidence(edge.src, edge),
    )


def lineage(
    engine: Engine,
    directive: str,
    direction: Direction = "up",
    depth: int = 5,
    include_mentions: bool = False,
    limit: int | None = DEFAULT_LINEAGE_LIMIT,
    offset: int = 0,
) -> LineageResult:
    """Directives ``directive`` carries out (``up``) or that carry it out (``down``).

    ``directive`` may be an id, a doc number in any variant, or a title. Cited
    documents that were not ingested appear as stubs; inferred links say why.
    Links that only mention a directive are followed when ``include_mentions``.
    A national plan can have thousands of directives below it: ``nodes`` is one
    page (nearest first, ``limit`` from ``offset``; ``None``: all) and ``links``
    are the links reaching those nodes; ``total_nodes``/``total_links`` count all.
    """
    if direction not in ("up", "down"):
        raise InvalidArgument(f"direction must be 'up' or 'down', not {direction!r}.")
    if depth < 1:
        raise InvalidArgument("depth must be at least 1.")
    check_page(limit, offset)
    root = resolve.directive(engine, directive)
    types = list(CITATION_EDGE_TYPES) if include_mentions else ["IMPLEMENTS", "INFERRED_IMPLEMENTS"]
    upward = direction == "up"
    distance, rings, fetched, link_count = _walk(engine, root.id, frozenset(types), upward, depth)
    page = _lineage_page(engine, rings, page_window(limit, offset))
    # The links reaching the page's directives from the directives whose links were followed.
    far_end = "src" if upward else "dst"
    shown = [
        e
        for e in engine.edges([n.id for n in page], types, "in" if upward else "out")
        if getattr(e, far_end) in fetched
    ]
    return LineageResult(
        root=directive_ref(root),
        direction=direction,
        depth=depth,
        nodes=tuple(LineageNode(directive_ref(n), distance[n.id]) for n in page),
        links=tuple(_link(e) for e in sorted(shown, key=lambda e: (e.src, e.dst, e.type))),
        total_nodes=len(distance),
        total_links=link_count,
        limit=limit,
        offset=offset,
    )


def _walk(
    engine: Engine, root: str, types: frozenset[str], upward: bool, depth: int
) -> tuple[dict[str, int], list[list[str]], set[str], int]:
    """Rings of directives by distance from ``root``, the directives whose links were followed,
    and the number of links followed, over the per-load citation index (:mod:`graph.lookups`)."""
    cites, cited_by = lookups.of(engine).citation_links
    adjacency = cites if upward else cited_by
    distance = {root: 0}
    rings: list[list[str]] = [[root]]
    fetched: set[str] = set()
    link_count = 0
    for level in range(1, depth + 1):
        following = []
        fetched.update(rings[-1])
        for node in rings[-1]:
            for link_type, nxt in adjacency.get(node, ()):
                if link_type not in types:
                    continue
                link_count += 1
                if nxt not in distance:
                    distance[nxt] = level
                    following.append(nxt)
        if not following:
            break
        rings.append(following)
    return distance, rings, fetched, link_count


def _lineage_page(engine: Engine, rings: list[list[str]], window: slice) -> list[Node]:
    """The directives of ``window`` in lineage order (nearest first, then level, then id).

    Only the rings that overlap the page are fetched and sorted: a national plan's
    thousands of descendants are counted, not described.
    """
    page: list[Node] = []
    rank = lookups.of(engine).lineage_rank
    start, stop = window.start, window.stop
    before = 0
    for ring in rings:
        first, before = before, before + len(ring)
        if before <= start:
            continue
        if stop is not None and first >= stop:
            break
        ordered = sorted(ring, key=rank.__getitem__)
        wanted = ordered[max(0, start - first) : None if stop is None else stop - first]
        found = {n.id: n for n in engine.nodes(wanted)}
        page += [found[i] for i in wanted]
    return page
