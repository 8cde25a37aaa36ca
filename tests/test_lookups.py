"""Indexes built from an engine's content follow its loads: a re-loaded graph is never answered from the old one.

Name indexes, the search index, the ``units_for`` folds, the counts and the
question lexicon are built once per load (:mod:`graph.lookups`,
:mod:`graph.search_index`). Here an engine first holds some of the corpus, is
asked questions (so every index is built), then is loaded with the whole
corpus: the answers must be those of a fresh engine holding the whole corpus.
"""

from __future__ import annotations

from typing import Any

import pytest

from graph import lookups, queries
from graph.builder import build_model
from graph.engine import create_engine, engine_available
from graph.errors import NotFound
from graph.model import GraphModel
from tests.graph_support import corpus_documents

ENGINES = [
    pytest.param("embedded", id="embedded"),
    pytest.param(
        "rdf",
        id="rdf",
        marks=pytest.mark.skipif(not engine_available("rdf"), reason="rdf engine not in this build"),
    ),
]


@pytest.fixture(scope="module")
def whole() -> GraphModel:
    return build_model(corpus_documents())


@pytest.fixture(scope="module")
def first_half() -> GraphModel:
    documents = corpus_documents()
    return build_model(documents[: max(1, len(documents) // 2)])


def _only_in_whole(whole: GraphModel, first_half: GraphModel, node_type: str) -> Any:
    """A node of ``node_type`` that the second half of the corpus brings, with a name."""
    old = {n.id for n in first_half.nodes}
    found = [n for n in whole.nodes if n.type == node_type and n.id not in old and n.get("name")]
    assert found, f"the second half of the corpus brings no new {node_type}"
    return found[0]


def _answers(engine: Any, unit: str, word: str) -> tuple[Any, ...]:
    return (
        queries.responsibilities(engine, unit, limit=None),
        queries.units_for(engine, None, limit=None),
        queries.search(engine, word, limit=1000),
        queries.stats(engine),
    )


@pytest.mark.parametrize("name", ENGINES)
def test_a_reloaded_engine_answers_from_its_new_content(
    name: str, whole: GraphModel, first_half: GraphModel
) -> None:
    """After load(), names, search hits, folds and counts are those of the new graph, not the cached old one."""
    unit = _only_in_whole(whole, first_half, "Unit")
    word = str(unit.get("name"))
    fresh = create_engine(name)
    fresh.load(whole)
    engine = create_engine(name)
    try:
        engine.load(first_half)
        before = lookups.warm(engine)
        with pytest.raises(NotFound):
            queries.responsibilities(engine, word)
        old_total = queries.units_for(engine, None).total_hits
        old_stats = queries.stats(engine)
        assert unit.id not in {h.id for h in queries.search(engine, word, limit=1000).hits}

        engine.load(whole)
        assert lookups.of(engine) is not before, "a load drops the indexes of the previous content"
        assert _answers(engine, word, word) == _answers(fresh, word, word)
        assert queries.units_for(engine, None).total_hits > old_total
        assert queries.stats(engine) != old_stats
        assert unit.id in {h.id for h in queries.search(engine, word, limit=1000).hits}
    finally:
        engine.close()
        fresh.close()


def test_a_reloaded_engine_understands_questions_about_its_new_units(
    whole: GraphModel, first_half: GraphModel
) -> None:
    """A unit that arrives with a new plan is recognised in a question at once (the lexicon is rebuilt)."""
    from graph.ask import ask

    unit = _only_in_whole(whole, first_half, "Unit")
    engine = create_engine("embedded")
    engine.load(first_half)
    lookups.warm(engine)
    before = ask(engine, f"{unit.get('name')}牵头哪些任务？")
    engine.load(whole)
    after = ask(engine, f"{unit.get('name')}牵头哪些任务？")
    assert before.params.get("unit") != unit.get("name")
    assert after.understood and after.params.get("unit") == unit.get("name")


def test_lookups_are_built_once_per_load(whole: GraphModel) -> None:
    """Two questions on one load share one set of indexes (the second does not rebuild them)."""
    engine = create_engine("embedded")
    engine.load(whole)
    first = lookups.of(engine)
    queries.units_for(engine, None)
    assert lookups.of(engine) is first and lookups.of(engine).generation == engine.generation
