"""Lineage read from the per-load citation index gives what walking the engine's edges gives.

Inspectors follow 国办发〔2019〕54号 down to county plans and back up; the
index that makes this fast at national scale must not change one directive or link.
"""

from __future__ import annotations

import pytest

from graph import queries
from graph.builder import build_model
from graph.embedded import EmbeddedEngine
from graph.model import CITATION_EDGE_TYPES
from tests.graph_support import corpus_documents


@pytest.fixture(scope="module")
def engine() -> EmbeddedEngine:
    loaded = EmbeddedEngine()
    loaded.load(build_model(corpus_documents()))
    return loaded


def _plain_walk(engine: EmbeddedEngine, root: str, up: bool, mentions: bool) -> tuple[set, set]:
    """Directive ids and link ids found by fetching each ring's edges from the engine (depth 5)."""
    types = list(CITATION_EDGE_TYPES) if mentions else ["IMPLEMENTS", "INFERRED_IMPLEMENTS"]
    seen, links, frontier = {root}, set(), [root]
    for _ in range(5):
        following = []
        for edge in engine.edges(frontier, types, "out" if up else "in"):
            links.add((edge.src, edge.dst, edge.type))
            nxt = edge.dst if up else edge.src
            if nxt not in seen:
                seen.add(nxt)
                following.append(nxt)
        if not following:
            break
        frontier = following
    return seen, links


@pytest.mark.parametrize("mentions", [False, True], ids=["implements", "with-mentions"])
@pytest.mark.parametrize("direction", ["up", "down"])
def test_every_directive_lineage_equals_the_plain_walk(
    engine: EmbeddedEngine, direction: str, mentions: bool
):  # type: ignore[no-untyped-def]
    """For every directive of the bundled corpus: same directives, same links, same totals."""
    checked = 0
    for node in engine.nodes_of_type("Directive"):
        result = queries.lineage(engine, node.id, direction, include_mentions=mentions, limit=None)
        nodes, links = _plain_walk(engine, node.id, direction == "up", mentions)
        assert {n.directive.id for n in result.nodes} == nodes
        assert result.total_nodes == len(nodes)
        assert {(link.src, link.dst, link.kind) for link in result.links} <= {
            (s, d, {"IMPLEMENTS": "implements", "CITES": "mentions"}.get(t, "inferred_implements"))
            for s, d, t in links
        }
        assert len(result.links) == len(links) == result.total_links
        checked += len(nodes) > 1
    assert checked > 0  # some directive has a lineage in this corpus
