"""The web UI in headless Chromium against a real uvicorn server: what only a browser shows.

Screenshots of each view go to ``artifacts/screenshots/`` for a person to look at.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import uvicorn

from api.app import create_app
from api.static_files import vendor_status
from tests import api_support
from tests.api_support import settings_for

corpus_dir = api_support.corpus_dir  # shared fixture

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = Path(__file__).resolve().parent.parent / "artifacts" / "screenshots"
NATIONAL = "国办发〔2019〕54号"
FISCAL_QUESTION = "哪些单位牵头财政信息公开工作？"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(corpus_dir: Path) -> Iterator[str]:
    """A uvicorn server on 127.0.0.1 serving the corpus; its base URL."""
    if not vendor_status()["ok"]:
        pytest.skip("front-end libraries not vendored: run scripts/vendor-frontend.sh")
    port = _free_port()
    app = create_app(settings_for(corpus_dir, host="127.0.0.1", port=port))
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("Chromium missing: apt-get install -y chromium chromium-driver")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser: Any, server: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN")
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.base = server  # type: ignore[attr-defined]
    yield tab
    context.close()
    assert not errors, f"JavaScript errors: {errors}"


def _open(page: Any, route: str) -> None:
    page.goto(f"{page.base}/{route}")
    page.wait_for_function("document.body.dataset.ready === 'true'", timeout=15_000)


def _shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def _api(page: Any, path: str) -> Any:
    return page.evaluate(f"fetch({path!r}).then(r => r.json())")


def _unit_id(page: Any, name: str) -> str:
    hits = _api(page, f"/api/search?q={quote(name)}&limit=20")["data"]
    return next(h["id"] for h in hits if h["type"] == "Unit" and h["label"] == name)


def _click_element(page: Any, graph: str, selector_js: str) -> str:
    """Click where a cytoscape element is drawn, as a person would; returns its id."""
    found = page.evaluate(
        f"""() => {{
            const cy = window.zwgk.{graph};
            const el = {selector_js};
            const p = el.isNode() ? el.renderedPosition() : el.renderedMidpoint();
            const box = cy.container().getBoundingClientRect();
            return {{id: el.id(), x: box.left + p.x, y: box.top + p.y}};
        }}"""
    )
    page.mouse.click(found["x"], found["y"])
    return found["id"]


def test_explorer_draws_a_unit_and_expands_a_node_on_click(page: Any) -> None:
    """Starting from 赣州市财政局 shows its tasks; clicking a task adds that task's neighbours."""
    _open(page, "")
    unit = _unit_id(page, "赣州市财政局")
    _open(page, f"#/graph?node={quote(unit)}")
    page.wait_for_function("window.zwgk && window.zwgk.graph && window.zwgk.graph.nodes().length > 1")
    before = page.evaluate("window.zwgk.graph.nodes().length")
    assert page.evaluate(f"window.zwgk.graph.getElementById({unit!r}).nonempty()")
    _shot(page, "explorer-unit")
    task = _click_element(page, "graph", "cy.nodes('[type = \"Task\"]').not('.expanded')[0]")
    page.wait_for_function(f"window.zwgk.graph.nodes().length > {before}")
    assert page.evaluate(f"window.zwgk.graph.getElementById({task!r}).hasClass('expanded')")
    page.wait_for_selector("#graph-details h3")
    _shot(page, "explorer-expanded")


def test_explorer_shows_the_evidence_of_an_assignment_edge(page: Any) -> None:
    _open(page, "")
    unit = _unit_id(page, "赣州市财政局")
    _open(page, f"#/graph?node={quote(unit)}")
    page.wait_for_function(
        "window.zwgk && window.zwgk.graph && window.zwgk.graph.edges('[type = \"ASSIGNED\"]').length > 0"
    )
    edge = _click_element(page, "graph", "cy.edges('[type = \"ASSIGNED\"]')[0]")
    evidence = page.wait_for_selector("#edge-evidence").inner_text()
    expected = page.evaluate(f"window.zwgk.graph.getElementById({edge!r}).data('props').text")
    assert evidence.strip() and evidence.strip() == expected.strip()
    _shot(page, "explorer-edge-evidence")


def test_explorer_type_filter_hides_nodes(page: Any) -> None:
    _open(page, "")
    unit = _unit_id(page, "赣州市财政局")
    _open(page, f"#/graph?node={quote(unit)}")
    page.wait_for_function(
        "window.zwgk && window.zwgk.graph && window.zwgk.graph.nodes('[type = \"Task\"]').length > 0"
    )
    page.locator("#graph-filters input[value='Task']").uncheck()
    assert page.evaluate("window.zwgk.graph.nodes('[type = \"Task\"]').every(n => n.hasClass('filtered'))")


def test_lineage_puts_the_national_directive_above_the_ganzhou_notice(page: Any) -> None:
    _open(page, "")
    documents = _api(page, "/api/documents?limit=1000")["data"]
    ganzhou = next(
        d
        for d in documents
        if (d["doc_number"] or "").endswith("〔2020〕49号") and "赣州" in (d["region"] or "")
    )
    _open(page, f"#/lineage?d={quote(NATIONAL)}")
    page.wait_for_function(
        f"window.zwgk && window.zwgk.lineage && window.zwgk.lineage.getElementById({ganzhou['id']!r}).nonempty()"
    )
    national_id = _api(page, f"/api/lineage?directive={quote(NATIONAL)}")["data"]["root"]["id"]
    y_national = page.evaluate(f"window.zwgk.lineage.getElementById({national_id!r}).position('y')")
    y_ganzhou = page.evaluate(f"window.zwgk.lineage.getElementById({ganzhou['id']!r}).position('y')")
    assert y_national < y_ganzhou
    _shot(page, "lineage-national-to-ganzhou")


def test_matrix_shows_finance_units_under_fiscal_information(page: Any) -> None:
    """Row 财政 (unit function) has tasks in the 财政信息公开 column; a click lists them with sources."""
    _open(page, "#/matrix")
    cell = page.wait_for_selector("td.cell[data-row='function/finance'][data-col='domain/fiscal']")
    assert int(cell.get_attribute("data-tasks")) > 0
    assert page.inner_text("th.row[data-row='function/finance']").strip() == "财政"
    assert "财政" in page.inner_text("th.col[data-col='domain/fiscal']")
    _shot(page, "matrix")
    cell.click()
    page.wait_for_selector("#matrix-details .hit")
    units = page.locator("#matrix-details .hit .hit-unit").all_inner_texts()
    assert units and all("财政" in u for u in units)
    assert page.locator("#matrix-details .hit a.source").count() == len(units)
    _shot(page, "matrix-cell")


def test_question_box_answers_the_fiscal_question(page: Any) -> None:
    pytest.importorskip("graph.ask")
    _open(page, "#/search")
    page.fill("#ask-input", FISCAL_QUESTION)
    page.click("#ask-form button[type=submit]")
    understood = page.wait_for_selector("#ask-understood").inner_text()
    assert "units_for" in understood
    page.wait_for_selector("#ask-result table.grid")
    units = page.locator("#ask-result table.grid tbody tr td:first-child").all_inner_texts()
    assert any("财政" in u for u in units)
    _shot(page, "ask-fiscal")


def test_document_view_highlights_what_was_extracted(page: Any) -> None:
    _open(page, "")
    plan = next(d for d in _api(page, "/api/documents?limit=1000")["data"] if d["tasks"] >= 5)
    _open(page, f"#/doc?id={quote(plan['id'])}")
    page.wait_for_selector("#doc-text .hl-task")
    for kind in ("task", "unit"):
        assert page.locator(f"#doc-text .hl-{kind}").count() > 0, kind
    assert page.locator(".doc-tasks li").count() == plan["tasks"]
    _shot(page, "document")


def test_language_switch_turns_the_interface_english(page: Any) -> None:
    _open(page, "#/search")
    assert page.inner_text("#tabs a[data-view='graph']") == "图谱浏览"
    page.click("#lang")
    assert page.inner_text("#tabs a[data-view='graph']") == "Graph explorer"
    page.click("#lang")
    assert page.inner_text("#tabs a[data-view='graph']") == "图谱浏览"
