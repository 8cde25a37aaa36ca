"""Which parent-plan tasks a lower-level task carries out: ``aligned_tasks`` and ``coverage``.

Both score pairs of tasks with :func:`graph.similarity.rank` (TF-IDF over jieba
words plus shared domains), so a county's 规范政府网站 task meets the
province's 政府网站集约化 task even when the words differ. Re-exported by
:mod:`graph.queries`.
"""

from __future__ import annotations

from graph import resolve
from graph.engine import Engine
from graph.model import Node
from graph.results import AlignedTask, CoverageResult, CoverageRow
from graph.rows import directive_ref, evidence, task_ref
from graph.similarity import rank_words
from graph.task_words import words_of

DEFAULT_COVERAGE_THRESHOLD = 0.25


def _ancestor_plans(engine: Engine, directive_id: str, depth: int = 5) -> list[Node]:
    from graph.queries import lineage

    up = lineage(engine, directive_id, "up", depth, limit=None)
    ids = [n.directive.id for n in up.nodes if n.depth > 0 and not n.directive.stub]
    return engine.nodes(ids)


def aligned_tasks(engine: Engine, task_id: str, limit: int = 5) -> list[AlignedTask]:
    """Tasks of the plans above the task's plan that it plausibly carries out, best first."""
    task = resolve.task(engine, task_id)
    parents = {n.id: n for n in _ancestor_plans(engine, task.get("directive"))}
    candidates = sorted(engine.tasks_of(list(parents)), key=lambda t: t.id)
    scored = rank_words(
        words_of(engine, [task])[0],
        task.get("domains") or (),
        list(zip(words_of(engine, candidates), [c.get("domains") or () for c in candidates], strict=True)),
    )
    out = []
    for s in scored[:limit]:
        if s.score <= 0:
            break
        cand = candidates[s.index]
        out.append(
            AlignedTask(
                task=task_ref(cand),
                text=cand.get("text") or "",
                directive=directive_ref(parents[cand.get("directive")]),
                score=s.score,
                text_score=s.text_score,
                shared_domains=s.shared_domains,
                shared_tokens=s.shared_tokens,
                evidence=evidence(cand.get("directive"), cand),
            )
        )
    return out


def coverage(engine: Engine, parent: str, child: str, threshold: float | None = None) -> CoverageResult:
    """For each task of ``parent``, the best-matching task of ``child`` and whether it is covered."""
    limit = DEFAULT_COVERAGE_THRESHOLD if threshold is None else threshold
    parent_node = resolve.directive(engine, parent)
    child_node = resolve.directive(engine, child)
    child_tasks = sorted(engine.tasks_of([child_node.id]), key=lambda t: int(t.get("n")))
    child_candidates = list(
        zip(words_of(engine, child_tasks), [c.get("domains") or () for c in child_tasks], strict=True)
    )
    rows = []
    for ptask in sorted(engine.tasks_of([parent_node.id]), key=lambda t: int(t.get("n"))):
        best = rank_words(words_of(engine, [ptask])[0], ptask.get("domains") or (), child_candidates)[:1]
        top = best[0] if best and best[0].score > 0 else None
        match = child_tasks[top.index] if top else None
        rows.append(
            CoverageRow(
                parent_task=task_ref(ptask),
                parent_text=ptask.get("text") or "",
                child_task=task_ref(match) if match else None,
                child_text=match.get("text") if match else None,
                score=top.score if top else 0.0,
                covered=bool(top and top.score >= limit),
            )
        )
    return CoverageResult(
        parent=directive_ref(parent_node),
        child=directive_ref(child_node),
        threshold=limit,
        rows=tuple(rows),
        covered=sum(r.covered for r in rows),
        total=len(rows),
    )
