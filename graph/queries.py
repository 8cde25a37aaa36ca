"""The queries of the product, one core function each, for any engine.

The CLI, the HTTP routes, the web UI and :func:`graph.ask.ask` all call these
functions and only format what they return (see :mod:`graph.results`). Each
function resolves names (unit, domain, region, doc number) against the graph's
own dictionaries, asks the engine for facts, and ranks and groups them here, so
that every engine gives the same answer.
"""

from __future__ import annotations

from graph.engine import Engine
from graph.results import (
    AlignedTask,
    CoverageResult,
    Direction,
    LineageResult,
    Neighbourhood,
    ResponsibilityRow,
    SearchHit,
    Stats,
    UnitsForResult,
)


def responsibilities(engine: Engine, unit: str, role: str | None = None) -> list[ResponsibilityRow]:
    """Every task of ``unit`` (id, canonical name or name as written), optionally in one role.

    Rows are ordered by directive (year, then id) and task order.
    """
    raise NotImplementedError


def units_for(
    engine: Engine,
    domain: str,
    role: str | None = None,
    region: str | None = None,
    level: str | None = None,
    year: int | None = None,
) -> UnitsForResult:
    """Units assigned to tasks of ``domain`` (and its narrower concepts), by unit and by function.

    ``region`` selects directives of that region or below it; ``level`` and ``year``
    select by the directive's level and year.
    """
    raise NotImplementedError


def lineage(engine: Engine, directive: str, direction: Direction = "up", depth: int = 5) -> LineageResult:
    """Directives ``directive`` carries out (``up``) or that carry it out (``down``).

    ``directive`` may be an id, a doc number in any variant, or a title. Cited
    documents that were not ingested appear as stubs; inferred links say why.
    """
    raise NotImplementedError


def aligned_tasks(engine: Engine, task_id: str, limit: int = 5) -> list[AlignedTask]:
    """Tasks of the plans above the task's plan that it plausibly carries out, best first."""
    raise NotImplementedError


def coverage(engine: Engine, parent: str, child: str, threshold: float | None = None) -> CoverageResult:
    """For each task of ``parent``, the best-matching task of ``child`` and whether it is covered."""
    raise NotImplementedError


def neighbourhood(engine: Engine, node_id: str, depth: int = 1, limit: int = 200) -> Neighbourhood:
    """Nodes and edges within ``depth`` hops of ``node_id``, at most ``limit`` nodes."""
    raise NotImplementedError


def search(engine: Engine, text: str, limit: int = 20) -> list[SearchHit]:
    """Directives, tasks and units whose words contain ``text`` (simplified/traditional, any width)."""
    raise NotImplementedError


def stats(engine: Engine) -> Stats:
    """Counts of nodes, edges, roles, documents, stubs, tasks and units."""
    raise NotImplementedError
