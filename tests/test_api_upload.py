"""Uploads and retractions: token-guarded, size-limited, traversal-proof, visible in queries at once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.store import open_store
from ingest.errors import IngestError
from ingest.pipeline import extract_file
from ingest.records import ExtractedDocument
from tests.api_support import TOKEN, assert_error, auth, settings_for
from tests.fixtures.docgen import make_docx, make_pdf
from tests.graph_support import corpus_documents

LIMIT = 200_000


def _held_out() -> ExtractedDocument:
    """A real plan of the corpus with tasks and units, left out of the store so it can be uploaded."""
    return next(
        d for d in corpus_documents() if d.tasks and d.meta.doc_number and any(t.units for t in d.tasks)
    )


@pytest.fixture()
def data_dir(tmp_path: Path) -> Path:
    """A store holding the corpus without the held-out plan."""
    held = _held_out().source.path
    with open_store(tmp_path / "data") as store:
        store.put_many(d for d in corpus_documents() if d.source.path != held)
    return tmp_path / "data"


@pytest.fixture()
def writer(data_dir: Path) -> Iterator[TestClient]:
    app = create_app(settings_for(data_dir, write_token=TOKEN, max_upload_bytes=LIMIT))
    with TestClient(app) as test_client:
        yield test_client


def _upload(client: TestClient, name: str, content: bytes, headers: dict[str, str] | None = None):
    return client.post("/api/documents", files={"file": (name, content)}, headers=headers)


def _files_under(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file() and not p.name.startswith("zwgk.sqlite3")}


def test_uploaded_plan_is_in_every_query_at_once(writer: TestClient) -> None:
    """After a 201, the plan is listed, searchable and its units' responsibilities include its tasks."""
    doc = _held_out()
    unit = next(u.canonical for t in doc.tasks for u in t.units if not u.is_group)
    before = writer.get("/api/documents", params={"limit": 1000}).json()["data"]
    response = _upload(writer, doc.source.name, Path(doc.source.path).read_bytes(), auth())
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["outcome"] == "added" and body["tasks"] == len(doc.tasks)
    after = writer.get("/api/documents", params={"limit": 1000}).json()["data"]
    assert len(after) == len(before) + 1
    assert body["document"]["id"] in {d["id"] for d in after}
    rows = writer.get("/api/responsibilities", params={"unit": unit, "limit": 1000}).json()["data"]
    assert any(r["directive"]["id"] == body["document"]["id"] for r in rows)
    again = _upload(writer, doc.source.name, Path(doc.source.path).read_bytes(), auth())
    assert again.json()["outcome"] == "unchanged"


def test_delete_retracts_the_document_from_queries(writer: TestClient, data_dir: Path) -> None:
    doc = _held_out()
    created = _upload(writer, doc.source.name, Path(doc.source.path).read_bytes(), auth()).json()["document"]
    assert_error(writer.delete(f"/api/documents/{created['id']}"), 401, "A002")
    response = writer.delete(f"/api/documents/{created['id']}", headers=auth())
    assert response.status_code == 200 and response.json()["deleted"]["id"] == created["id"]
    ids = {d["id"] for d in writer.get("/api/documents", params={"limit": 1000}).json()["data"]}
    assert created["id"] not in ids
    assert not (data_dir / "uploads" / doc.source.name).exists()


def test_without_a_configured_token_writes_are_disabled(data_dir: Path) -> None:
    """No ZWGK_WRITE_TOKEN means read-only: uploads and deletes are 403 even with a header; reads work."""
    with TestClient(create_app(settings_for(data_dir))) as reader:
        doc = _held_out()
        before = _files_under(data_dir)
        assert_error(_upload(reader, "x.txt", b"abc", auth("anything")), 403, "A003")
        some = reader.get("/api/documents").json()["data"][0]["id"]
        assert_error(reader.delete(f"/api/documents/{some}", headers=auth("anything")), 403, "A003")
        assert reader.get("/api/stats").status_code == 200
        assert _files_under(data_dir) == before
        assert doc.source.name not in {
            d["file"] for d in reader.get("/api/documents?limit=1000").json()["data"]
        }


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param(None, id="no-header"),
        pytest.param({"Authorization": "Bearer wrong"}, id="wrong-token"),
        pytest.param({"Authorization": f"Basic {TOKEN}"}, id="not-bearer"),
        pytest.param({"Authorization": "Bearer "}, id="empty-token"),
    ],
)
def test_writes_need_the_bearer_token(
    writer: TestClient, data_dir: Path, headers: dict[str, str] | None
) -> None:
    before = _files_under(data_dir)
    error = assert_error(_upload(writer, "plan.txt", b"x", headers), 401, "A002")
    assert "bearer" in error["message"].lower()
    assert _files_under(data_dir) == before


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("../evil.txt", id="dot-dot"),
        pytest.param("../../etc/cron.d/evil.txt", id="deep-dot-dot"),
        pytest.param("/etc/evil.txt", id="absolute"),
        pytest.param("..\\evil.txt", id="backslash"),
        pytest.param("sub/evil.txt", id="subfolder"),
        pytest.param("C:evil.txt", id="drive-letter"),
        pytest.param("C:\\evil.txt", id="windows-absolute"),
        pytest.param(".hidden.txt", id="leading-dot"),
        pytest.param("..", id="parent"),
        pytest.param("evil\x00.txt", id="nul"),
    ],
)
def test_upload_names_that_could_escape_the_upload_folder_are_refused(
    writer: TestClient, tmp_path: Path, data_dir: Path, name: str
) -> None:
    """The name reaches the server byte for byte; it is refused, or at most kept as a plain name in uploads/."""
    before = _files_under(tmp_path)
    boundary = "zwgk-test-boundary"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        + Path(_held_out().source.path).read_bytes()
        + f"\r\n--{boundary}--\r\n".encode()
    )
    headers = {**auth(), "Content-Type": f"multipart/form-data; boundary={boundary}"}
    response = writer.post("/api/documents", content=body, headers=headers)
    uploads = (data_dir / "uploads").resolve()
    created = _files_under(tmp_path) - before
    if response.status_code == 201:  # the form parser already reduced it to a plain base name
        stored = response.json()["document"]["file"]
        assert "/" not in stored and "\\" not in stored and not stored.startswith(".")
        assert created == {uploads / stored}
    else:
        assert response.status_code == 400, response.text
        assert response.json()["error"]["code"] == "A007"
        assert created == set()
    assert all(path.resolve().parent == uploads for path in created)


def test_oversize_upload_is_refused_with_413(writer: TestClient, data_dir: Path) -> None:
    error = assert_error(
        _upload(writer, "big.txt", "政".encode() * (LIMIT // 3 + 50_000), auth()), 413, "A006"
    )
    assert "ZWGK_MAX_UPLOAD_BYTES" in error["message"]
    assert not (data_dir / "uploads" / "big.txt").exists()


def _docx(path: Path) -> Path:
    doc = _held_out()
    rows = [["序号", "工作任务", "责任单位", "完成时限"]]
    for task in doc.tasks[:4]:
        units = "、".join(u.name for u in task.units) or "各单位"
        rows.append([str(task.n), task.text, units, task.deadline_text or "持续推进"])
    return make_docx(
        path, heading=doc.meta.title or "工作要点", before=[doc.meta.doc_number or ""], rows=rows, after=[]
    )


def _pdf(path: Path) -> Path:
    doc = _held_out()
    return make_pdf(path, pages=[[doc.meta.title or "工作要点", *(t.text for t in doc.tasks[:3])]])


def _html(path: Path) -> Path:
    doc = _held_out()
    body = "".join(f"<p>{line}</p>" for line in doc.text.splitlines())
    path.write_text(f"<html><head><meta charset='utf-8'></head><body>{body}</body></html>", encoding="utf-8")
    return path


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "make"),
    [
        pytest.param("plan.docx", _docx, id="docx"),
        pytest.param("plan.pdf", _pdf, id="pdf"),
        pytest.param("plan.html", _html, id="html"),
        pytest.param("empty.txt", lambda p: _write(p, b""), id="empty-txt"),
        pytest.param("fake.pdf", lambda p: _write(p, b"not a pdf at all" * 20), id="corrupt-pdf"),
        pytest.param("fake.docx", lambda p: _write(p, b"PK\x03\x04garbage"), id="corrupt-docx"),
        pytest.param("tool.exe", lambda p: _write(p, b"MZ\x90\x00" * 10), id="exe"),
        pytest.param(
            "image.txt", lambda p: _write(p, b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4), id="png-as-txt"
        ),
    ],
)
def test_upload_gives_the_same_result_as_the_cli_pipeline(
    writer: TestClient, tmp_path: Path, data_dir: Path, name: str, make
) -> None:
    """Each format is read by the same pipeline as `zwgk ingest`; failures carry its IngestError code."""
    source = make(tmp_path / name)
    try:
        expected: ExtractedDocument | IngestError = extract_file(source)
    except IngestError as err:
        expected = err
    response = _upload(writer, name, source.read_bytes(), auth())
    if isinstance(expected, IngestError):
        error = response.json()["error"]
        assert response.status_code in (413, 415, 422), response.text
        assert error["code"] == expected.code
        assert error["message"] == expected.reason
        assert not (data_dir / "uploads" / name).exists()
        assert (
            not [p for p in (data_dir / "uploads").glob(".incoming-*")]
            if (data_dir / "uploads").exists()
            else True
        )
    else:
        assert response.status_code == 201, response.text
        assert response.json()["tasks"] == len(expected.tasks)
        assert (data_dir / "uploads" / name).is_file()


def test_upload_must_be_multipart(writer: TestClient) -> None:
    response = writer.post("/api/documents", content=b"abc", headers={**auth(), "Content-Type": "text/plain"})
    assert_error(response, 415, "A001")
    no_file = writer.post("/api/documents", files={"other": ("x.txt", b"x")}, headers=auth())
    assert_error(no_file, 400, "A001")
