"""The ``zwgk`` command line: one entry point, one small module per command group.

Each command module exposes ``register(subparsers)`` and parses input, calls a
core function of ``ingest`` or ``graph`` and formats the result — the same core
functions the HTTP routes and the web UI call.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# Command modules, imported lazily so that `zwgk extract` never pays for the
# web stack or the Neo4j driver.
COMMAND_MODULES: tuple[str, ...] = (
    "api.commands.ingest_cmds",
    "api.commands.graph_cmds",
    "api.commands.serve_cmds",
    "api.commands.synth_cmds",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="zwgk",
        description="Knowledge graph of Chinese government-disclosure (政务公开) plans.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in COMMAND_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:
                continue  # command group not installed in this build
            raise
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    return int(args.handler(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
