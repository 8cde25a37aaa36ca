"""The RDF engine answers correctly when several requests query it at the same moment.

The web server runs sync routes on a thread pool, so a freshly started RDF engine is
often asked by several threads at once; rdflib's SPARQL grammar is not thread-safe.
"""

from __future__ import annotations

import threading

import pytest

from graph.builder import build_model
from graph.engine import AssignmentFilter
from graph.rdf import RdfEngine
from tests.graph_support import corpus_documents

THREADS = 8


@pytest.fixture(scope="module")
def model():  # type: ignore[no-untyped-def]
    return build_model(corpus_documents())


def _fetch(engine: RdfEngine, i: int) -> object:
    """Different fetches (each a SPARQL query) so that threads parse different texts at once."""
    kinds = ("Unit", "Task", "Directive", "Domain")
    if i % 2:
        return sorted(n.id for n in engine.nodes_of_type(kinds[i % len(kinds)]))
    return len(engine.assignments(AssignmentFilter(roles=["lead"] if i % 4 else None)))


def _answers_together(engine: RdfEngine) -> list[object]:
    barrier = threading.Barrier(THREADS)
    answers: list[object] = [None] * THREADS

    def ask(i: int) -> None:
        barrier.wait()
        try:
            answers[i] = _fetch(engine, i)
        except Exception as exc:  # noqa: BLE001 - the failure is the answer under test
            answers[i] = exc

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return answers


@pytest.mark.parametrize("store", ["default", "oxigraph"])
def test_concurrent_first_queries_give_the_answers_of_one_thread(model, store: str) -> None:  # type: ignore[no-untyped-def]
    """Eight threads asking at once get what a single thread gets, with no parser errors."""
    together = RdfEngine(store)
    together.load(model)
    alone = RdfEngine(store)
    alone.load(model)
    answers = _answers_together(together)  # first: the process has parsed no query of these yet
    assert answers == [_fetch(alone, i) for i in range(THREADS)]
