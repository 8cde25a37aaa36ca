"""Questions in words are understood and answered like the hand-made gold (tests/gold/seeds/questions.json).

The graph is built from the five seed documents through the real pipeline, as
the gold assumes. An answer is compared with the gold by its shape (units with
their tasks, task lists, lineage chains, citing documents, unit functions), not
question by question, so a new question of a known shape needs no new code.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from graph.ask import ask
from graph.builder import build_model
from graph.embedded import EmbeddedEngine
from graph.ids import fold
from graph.results import CitingRow, FunctionSummary, LineageResult, TaskRow, UnitsForResult
from tests.graph_support import GOLD, SEEDS, pipeline_available

QUESTIONS = json.loads((GOLD / "questions.json").read_text(encoding="utf-8"))
needs_pipeline = pytest.mark.skipif(
    not pipeline_available(), reason="ingest/pipeline.py is not importable yet"
)

try:
    import pypinyin  # noqa: F401

    HAS_PINYIN = True
except ImportError:
    HAS_PINYIN = False


@pytest.fixture(scope="module")
def seeds_engine() -> EmbeddedEngine:
    from ingest.pipeline import iter_extract

    docs = [d for d in iter_extract(sorted(Path(SEEDS).glob("*.txt"))) if not isinstance(d, Exception)]
    engine = EmbeddedEngine()
    engine.load(build_model(docs))
    return engine


def _name(text: str) -> str:
    return fold(text)


def _units_with_tasks(answer: Any) -> set[tuple[str, str, frozenset[int]]]:
    if isinstance(answer, UnitsForResult):
        out = set()
        for summary in answer.by_unit:
            for written in summary.written:
                for file in {t.file for t in summary.tasks}:
                    tasks = frozenset(t.n for t in summary.tasks if t.file == file)
                    out.add((file, _name(written), tasks))
        return out
    rows: list[TaskRow] = answer
    files = {r.directive.file for r in rows}
    return {(f, "", frozenset(r.task.n for r in rows if r.directive.file == f)) for f in files}


def _compare(gold: list[dict[str, Any]], answer: Any) -> None:
    first = gold[0]
    if isinstance(answer, LineageResult):
        assert {n.directive.doc_number for n in answer.nodes} == {g["doc_number"] for g in gold}
        numbers = {n.directive.id: n.directive.doc_number for n in answer.nodes}
        links = {(numbers[link.src], numbers[link.dst]) for link in answer.links}
        assert {(g["doc_number"], up) for g in gold for up in g["implements"]} <= links
    elif isinstance(answer, list) and answer and isinstance(answer[0], CitingRow):
        got = {(r.directive.file, r.relation, frozenset(t.n for t in r.tasks)) for r in answer}
        if "tasks" in first:
            assert got == {(g["file"], g["relation"], frozenset(g["tasks"])) for g in gold}
        else:
            assert {(f, rel) for f, rel, _ in got} == {(g["file"], g["relation"]) for g in gold}
    elif isinstance(answer, tuple) and answer and isinstance(answer[0], FunctionSummary):
        groups = [{(t.file, _name(w)) for u in f.units for w in u.written for t in u.tasks} for f in answer]
        for expected in gold:
            wanted = {(u["file"], _name(u["unit"])) for u in expected["units"]}
            assert any(wanted <= group for group in groups), expected["function"]
    elif "role" in first and "task" in first:
        assert isinstance(answer, UnitsForResult)
        got = {(h.task.file, h.task.n, _name(h.written), h.role) for h in answer.hits}
        assert got == {(g["file"], g["task"], _name(g["unit"]), g["role"]) for g in gold}
    elif "task" in first:
        assert {(r.directive.file, r.task.n) for r in answer} == {(g["file"], g["task"]) for g in gold}
        for g, row in zip(
            sorted(gold, key=lambda g: (g["file"], g["task"])), sorted(answer, key=_row_key), strict=True
        ):
            for role in ("lead", "responsible", "guiding"):
                if role in g:
                    assert {_name(u) for u in row.units(role)} == {_name(u) for u in g[role]}, (
                        g["task"],
                        role,
                    )
    elif "unit" in first and isinstance(answer, UnitsForResult):
        assert _units_with_tasks(answer) == {
            (g["file"], _name(g["unit"]), frozenset(g["tasks"])) for g in gold
        }
    else:
        got = {(f, n) for f, _, tasks in _units_with_tasks(answer) for n in tasks}
        assert got == {(g["file"], n) for g in gold for n in g["tasks"]}


def _row_key(row: TaskRow) -> tuple[str, int]:
    return (row.directive.file or "", row.task.n)


CASES = [
    pytest.param(q[key], q["answer"], id=f"{i:02d}-{key[2:]}")
    for i, q in enumerate(QUESTIONS)
    for key in ("q_zh", "q_en")
]


@needs_pipeline
@pytest.mark.parametrize(("question", "gold"), CASES)
def test_question_gets_the_gold_answer(
    seeds_engine: EmbeddedEngine, question: str, gold: list[dict[str, Any]]
) -> None:
    """Every gold question, in Chinese and in English, parses into a query whose answer matches the gold."""
    if not HAS_PINYIN and question.isascii() is False and any(c.isascii() and c.isalpha() for c in question):
        pytest.skip("English place names need pypinyin")
    result = ask(seeds_engine, question)
    assert result.understood, result.summary
    assert result.query
    _compare(gold, result.answer)


@needs_pipeline
@pytest.mark.parametrize(
    "question",
    [
        pytest.param("今天天气怎么样？", id="zh-weather"),
        pytest.param("What is the meaning of life?", id="en-philosophy"),
    ],
)
def test_question_outside_the_graph_is_not_understood(seeds_engine: EmbeddedEngine, question: str) -> None:
    """A question the graph cannot answer says so and suggests questions it can answer."""
    result = ask(seeds_engine, question)
    assert not result.understood
    assert result.answer is None
    assert result.suggestions
