"""A search page costs the same for a common word as for a rare one, and still shows the true best hits."""

from __future__ import annotations

import pytest

from graph import queries, ranked_search
from graph.builder import build_model
from graph.embedded import EmbeddedEngine
from graph.explore import SEARCH_TYPES
from graph.model import GraphModel
from graph.ranked_search import page_of
from graph.text import search_form
from tests.graph_support import corpus_documents


@pytest.fixture(scope="module")
def model() -> GraphModel:
    return build_model(corpus_documents())


@pytest.fixture(scope="module")
def engine(model: GraphModel) -> EmbeddedEngine:
    built = EmbeddedEngine()
    built.load(model)
    return built


def _words(model: GraphModel) -> list[list[str]]:
    """Needles drawn from the graph: whole unit names, their first characters, pieces of task texts."""
    labels = sorted(
        search_form(str(n.get("label"))) for n in model.nodes if n.type == "Unit" and n.get("label")
    )
    texts = sorted(search_form(str(n.get("text"))) for n in model.nodes if n.type == "Task" and n.get("text"))
    words = [[w] for w in ("政务公开", "公开", "财政", "网")]
    words += [[label] for label in labels[::11]] + [[label[:2]] for label in labels[::7]]
    words += [[t[2:5]] for t in texts[::13]] + [[t[:2], t[4:6]] for t in texts[::29] if len(t) > 6]
    return [w for w in words if all(w)]


@pytest.mark.parametrize(
    ("count", "count_limit"),
    [
        pytest.param(1, 10_000, id="top-1"),
        pytest.param(20, 10_000, id="page-20"),
        pytest.param(20, 3, id="page-20-counting-3"),
        pytest.param(5, 30, id="page-5-counting-30"),
    ],
)
def test_the_ranked_page_is_the_page_of_ranking_every_match(
    engine: EmbeddedEngine, model: GraphModel, count: int, count_limit: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The engine's cheap page equals ranking and counting the full list of matches, bound included."""
    monkeypatch.setattr(ranked_search, "COUNT_LIMIT", count_limit)
    for needles in _words(model):
        everything = engine.search_nodes(needles, SEARCH_TYPES)
        expected = page_of(everything, needles, count, SEARCH_TYPES)
        got = engine.search_nodes(needles, SEARCH_TYPES, limit=count)
        assert [n.id for n in got] == [n.id for n in expected], needles
        assert (got.total, got.total_is_lower_bound) == (expected.total, expected.total_is_lower_bound)
        assert got.total == min(len(everything), max(count_limit, count))


def test_a_common_word_reports_a_lower_bound_beyond_the_counting_limit(
    engine: EmbeddedEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past the counting limit ``total`` says "at least", and the pages still hold the best hits."""
    monkeypatch.setattr(ranked_search, "COUNT_LIMIT", 10)
    everything = engine.search_nodes(["公开"], SEARCH_TYPES)
    assert len(everything) > 20
    first = queries.search(engine, "公开", limit=5)
    assert (first.total, first.total_is_lower_bound) == (10, True)
    whole = queries.search(engine, "公开", limit=len(everything))
    assert (whole.total, whole.total_is_lower_bound) == (len(everything), False)
    assert first.hits == whole.hits[:5]
    assert queries.search(engine, "公开", limit=5, offset=5).hits == whole.hits[5:10]


@pytest.mark.parametrize(
    ("total", "lower", "has_next"),
    [
        pytest.param(20, True, True, id="lower-bound-at-the-page-end"),
        pytest.param(20, False, False, id="exact-at-the-page-end"),
        pytest.param(500, False, True, id="exact-with-more"),
    ],
)
def test_the_api_page_offers_a_next_page_while_more_may_have_matched(
    total: int, lower: bool, has_next: bool
) -> None:
    """A "10,000+" total still links the following page, and says that it is a lower bound."""
    from starlette.requests import Request

    from api.routes.queries import SearchPage

    request = Request(
        {
            "type": "http",
            "method": "GET",
            "path": "/api/search",
            "query_string": b"q=x",
            "headers": [(b"host", b"test")],
            "scheme": "http",
            "server": ("test", 80),
        }
    )
    shown = SearchPage(total, 10, 10, lower).as_json(request)
    assert shown["total_is_lower_bound"] is lower and shown["total"] == total
    assert (shown["next"] is not None) is has_next
