"""Score the domain classifier against the annotated seed documents.

The gold files (``tests/gold/seeds/*.json``) give each task's first 20 and last
10 characters; the full text is recovered from the seed document by finding
``text_start`` and the next ``text_end`` after width and whitespace folding.
Used by the test suite and by anyone tuning the domain scheme's keywords.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class GoldTask:
    """One annotated task with its recovered text."""

    file: str
    n: int
    section: tuple[str, ...]
    text: str
    domains: frozenset[str]


@dataclass(frozen=True)
class Score:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


def _folded_with_index(text: str) -> tuple[str, list[int]]:
    chars: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        for c in unicodedata.normalize("NFKC", ch):
            if not c.isspace():
                chars.append(c)
                index.append(i)
    return "".join(chars), index


def _fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def load_gold_tasks(gold_file: Path, seeds_dir: Path, *, extras: bool = False) -> list[GoldTask]:
    """The tasks of one gold file with their full text recovered from the seed document."""
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    source = (seeds_dir / gold["file"]).read_text(encoding="utf-8")
    folded, index = _folded_with_index(source)
    rows = list(gold["tasks"]) + (list(gold.get("extra_items") or []) if extras else [])
    tasks: list[GoldTask] = []
    for row in rows:
        start = folded.find(_fold(row["text_start"]))
        end = folded.find(_fold(row["text_end"]), start) if start >= 0 else -1
        if end < 0:
            raise ValueError(f"{gold_file.name} task {row['n']}: text not found in {gold['file']}")
        end += len(_fold(row["text_end"]))
        text = source[index[start] : index[end - 1] + 1]
        tasks.append(GoldTask(gold["file"], row["n"], tuple(row["section"]), text, frozenset(row["domains"])))
    return tasks


def score(predicted: Iterable[str], expected: Iterable[str]) -> Score:
    p, e = set(predicted), set(expected)
    return Score(len(p & e), len(p - e), len(e - p))


def evaluate(
    tasks: Sequence[GoldTask], predict: Callable[[GoldTask], set[str]]
) -> tuple[Score, list[tuple[GoldTask, set[str]]]]:
    """Micro-averaged score of ``predict`` over ``tasks``, with every prediction."""
    total = Score(0, 0, 0)
    rows = []
    for task in tasks:
        predicted = predict(task)
        total += score(predicted, task.domains)
        rows.append((task, predicted))
    return total, rows
