"""Compact nodes and edges behave exactly like the records they replace: same ids, props, equality."""

from __future__ import annotations

import pickle
from dataclasses import FrozenInstanceError

import pytest

from graph.builder import build_model
from graph.compact import Interner
from graph.model import Edge, GraphModel, Props
from tests.graph_support import corpus_documents


@pytest.fixture(scope="module")
def model() -> GraphModel:
    return build_model(corpus_documents())


def _sample_edges(model: GraphModel) -> list[Edge]:
    by_type: dict[str, list[Edge]] = {}
    for edge in model.edges:
        by_type.setdefault(edge.type, []).append(edge)
    return [e for edges in by_type.values() for e in edges[:: max(1, len(edges) // 5)]]


def test_every_edge_rebuilt_from_its_public_fields_is_equal(model: GraphModel) -> None:
    """An id that is not stored is derived back exactly: Edge(id, src, dst, type, props) round-trips."""
    for edge in _sample_edges(model):
        again = Edge(edge.id, edge.src, edge.dst, edge.type, dict(edge.props))
        assert again == edge and hash(again) == hash(edge)
        assert pickle.loads(pickle.dumps(edge)) == edge


def test_edge_ids_are_unique_in_the_model(model: GraphModel) -> None:
    ids = [e.id for e in model.edges]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(
    "props",
    [
        pytest.param({}, id="empty"),
        pytest.param({"role": "lead", "written": "市财政局", "line_start": 12}, id="assignment"),
        pytest.param({"words": ["政务公开", "公开"]}, id="domain-words"),
    ],
)
def test_props_read_like_the_dict_they_were_made_from(props: dict) -> None:
    frozen = Props(props)
    assert frozen == props and props == frozen and dict(frozen) == props
    assert list(frozen.items()) == list(props.items()) and len(frozen) == len(props)
    assert all(frozen.get(k) == v and k in frozen for k, v in props.items())
    assert frozen.get("absent", 7) == 7 and "absent" not in frozen
    with pytest.raises(KeyError):
        frozen["absent"]


def test_nodes_and_edges_are_read_only(model: GraphModel) -> None:
    node, edge = model.nodes[0], model.edges[0]
    for obj, attr in ((node, "id"), (edge, "src"), (edge.props, "_values")):
        with pytest.raises(FrozenInstanceError):
            setattr(obj, attr, "x")


def test_equal_small_props_are_one_object() -> None:
    """Shared, not copied: two domain tags with the same words hold the same props object."""
    shared = Interner()
    assert shared.props({"words": ["公开"]}) is shared.props({"words": ["公开"]})
    assert shared.props({"char_start": 1}) is not shared.props({"char_start": 1})
