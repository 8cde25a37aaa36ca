"""A server warms its per-load indexes by itself after it starts, and warm answers equal cold ones.

The first question after a start must not pay for building the lookups, the
``units_for`` aggregates, the question lexicon or the search index; the service
builds them in the background. Building them ahead must change no answer.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph import lookups, queries
from graph.aggregates import fold
from graph.ask import ask
from graph.builder import build_model
from graph.embedded import EmbeddedEngine
from graph.model import GraphModel
from graph.service import warm_engine
from ingest.records import ROLES
from tests import api_support
from tests.api_support import settings_for
from tests.graph_support import corpus_documents

corpus_dir = api_support.corpus_dir  # shared fixture
QUESTIONS = json.loads((Path(__file__).parent / "gold/seeds/questions.json").read_text(encoding="utf-8"))
BUILT_BY_WARM_UP = ("units_by_name", "directives_by_number", "closures", "stats", "lexicon", "assignments")


@pytest.fixture(scope="module")
def model() -> GraphModel:
    return build_model(corpus_documents())


def _engine(model: GraphModel, warm: bool) -> EmbeddedEngine:
    engine = EmbeddedEngine()
    engine.load(model)
    if warm:
        warm_engine(engine)
    return engine


def test_server_warms_its_indexes_after_start_without_a_request(corpus_dir: Path) -> None:
    """Once the lifespan has started, the indexes get built with no request made."""
    app = create_app(settings_for(corpus_dir))
    with TestClient(app) as client:
        service = app.state.service
        assert service.warmed.wait(120), "the warm-up did not end"
        built = vars(lookups.of(service.engine()))
        assert all(name in built for name in BUILT_BY_WARM_UP), sorted(built)
        assert service.warmed.is_set()
        assert client.get("/api/health").json()["indexes_warm"] is True  # what operators and the bench read


def _domains(engine: EmbeddedEngine) -> list[str | None]:
    return [None, *sorted(n.id for n in engine.nodes_of_type("Domain"))]


def test_units_for_answers_are_the_same_warm_or_cold(model: GraphModel) -> None:
    """Every domain × role answer of units_for is the same whether the indexes were warmed or built on demand."""
    cold, warm = _engine(model, warm=False), _engine(model, warm=True)
    for domain in _domains(cold):
        for role in (None, *ROLES):
            assert queries.units_for(cold, domain, role=role, limit=None) == queries.units_for(
                warm, domain, role=role, limit=None
            ), (domain, role)


@pytest.mark.parametrize(
    "question",
    [pytest.param(q[lang], id=f"{i}-{lang}") for i, q in enumerate(QUESTIONS) for lang in ("q_zh", "q_en")],
)
def test_question_answers_are_the_same_warm_or_cold(model: GraphModel, question: str) -> None:
    """A question in words gets the same answer from a warmed engine as from a cold one."""
    assert ask(_engine(model, warm=False), question) == ask(_engine(model, warm=True), question)


def _generic_fold(aggregates: Any, key: Any) -> Any:
    positions = aggregates.positions(key)
    pairs = (
        (aggregates.units[aggregates._unit_at[i]], aggregates.directives[aggregates._directive_at[i]].id)
        for i in positions
    )
    return fold(pairs, aggregates.unit_rank)


def test_precomputed_folds_equal_the_fold_of_their_assignments(model: GraphModel) -> None:
    """The integer-coded folds of the aggregates are those of folding the assignments one by one."""
    engine = _engine(model, warm=True)
    aggregates = lookups.of(engine).assignments
    for domain in _domains(engine):
        for role in (None, *ROLES):
            assert aggregates.fold((domain, role)) == _generic_fold(aggregates, (domain, role)), (
                domain,
                role,
            )
