"""Deployment files stay correct without a Docker engine: read and checked here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from api.static_files import VENDOR_FILES
from graph.settings import SETTINGS

ROOT = Path(__file__).resolve().parent.parent


def _compose() -> dict:
    yaml = pytest.importorskip("yaml")
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def test_compose_runs_the_api_on_the_official_neo4j_image() -> None:
    services = _compose()["services"]
    assert services["neo4j"]["image"] == "neo4j:5.26-community"
    api = services["api"]
    env = api["environment"]
    assert env["ZWGK_ENGINE"] == "neo4j"
    assert env["ZWGK_NEO4J_URI"] == "bolt://neo4j:7687"
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert {"ZWGK_" + s.name.upper() for s in SETTINGS} >= set(env), "only real settings are configured"


def test_compose_services_have_health_checks_and_volumes() -> None:
    compose = _compose()
    for name, service in compose["services"].items():
        assert service["healthcheck"]["test"], name
        mounts = [v.split(":")[0] for v in service["volumes"]]
        assert all(m in compose["volumes"] for m in mounts), name
    assert "/api/health" in " ".join(compose["services"]["api"]["healthcheck"]["test"])


def test_compose_password_is_shared_by_neo4j_and_the_api() -> None:
    services = _compose()["services"]
    auth = services["neo4j"]["environment"]["NEO4J_AUTH"]
    assert auth.startswith("neo4j/")
    assert auth.removeprefix("neo4j/") == services["api"]["environment"]["ZWGK_NEO4J_PASSWORD"]


def test_dockerfile_serves_with_vendored_libraries_and_a_volume() -> None:
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "scripts/vendor-frontend.sh" in text
    assert "api/static/vendor" in text
    assert 'CMD ["zwgk", "serve"]' in text
    assert "ZWGK_HOST=0.0.0.0" in text and "VOLUME" in text and "HEALTHCHECK" in text
    for copied in re.findall(r"^COPY (?!--)(\S+)", text, re.M):
        assert (ROOT / copied).exists(), copied


def test_vendor_script_provides_every_file_the_ui_loads() -> None:
    script = (ROOT / "scripts" / "vendor-frontend.sh").read_text(encoding="utf-8")
    page = (ROOT / "api" / "templates" / "index.html").read_text(encoding="utf-8")
    for name in VENDOR_FILES:
        assert f"/{name}" in script
        assert f"/static/vendor/{name}" in page
    assert "cdn" not in page.lower() and "https://" not in page
