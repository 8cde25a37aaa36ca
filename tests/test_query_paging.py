"""Paged answers lose nothing: totals count every row, and the pages, read in turn, give the whole answer.

Checked on the bundled corpus (the seed plans and the real noisy documents)
with inputs drawn from the graph, for every paged query: ``responsibilities``,
``units_for`` (from the precomputed folds and from a region/year filter),
``lineage`` and ``search``. The function counts of ``units_for`` are checked
against a plain walk over every assignment, so the precomputed folds cannot
drift from the facts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from functools import partial
from typing import Any

import pytest

from graph import queries
from graph.builder import build_model
from graph.embedded import EmbeddedEngine
from graph.errors import InvalidArgument
from graph.model import GraphModel
from tests.graph_support import corpus_documents

PAGE_SIZES = [pytest.param(1, id="page-1"), pytest.param(3, id="page-3"), pytest.param(17, id="page-17")]


@pytest.fixture(scope="module")
def model() -> GraphModel:
    return build_model(corpus_documents())


@pytest.fixture(scope="module")
def engine(model: GraphModel) -> EmbeddedEngine:
    built = EmbeddedEngine()
    built.load(model)
    return built


def _every(items: list[Any], count: int) -> list[Any]:
    step = max(1, len(items) // count)
    return items[::step][:count]


Page = tuple[int, tuple[Any, ...]]


def _pages(fetch: Callable[[int, int], Page], size: int) -> tuple[int, list[Any]]:
    """Read every page of ``size`` rows; returns the total the first page announced and the rows."""
    total, rows = fetch(size, 0)
    collected = list(rows)
    while len(collected) < total:
        page_total, rows = fetch(size, len(collected))
        assert page_total == total, "the total does not depend on the page"
        assert rows, "a page before the end is never empty"
        collected.extend(rows)
    assert fetch(size, total)[1] == (), "past the end, a page is empty"
    return total, collected


def _responsibility_page(engine: EmbeddedEngine, unit: str, limit: int, offset: int) -> Page:
    result = queries.responsibilities(engine, unit, limit=limit, offset=offset)
    return result.total, result.rows


def _units_for_page(
    engine: EmbeddedEngine, case: dict[str, Any], whole: Any, field: str, limit: int, offset: int
) -> Page:
    result = queries.units_for(engine, limit=limit, offset=offset, **case)
    assert result.by_function == whole.by_function, case
    assert (result.total_hits, result.total_units) == (whole.total_hits, whole.total_units)
    return (result.total_hits if field == "hits" else result.total_units), getattr(result, field)


def _lineage_page(
    engine: EmbeddedEngine, start: str, direction: Any, links: set[Any], limit: int, offset: int
) -> Page:
    result = queries.lineage(engine, start, direction, limit=limit, offset=offset)
    links.update(result.links)
    return result.total_nodes, result.nodes


def _search_page(engine: EmbeddedEngine, word: str, limit: int, offset: int) -> Page:
    result = queries.search(engine, word, limit, offset)
    return result.total, result.hits


def _busy_units(model: GraphModel) -> list[str]:
    counts: dict[str, int] = defaultdict(int)
    for edge in model.edges:
        if edge.type == "ASSIGNED":
            counts[edge.dst] += 1
    return _every(sorted(counts, key=lambda u: (-counts[u], u)), 6)


def _domains(model: GraphModel) -> list[str | None]:
    used = sorted({e.dst for e in model.edges if e.type == "IN_DOMAIN"})
    broader = sorted({e.dst for e in model.edges if e.type == "BROADER"} & set(used))
    return [None, *broader[:2], *_every(used, 4)]


@pytest.mark.parametrize("size", PAGE_SIZES)
def test_responsibility_pages_add_up_to_every_task_of_the_unit(
    engine: EmbeddedEngine, model: GraphModel, size: int
) -> None:
    """A unit's task list read page by page is its whole list, and ``total`` counts it."""
    for unit in _busy_units(model):
        whole = queries.responsibilities(engine, unit, limit=None)
        assert whole.total == len(whole.rows) > 0
        total, rows = _pages(partial(_responsibility_page, engine, unit), size)
        assert total == whole.total and rows == list(whole.rows)


def _units_for_cases(model: GraphModel) -> list[dict[str, Any]]:
    years = sorted({n.get("year") for n in model.nodes if n.type == "Directive" and n.get("year")})
    cases: list[dict[str, Any]] = [{"domain": d} for d in _domains(model)]
    cases += [{"domain": d, "role": "lead"} for d in _domains(model)[:3]]
    cases += [{"domain": None, "year": y} for y in years[:2]]
    return cases


@pytest.mark.parametrize("size", PAGE_SIZES)
def test_units_for_pages_add_up_to_every_assignment_and_unit(
    engine: EmbeddedEngine, model: GraphModel, size: int
) -> None:
    """Hits and units read page by page are the whole answer; totals and function folds never change."""
    for case in _units_for_cases(model):
        whole = queries.units_for(engine, limit=None, **case)
        assert whole.total_hits == len(whole.hits) and whole.total_units == len(whole.by_unit)
        for field, expected in (("hits", whole.hits), ("by_unit", whole.by_unit)):
            assert _pages(partial(_units_for_page, engine, case, whole, field), size)[1] == list(expected), (
                case
            )


def test_units_for_counts_match_a_walk_over_every_assignment(
    engine: EmbeddedEngine, model: GraphModel
) -> None:
    """Task counts per unit and unit/region/document counts per function are those of the raw assignments."""
    for case in _units_for_cases(model):
        whole = queries.units_for(engine, limit=None, **case)
        tasks: dict[str, set[str]] = defaultdict(set)
        units: dict[str, set[str]] = defaultdict(set)
        regions: dict[str, set[str]] = defaultdict(set)
        documents: dict[str, set[str]] = defaultdict(set)
        for hit in whole.hits:
            tasks[hit.unit_id].add(hit.task.id)
            if hit.function and not hit.is_group:
                units[hit.function].add(hit.unit_id)
                regions[hit.function].add(hit.region or "")
                documents[hit.function].add(hit.task.directive_id)
        assert {u.unit_id: u.task_count for u in whole.by_unit} == {u: len(t) for u, t in tasks.items()}
        for summary in whole.by_unit:
            assert {t.id for t in summary.tasks} <= tasks[summary.unit_id]
            assert len(summary.tasks) == min(summary.task_count, queries.TASK_SAMPLE)
        folded = {
            f.function: (f.unit_count, f.region_count, f.document_count, {u.unit_id for u in f.units})
            for f in whole.by_function
        }
        assert set(folded) == set(units), case
        for function, (unit_count, region_count, document_count, sample) in folded.items():
            assert (unit_count, region_count, document_count) == (
                len(units[function]),
                len(regions[function]),
                len(documents[function]),
            ), (case, function)
            assert sample <= units[function]


@pytest.mark.parametrize("size", PAGE_SIZES)
@pytest.mark.parametrize("direction", [pytest.param("up", id="up"), pytest.param("down", id="down")])
def test_lineage_pages_add_up_to_the_whole_lineage(
    engine: EmbeddedEngine, model: GraphModel, size: int, direction: str
) -> None:
    """Directives of a long lineage come nearest first, page by page; every link reaches a page's node."""
    cited = defaultdict(int)
    for edge in model.edges:
        if edge.type in ("IMPLEMENTS", "INFERRED_IMPLEMENTS"):
            cited[edge.dst if direction == "down" else edge.src] += 1
    starts = sorted(cited, key=lambda d: (-cited[d], d))[:4]
    assert starts, "the corpus has no implementing links"
    for start in starts:
        whole = queries.lineage(engine, start, direction, limit=None)  # type: ignore[arg-type]
        assert whole.total_nodes == len(whole.nodes) and whole.total_links == len(whole.links)
        links: set[Any] = set()
        assert _pages(partial(_lineage_page, engine, start, direction, links), size)[1] == list(whole.nodes)
        assert links == set(whole.links)


@pytest.mark.parametrize("size", PAGE_SIZES)
def test_search_pages_add_up_to_every_hit(engine: EmbeddedEngine, model: GraphModel, size: int) -> None:
    """Search hits read page by page are the ranked list of every match; ``total`` counts the matches."""
    labels = sorted(str(n.get("label")) for n in model.nodes if n.type == "Unit" and n.get("label"))
    for word in ["政务公开", "财政", *(label[:2] for label in _every(labels, 3))]:
        whole = queries.search(engine, word, limit=100_000)
        assert whole.total == len(whole.hits) > 0
        total, hits = _pages(partial(_search_page, engine, word), size)
        assert total == whole.total and hits == list(whole.hits)


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(lambda e: queries.units_for(e, None, limit=-1), id="units_for-negative-limit"),
        pytest.param(
            lambda e: queries.responsibilities(e, "x", offset=-1), id="responsibilities-negative-offset"
        ),
        pytest.param(lambda e: queries.search(e, "财政", offset=-5), id="search-negative-offset"),
    ],
)
def test_a_negative_page_is_refused(engine: EmbeddedEngine, call: Callable[[EmbeddedEngine], Any]) -> None:
    with pytest.raises(InvalidArgument):
        call(engine)


@pytest.mark.parametrize("size", [pytest.param(1, id="top-1"), pytest.param(20, id="top-20")])
def test_search_ranks_like_scoring_every_match(engine: EmbeddedEngine, model: GraphModel, size: int) -> None:
    """The page holds the best matches by score, type and id, exactly as if every match were scored."""
    from graph.explore import SEARCH_TYPES
    from graph.search_rank import score
    from graph.text import search_form

    rank = {t: i for i, t in enumerate(SEARCH_TYPES)}
    texts = sorted(str(n.get("text")) for n in model.nodes if n.type == "Task" and n.get("text"))
    for word in ["公开", "政务公开", *(search_form(t[2:5]) for t in _every(texts, 6))]:
        if not word:
            continue
        found = engine.search_nodes([word], SEARCH_TYPES)
        best = sorted(found, key=lambda n: (-score(n.get("search") or "", word), rank[n.type], n.id))
        assert [h.id for h in queries.search(engine, word, size).hits] == [n.id for n in best[:size]], word
