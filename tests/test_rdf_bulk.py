"""Bulk loading into Oxigraph stores exactly the triples adding them one by one stores, whatever the text."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef, namespace

from graph.builder import build_model
from graph.rdf_bulk import add_triples, is_oxigraph
from graph.rdf_mapping import model_to_rdf, model_triples
from tests.graph_support import corpus_documents

SUBJECT = URIRef("https://zwgk.example.org/id/task/赣州市/2024/1")
TEXT = URIRef("https://zwgk.example.org/ontology#taskText")

HOSTILE_TEXTS = [
    pytest.param("推进政务公开标准化规范化建设", id="chinese"),
    pytest.param("第一行\n第二行\r\n第三行", id="line-breaks"),
    pytest.param('他说"公开"\n结尾是引号"', id="quotes-and-trailing-quote"),
    pytest.param('三个引号"""中间\n', id="triple-quotes"),
    pytest.param("反斜杠\\n不是换行\\", id="backslashes"),
    pytest.param("制表\t控制\x01字符", id="tab-and-control"),
    pytest.param("", id="empty"),
    pytest.param("😀 emoji 𠮷", id="astral"),
]


def _oxigraph() -> Graph:
    return Graph(store="Oxigraph")


def _one_by_one(triples: list) -> Graph:  # type: ignore[type-arg]
    """What ``Graph.add`` stores in Oxigraph (plain literals come back typed xsd:string either way)."""
    graph = _oxigraph()
    for triple in triples:
        graph.add(triple)
    return graph


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_literal_text_survives_bulk_loading_unchanged(text: str) -> None:
    """Task texts with line breaks, quotes, backslashes or control characters come back as written."""
    triples = [
        (SUBJECT, TEXT, Literal(text)),
        (
            SUBJECT,
            URIRef("https://zwgk.example.org/ontology#year"),
            Literal(2024, datatype=namespace.XSD.integer),
        ),
        (
            SUBJECT,
            URIRef("https://zwgk.example.org/ontology#deadline"),
            Literal("2024-06-30", datatype=namespace.XSD.date),
        ),
    ]
    graph = _oxigraph()
    assert is_oxigraph(graph)
    add_triples(graph, triples, chunk=2)
    assert set(graph) == set(_one_by_one(triples)) and len(graph) == len(triples)
    [(value,)] = graph.query(f"SELECT ?t WHERE {{ {SUBJECT.n3()} {TEXT.n3()} ?t }}")
    assert str(value) == text


def test_model_in_oxigraph_holds_the_same_triples_as_in_rdflib_memory() -> None:
    """The bundled corpus's graph: bulk-loaded Oxigraph, addN into rdflib's store and the mapping agree."""
    model = build_model(corpus_documents())
    triples = list(model_triples(model))
    bulk = model_to_rdf(model, _oxigraph())
    memory = model_to_rdf(model)
    assert len(bulk) == len(memory) == len(set(triples))
    assert set(memory) == set(triples)
    assert set(bulk) == set(_one_by_one(triples))
