"""Adding many triples to an rdflib Graph quickly, whichever store holds it.

Adding triples one by one through ``Graph.add`` costs a store call per triple; for Oxigraph (through
oxrdflib) each call is also its own transaction and converts every term from rdflib to Oxigraph in
Python. :func:`add_triples` instead hands Oxigraph the triples as Turtle text in large chunks, which its
bulk loader parses and indexes natively (oxrdflib's ``ox-turtle`` parser with ``transactional=False``
calls ``pyoxigraph.Store.bulk_load``), and gives any other store ``Graph.addN`` batches. The terms are
written with rdflib's own ``n3()``, so the stored terms are the ones ``Graph.add`` would have stored.

Generating millions of short-lived terms and tuples also triggers Python's cyclic garbage collector
over and over, and each full collection walks every object of the (large) graph model: pausing it for
the load roughly halved the time of generating the triples of a 1,000-plan graph.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from itertools import islice

from rdflib import Graph, URIRef
from rdflib.term import Node

from graph.gcpause import collector_paused

#: Triples per chunk: large enough that the per-call cost vanishes, small enough that a chunk of
#: text stays a few tens of megabytes.
CHUNK = 100_000


def is_oxigraph(graph: Graph) -> bool:
    """True when ``graph`` is kept in Oxigraph (``Graph(store="Oxigraph")``)."""
    return type(graph.store).__name__ == "OxigraphStore"


def _turtle(chunk: list[tuple[Node, Node, Node]], iris: dict[URIRef, str]) -> bytes:
    """The triples as Turtle lines; ``iris`` memoises the text of IRIs, which repeat a lot."""

    def text(term: Node) -> str:
        if type(term) is not URIRef:
            return term.n3()
        known = iris.get(term)
        if known is None:
            known = iris[term] = term.n3()
        return known

    return "".join(f"{text(s)} {text(p)} {text(o)} .\n" for s, p, o in chunk).encode("utf-8")


def _bulk_load(graph: Graph, stream: Iterator[tuple[Node, Node, Node]], chunk: int) -> None:
    """Oxigraph parses and indexes one chunk (without the GIL) while this thread writes the next."""
    iris: dict[URIRef, str] = {}
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="oxigraph-load") as loader:
        pending: Future[object] | None = None
        while batch := list(islice(stream, chunk)):
            data = _turtle(batch, iris)
            if pending is not None:
                pending.result()
            pending = loader.submit(graph.parse, data=data, format="ox-turtle", transactional=False)
        if pending is not None:
            pending.result()


def add_triples(graph: Graph, triples: Iterable[tuple[Node, Node, Node]], chunk: int = CHUNK) -> None:
    """Add ``triples`` (rdflib terms, duplicates allowed) to ``graph`` in chunks of ``chunk``."""
    stream = iter(triples)
    with collector_paused():
        if is_oxigraph(graph):
            _bulk_load(graph, stream, chunk)
            return
        while batch := list(islice(stream, chunk)):
            graph.addN((s, p, o, graph) for s, p, o in batch)
