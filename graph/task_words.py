"""Each task's content words, segmented once per engine load and shared by every alignment query.

``aligned_tasks`` compares a task with the hundred-odd tasks of the plans above
it; segmenting all of them with jieba on every call cost more than everything
else the query does. :func:`words_of` keeps the words of every task a query has
touched, keyed by the engine's ``generation`` (a load drops them) and by the
tokenizer's vocabulary version (words taught by :func:`graph.text.add_words`
can change a segmentation), so a cached answer is always the one
:func:`graph.text.tokens` would give now. Nothing is built at start-up: a task
is segmented the first time a query needs it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graph.model import Node
from graph.text import tokens, vocabulary_version


def _words_by_task(engine: Any) -> dict[str, tuple[str, ...]]:
    """The engine's task id → words table for its current load and vocabulary."""
    from graph import lookups  # the per-load store of derived indexes

    return lookups.of(engine).keep("task_words", dict, version=vocabulary_version())


def words_of(engine: Any, tasks: Iterable[Node]) -> list[tuple[str, ...]]:
    """The content words (:func:`graph.text.tokens`) of each task's text, in the order given."""
    table = _words_by_task(engine)
    out = []
    for task in tasks:
        words = table.get(task.id)
        if words is None:
            words = tuple(tokens(task.get("text") or ""))
            table[task.id] = words  # one dict store: atomic, a race only segments a task twice
        out.append(words)
    return out
