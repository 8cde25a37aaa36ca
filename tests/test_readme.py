"""Documentation that is checked: the README names every command and setting users have."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from api.cli import build_parser
from graph.settings import SETTINGS

README = (Path(__file__).parent.parent / "README.md").read_text("utf-8")


def _commands() -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return sorted(sub.choices)


@pytest.mark.parametrize("command", _commands())
def test_every_cli_command_is_in_the_readme(command: str) -> None:
    """A user reading the README learns every `zwgk` command."""
    assert f"zwgk {command}" in README


@pytest.mark.parametrize("name", [s.name for s in SETTINGS])
def test_every_setting_is_in_the_readme(name: str) -> None:
    """Every ZWGK_* environment variable is documented."""
    assert f"ZWGK_{name.upper()}" in README


def test_readme_gives_the_two_setup_commands_that_ci_runs() -> None:
    """`make run` and `make test` are the two commands; .ci/run calls the test one."""
    assert "make run" in README and "make test" in README
    ci = (Path(__file__).parent.parent / ".ci" / "run").read_text("utf-8")
    assert "make test" in ci
