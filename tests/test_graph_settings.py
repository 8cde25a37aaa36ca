"""Settings are declared once, read only from ZWGK_* variables, and validated at start-up."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from graph.errors import SettingsError
from graph.settings import SETTINGS, load_settings

ROOT = Path(__file__).resolve().parent.parent


def test_defaults_are_safe_without_any_variable() -> None:
    settings = load_settings({})
    assert settings.engine == "embedded"
    assert settings.port == 8000
    assert settings.data_dir == Path("./var")
    assert not settings.writes_enabled  # no token: uploads and ingestion over HTTP are refused


def test_variables_override_defaults() -> None:
    settings = load_settings({"ZWGK_ENGINE": "RDF", "ZWGK_PORT": "9001", "ZWGK_WRITE_TOKEN": "s3cret"})
    assert (settings.engine, settings.port, settings.writes_enabled) == ("rdf", 9001, True)
    assert settings.public()["write_token"] == "***"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        pytest.param("ZWGK_PORT", "eighty", id="port-not-a-number"),
        pytest.param("ZWGK_PORT", "70000", id="port-out-of-range"),
        pytest.param("ZWGK_ENGINE", "mysql", id="unknown-engine"),
        pytest.param("ZWGK_QUERY_TIMEOUT_S", "-1", id="negative-timeout"),
        pytest.param("ZWGK_MAX_UPLOAD_BYTES", "0", id="zero-upload-limit"),
    ],
)
def test_invalid_value_fails_at_start_naming_the_variable(name: str, value: str) -> None:
    with pytest.raises(SettingsError, match=name):
        load_settings({name: value})


def test_every_setting_has_help_and_a_unique_variable() -> None:
    assert all(s.help for s in SETTINGS)
    assert len({s.env for s in SETTINGS}) == len(SETTINGS)


def _reads_environment(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv"):
            return True
    return False


def test_only_the_settings_module_reads_the_environment() -> None:
    readers = {
        str(p.relative_to(ROOT))
        for package in ("ontology", "ingest", "graph", "api")
        for p in (ROOT / package).rglob("*.py")
        if _reads_environment(p)
    }
    assert readers <= {"graph/settings.py"}
