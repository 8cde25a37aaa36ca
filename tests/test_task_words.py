"""Alignment reads each task's words from a per-load cache; the words must be jieba's, load after load."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from graph import queries
from graph.builder import build_model
from graph.embedded import EmbeddedEngine
from graph.model import GraphModel
from graph.similarity import rank, rank_words
from graph.task_words import words_of
from graph.text import STOPWORDS, _tokenizer, add_words, search_form, tokens
from ingest.records import Citation
from tests.graph_support import corpus_documents

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"


def _jieba_words(text: str) -> list[str]:
    """Content words as a plain jieba pass over the whole text gives them."""
    return [
        w
        for w in _tokenizer().cut(search_form(text), HMM=False)
        if len(w) >= 2 and w not in STOPWORDS and not w.isdigit() and any(c.isalnum() for c in w)
    ]


@pytest.fixture(scope="module")
def model() -> GraphModel:
    return build_model(corpus_documents())


@pytest.mark.parametrize(
    "path", [pytest.param(p, id=p.stem[:40]) for p in sorted((CORPUS / "docs").glob("*.txt"))[:6]]
)
def test_remembered_clause_words_are_the_words_of_one_jieba_pass(path: Path) -> None:
    """Segmenting clause by clause (and remembering clauses) gives the words of segmenting a whole line."""
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        assert tokens(line) == _jieba_words(line), line
        assert tokens(line) == _jieba_words(line), line  # second time from the clause cache


def test_cached_task_words_follow_the_load_and_the_vocabulary(model: GraphModel) -> None:
    """A task's cached words equal fresh tokens; a reload or newly taught words are not served stale."""
    engine = EmbeddedEngine()
    engine.load(model)
    tasks = engine.nodes_of_type("Task")[:40]
    assert words_of(engine, tasks) == [tuple(tokens(t.get("text") or "")) for t in tasks]
    text = tasks[0].get("text") or ""
    whole = search_form(text)[:6]
    add_words([whole])
    assert whole in words_of(engine, tasks[:1])[0] or whole not in tokens(text)
    assert words_of(engine, tasks[:1])[0] == tuple(tokens(text))
    engine.load(model)
    assert words_of(engine, tasks) == [tuple(tokens(t.get("text") or "")) for t in tasks]


def test_scores_from_cached_words_equal_scores_from_texts(model: GraphModel) -> None:
    """Ranking pre-segmented candidates gives exactly the scores of ranking their texts."""
    tasks = [n for n in model.nodes if n.type == "Task"][:120]
    pairs = [(t.get("text") or "", t.get("domains") or ()) for t in tasks]
    for query in tasks[::17]:
        q_text, q_domains = query.get("text") or "", query.get("domains") or ()
        expected = rank(q_text, q_domains, pairs)
        got = rank_words(tokens(q_text), q_domains, [(tokens(t), d) for t, d in pairs])
        assert got == expected


def test_aligned_tasks_repeat_their_answer_once_words_are_cached() -> None:
    """The first (segmenting) and a later (cached) call of aligned_tasks answer the same."""
    parent = max(corpus_documents(), key=lambda d: len(d.tasks))
    child = dataclasses.replace(
        parent,
        source=dataclasses.replace(parent.source, path="mem/child.txt", name="child.txt", sha256="c" * 64),
        meta=dataclasses.replace(parent.meta, doc_number=None, title="下级落实方案"),
        cites=(
            Citation(
                parent.meta.doc_number,
                parent.meta.doc_number,
                parent.meta.title,
                "implements",
                parent.tasks[0].span,
            ),
        ),
    )
    engine = EmbeddedEngine()
    engine.load(build_model([parent, child]))
    child_id = queries.lineage(engine, "下级落实方案").root.id.removeprefix("directive/")
    asked = [f"task/{child_id}/{task.n}" for task in child.tasks]
    first = [queries.aligned_tasks(engine, t) for t in asked]
    assert sum(bool(a) for a in first) >= len(asked) // 2
    assert [queries.aligned_tasks(engine, t) for t in asked] == first
