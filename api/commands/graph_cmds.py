"""``zwgk ask``, ``zwgk query …`` and ``zwgk export``: parse arguments, call graph.queries, print.

Every subcommand calls the same core function the HTTP API calls and prints
its result as a table (default) or as JSON (``--json``).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from graph.results import to_jsonable

_WIDTH = 48
DEFAULT_LIMIT = 50  # graph.queries.DEFAULT_LIMIT, kept here so --help does not import the graph
DEFAULT_LINEAGE_LIMIT = 200


def _engine(args: argparse.Namespace) -> Any:
    from graph.service import open_engine
    from graph.settings import load_settings

    overrides: dict[str, Any] = {}
    if getattr(args, "data_dir", None):
        overrides["data_dir"] = Path(args.data_dir)
    if getattr(args, "engine", None):
        overrides["engine"] = args.engine
    return open_engine(load_settings(**overrides))


def _cell(value: Any) -> str:
    """One table cell: references shortened, lists joined, long text cut."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = {f.name for f in dataclasses.fields(value)}
        if {"n", "directive_id"} <= names:  # TaskRef
            return f"{value.file or value.directive_id}#{value.n}"
        if "stub" in names:  # DirectiveRef
            return str(value.doc_number or value.title or value.file or value.id)
        if "char_start" in names:  # Evidence
            return f"{value.file}:{value.line_start}-{value.line_end}"
        if "role" in names and "written" in names:  # AssignmentRef
            return f"{value.written}({value.role})"
        return str(value)
    if isinstance(value, list | tuple):
        return "、".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}={_cell(v)}" for k, v in value.items())
    text = "" if value is None else str(value).replace("\n", " ")
    return text if len(text) <= _WIDTH else text[: _WIDTH - 1] + "…"


def _table(rows: list[Any], skip: tuple[str, ...] = ("props", "evidence")) -> str:
    if not rows:
        return "(no rows)"
    if dataclasses.is_dataclass(rows[0]):
        names = [f.name for f in dataclasses.fields(rows[0]) if f.name not in skip]
        cells = [[_cell(getattr(r, n)) for n in names] for r in rows]
    else:
        names = ["value"]
        cells = [[_cell(r)] for r in rows]
    widths = [max(len(n), *(len(c[i]) for c in cells)) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True))]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
    return "\n".join(lines)


def _shown(count: int, total: int, offset: int, what: str) -> str:
    """'1–50 of 1234 units': which page of a paged answer is printed."""
    if not count:
        return f"0 of {total} {what}"
    return f"{offset + 1}–{offset + count} of {total} {what}"


def render(result: Any) -> str:
    """A result of graph.queries as text tables."""
    from graph import results as r

    if isinstance(result, list | tuple):
        return _table(list(result))
    if isinstance(result, r.UnitsForResult):
        narrower = max(len(result.domains) - 1, 0)
        return "\n\n".join(
            [
                f"domain={result.domain} (+{narrower} narrower) role={result.role} "
                f"region={result.region} level={result.level} year={result.year}: "
                f"{result.total_hits} assignment(s), {result.total_units} unit(s)",
                _shown(len(result.by_unit), result.total_units, result.offset, "units"),
                _table(list(result.by_unit)),
                "By unit function:",
                _table(list(result.by_function), skip=("units",)),
            ]
        )
    if isinstance(result, r.ResponsibilitiesResult):
        shown = _shown(len(result.rows), result.total, result.offset, "tasks")
        return shown + "\n\n" + _table(list(result.rows))
    if isinstance(result, r.SearchResult):
        return (
            _shown(len(result.hits), result.total, result.offset, "hits") + "\n\n" + _table(list(result.hits))
        )
    if isinstance(result, r.LineageResult):
        shown = _shown(len(result.nodes), result.total_nodes, result.offset, "directives")
        return "\n\n".join([shown, _table(list(result.nodes)), _table(list(result.links))])
    if isinstance(result, r.CoverageResult):
        head = f"{result.covered}/{result.total} parent tasks covered (threshold {result.threshold})"
        return head + "\n\n" + _table(list(result.rows))
    if isinstance(result, r.Neighbourhood):
        tail = " (truncated)" if result.truncated else ""
        return _table(list(result.nodes)) + "\n\n" + _table(list(result.edges)) + tail
    if isinstance(result, r.Stats):
        return "\n".join(f"{f.name}: {_cell(getattr(result, f.name))}" for f in dataclasses.fields(result))
    if isinstance(result, r.AskResult):
        head = f"{result.summary}\nquery: {result.query} {json.dumps(result.params, ensure_ascii=False)}"
        if not result.understood:
            return head + "\n" + "\n".join(f"  - {s}" for s in result.suggestions)
        return head + "\n\n" + render(result.answer)
    return str(result)


def _emit(args: argparse.Namespace, result: Any) -> int:
    if args.json:
        print(json.dumps(to_jsonable(result), ensure_ascii=False, indent=1))
    else:
        print(render(result))
    return 0


def _guard(handler: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        from graph.errors import GraphError

        try:
            return handler(args)
        except GraphError as exc:
            print(str(exc), file=sys.stderr)
            return 2

    return run


def cmd_ask(args: argparse.Namespace) -> int:
    from graph.ask import ask

    result = ask(_engine(args), args.question)
    _emit(args, result)
    return 0 if result.understood else 1


def cmd_query(args: argparse.Namespace) -> int:
    from graph import queries as q

    engine = _engine(args)
    limit = getattr(args, "limit", None)
    page = (None if limit == 0 else limit, getattr(args, "offset", 0))
    calls: dict[str, Callable[[], Any]] = {
        "responsibilities": lambda: q.responsibilities(engine, args.unit, args.role, *page),
        "units-for": lambda: q.units_for(
            engine, args.domain, args.role, args.region, args.level, args.year, *page
        ),
        "lineage": lambda: q.lineage(
            engine, args.directive, args.direction, args.depth, args.mentions, *page
        ),
        "aligned": lambda: q.aligned_tasks(engine, args.task, args.limit),
        "coverage": lambda: q.coverage(engine, args.parent, args.child, args.threshold),
        "neighbourhood": lambda: q.neighbourhood(engine, args.node, args.depth, args.limit),
        "search": lambda: q.search(engine, args.text, args.limit, args.offset),
        "stats": lambda: q.stats(engine),
        "tasks": lambda: q.find_tasks(
            engine,
            directive=args.directive,
            region=args.region,
            year=args.year,
            level=args.level,
            domain=args.domain,
            unit=args.unit,
            role=args.role,
            missing_role=args.missing_role,
            due_before=args.due_before,
            due_after=args.due_after,
        ),
        "cited-by": lambda: q.cited_by(engine, args.directive),
    }
    return _emit(args, calls[args.query]())


def cmd_export(args: argparse.Namespace) -> int:
    from graph.export import export

    text = export(_engine(args), args.format)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"wrote {args.output} ({len(text.encode('utf-8'))} bytes, {args.format})", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _common(parser: argparse.ArgumentParser, output: bool = True) -> None:
    parser.add_argument("--data-dir", help="store directory (default: ZWGK_DATA_DIR or ./var)")
    parser.add_argument(
        "--engine", choices=["embedded", "rdf", "neo4j"], help="default: ZWGK_ENGINE or embedded"
    )
    if output:
        parser.add_argument("--json", action="store_true", help="print JSON instead of a table")


def _paging(parser: argparse.ArgumentParser, default: int) -> None:
    parser.add_argument(
        "--limit", type=int, default=default, help=f"rows per page (default {default}; 0: every row)"
    )
    parser.add_argument("--offset", type=int, default=0, help="rows to skip (the page starts after them)")


def _query_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    roles = ["lead", "responsible", "cooperating", "reference", "guiding"]
    levels = ["national", "provincial", "city", "county", "township", "department"]
    p = sub.add_parser("responsibilities", help="every task of a unit")
    p.add_argument("unit", help="unit id, canonical name (赣州市财政局) or name as written")
    p.add_argument("--role", choices=roles)
    _paging(p, DEFAULT_LIMIT)
    p = sub.add_parser("units-for", help="units assigned to a domain (and its narrower domains)")
    p.add_argument("domain", help="domain label (财政信息公开), id (domain/fiscal) or English label")
    p.add_argument("--role", choices=roles)
    p.add_argument("--region")
    p.add_argument("--level", choices=levels)
    p.add_argument("--year", type=int)
    _paging(p, DEFAULT_LIMIT)
    p = sub.add_parser("lineage", help="directives a directive carries out (up) or that carry it out (down)")
    p.add_argument("directive", help="doc number (any variant), title or id")
    p.add_argument("--direction", choices=["up", "down"], default="up")
    p.add_argument("--depth", type=int, default=5)
    p.add_argument("--mentions", action="store_true", help="also follow citations that only mention")
    _paging(p, DEFAULT_LINEAGE_LIMIT)
    p = sub.add_parser("aligned", help="parent-plan tasks a task carries out")
    p.add_argument("task", help="task id, e.g. task/江府办函〔2021〕129号/3")
    p.add_argument("--limit", type=int, default=5)
    p = sub.add_parser("coverage", help="how much of a parent plan a child plan takes up")
    p.add_argument("parent")
    p.add_argument("child")
    p.add_argument("--threshold", type=float)
    p = sub.add_parser("neighbourhood", help="nodes and edges around a node")
    p.add_argument("node", help="node id")
    p.add_argument("--depth", type=int, default=1)
    p.add_argument("--limit", type=int, default=200)
    p = sub.add_parser("search", help="directives, tasks and units containing words")
    p.add_argument("text")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--offset", type=int, default=0, help="hits to skip (the page starts after them)")
    sub.add_parser("stats", help="counts of what the graph holds")
    p = sub.add_parser("tasks", help="tasks by plan, region, year, unit, role, missing role or deadline")
    for name in ("--directive", "--region", "--domain", "--unit", "--due-before", "--due-after"):
        p.add_argument(name)
    p.add_argument("--year", type=int)
    p.add_argument("--level", choices=levels)
    p.add_argument("--role", choices=roles)
    p.add_argument("--missing-role", choices=roles)
    p = sub.add_parser("cited-by", help="documents citing a directive, and the tasks naming it")
    p.add_argument("directive")
    for parser in sub.choices.values():
        _common(parser)


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = subparsers.add_parser("ask", help="ask a question in Chinese or English")
    p.add_argument("question")
    _common(p)
    p.set_defaults(handler=_guard(cmd_ask))

    p = subparsers.add_parser("query", help="run one graph query")
    sub = p.add_subparsers(dest="query", metavar="QUERY", required=True)
    _query_parsers(sub)
    p.set_defaults(handler=_guard(cmd_query))

    p = subparsers.add_parser("export", help="export the graph as Turtle, JSON-LD, GraphML or CSV")
    p.add_argument("--format", choices=["ttl", "jsonld", "graphml", "csv"], default="ttl")
    p.add_argument("-o", "--output", help="file to write (default: standard output)")
    _common(p, output=False)
    p.set_defaults(handler=_guard(cmd_export))
