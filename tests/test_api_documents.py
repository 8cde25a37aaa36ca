"""Documents and tasks: the original text with exact spans of what was extracted, and the plan's 工作台账."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from api.tables import LEDGER_COLUMNS
from graph.text import simplified
from tests import api_support

client = api_support.client  # shared fixture
corpus_dir = api_support.corpus_dir  # shared fixture


def _documents(client: TestClient) -> list[dict]:
    return client.get("/api/documents", params={"limit": 1000}).json()["data"]


def _plans(client: TestClient, count: int = 4) -> list[dict]:
    return [d for d in _documents(client) if d["tasks"]][:count]


def test_document_list_holds_every_ingested_document_and_no_stub(client: TestClient, corpus_dir) -> None:
    """Documents known only from a citation are not listed as documents."""
    from graph.store import open_store

    with open_store(corpus_dir) as store:
        stored = store.counts().documents
    documents = _documents(client)
    assert len(documents) == stored
    assert not any(d["stub"] for d in documents)
    page = client.get("/api/documents", params={"limit": 3, "offset": 2}).json()
    assert page["data"] == documents[2:5] and page["page"]["total"] == stored


def test_documents_as_csv(client: TestClient) -> None:
    response = client.get("/api/documents", params={"format": "csv", "limit": 1000})
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8").lstrip("\ufeff"))))
    assert [r["id"] for r in rows] == [d["id"] for d in _documents(client)]


def test_every_highlight_marks_the_exact_words_it_names(client: TestClient) -> None:
    """Task, unit, deadline and citation spans index the original text: the UI highlights text[start:end]."""
    checked = 0
    for plan in _plans(client, 6):
        data = client.get(f"/api/documents/{plan['id']}").json()["data"]
        text = data["text"]
        kinds = {h["kind"] for h in data["highlights"]}
        assert "task" in kinds
        for h in data["highlights"]:
            assert 0 <= h["start"] < h["end"] <= len(text)
            words = text[h["start"] : h["end"]]
            if h["kind"] == "deadline":
                assert words.strip(), h
            if h["kind"] == "task":
                checked += 1
        for task in data["tasks"]:
            evidence = task["evidence"]
            if evidence["char_start"] is not None:
                assert text[evidence["char_start"] : evidence["char_end"]].strip()
    assert checked


def test_unit_highlights_are_units_written_in_their_task(client: TestClient) -> None:
    """The words under a unit highlight are a unit the task names (as written; traditional text too)."""
    for plan in _plans(client):
        data = client.get(f"/api/documents/{plan['id']}").json()["data"]
        text = data["text"]
        written = {simplified(a["written"]) for t in data["tasks"] for a in t["assignments"]}
        for h in data["highlights"]:
            if h["kind"] == "unit":
                assert simplified(text[h["start"] : h["end"]]) in written, h


def test_document_can_be_opened_by_doc_number(client: TestClient) -> None:
    """A 发文字号 in any variant opens the same document as its id."""
    numbered = next(d for d in _documents(client) if d["doc_number"] and d["doc_number"][0] not in "〔[(")
    by_id = client.get(f"/api/documents/{numbered['id']}").json()["data"]
    variant = numbered["doc_number"].replace("〔", "[").replace("〕", "]")
    by_number = client.get(f"/api/documents/{variant}").json()["data"]
    assert by_number["directive"] == by_id["directive"]


def test_task_by_id_has_units_roles_and_evidence(client: TestClient) -> None:
    plan = _plans(client, 1)[0]
    tasks = client.get(f"/api/documents/{plan['id']}/tasks").json()["data"]
    for task in tasks[:5]:
        one = client.get(f"/api/tasks/{task['task']['id']}").json()["data"]
        assert one == task
        assert one["evidence"]["document_id"] == plan["id"]


@pytest.mark.parametrize("index", [0, 1, 2])
def test_plan_ledger_is_an_excel_workbook_with_one_line_per_task(client: TestClient, index: int) -> None:
    """The plan's 工作台账: 序号, 任务, 所属章节, 角色, 完成时限, 文件, 出处."""
    plans = _plans(client, 3)
    if index >= len(plans):
        pytest.skip("fewer plans in the corpus")
    plan = plans[index]
    tasks = client.get(f"/api/documents/{plan['id']}/tasks").json()["data"]
    response = client.get(f"/api/documents/{plan['id']}/tasks", params={"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert tuple(c.value for c in sheet[3]) == LEDGER_COLUMNS
    lines = list(sheet.iter_rows(min_row=4, values_only=True))
    assert [line[0] for line in lines] == [t["task"]["n"] for t in tasks]
    assert [line[1] for line in lines] == [t["text"] for t in tasks]
    for line, task in zip(lines, tasks, strict=True):
        for assignment in task["assignments"]:
            assert assignment["written"] in (line[3] or "")
        assert task["evidence"]["file"] in line[6]


def test_stub_directive_is_not_a_document(client: TestClient) -> None:
    """A directive known only from citations has no text to open: 404 with the common shape."""
    lineage = client.get(
        "/api/lineage", params={"directive": "国办发〔2019〕54号", "direction": "down"}
    ).json()
    root = lineage["data"]["root"]
    if not root["stub"]:
        pytest.skip("the national directive is ingested in this corpus")
    response = client.get(f"/api/documents/{root['id']}")
    assert response.status_code == 404 and response.json()["error"]["code"] == "G001"
