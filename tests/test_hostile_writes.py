"""Writes need the configured token, and an upload can never write outside the data directory.

Without ``ZWGK_WRITE_TOKEN`` every write is refused (403 A003); with one, a missing, wrong or
differently-presented token is refused (401 A002) and changes nothing. Upload names that could leave the
upload folder are refused (400 A007) and the whole temporary tree around the data directory is
compared before and after: no file appears anywhere else.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.settings import load_settings

TOKEN = "hostile-test-token-0123456789"
SEED = Path(__file__).resolve().parents[1] / "data" / "corpus" / "seeds" / "003_999b1c3bf9057d29.txt"


def _client(data_dir: Path, token: str | None) -> TestClient:
    return TestClient(create_app(load_settings(environ={}, data_dir=data_dir, write_token=token)))


@pytest.fixture()
def root(tmp_path: Path) -> Path:
    """A folder holding the data directory and nothing else that a write may touch."""
    (tmp_path / "var").mkdir()
    return tmp_path


@pytest.fixture()
def guarded(root: Path) -> Iterator[TestClient]:
    with _client(root / "var", TOKEN) as client:
        yield client


def _multipart(filename: bytes, content: bytes) -> tuple[bytes, dict[str, str]]:
    """A multipart body with the file name exactly as given (clients would escape some characters)."""
    boundary = "zwgk-hostile-boundary"
    body = (
        f"--{boundary}\r\n".encode()
        + b'Content-Disposition: form-data; name="file"; filename="'
        + filename
        + b'"\r\nContent-Type: application/octet-stream\r\n\r\n'
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return body, {"content-type": f"multipart/form-data; boundary={boundary}"}


def _upload(
    client: TestClient, name: str, content: bytes, headers: dict[str, str] | None = None
) -> httpx.Response:
    body, multipart = _multipart(name.encode("utf-8"), content)
    return client.post("/api/documents", content=body, headers={**multipart, **(headers or {})})


def _auth(token: str = TOKEN) -> dict[str, str]:
    return {"authorization": f"Bearer {token}"}


def _tree(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


def _documents(client: TestClient) -> int:
    return client.app.state.service.store.counts().documents  # type: ignore[attr-defined]


def test_without_a_configured_token_every_write_is_refused(root: Path) -> None:
    """A server started without ZWGK_WRITE_TOKEN is read-only, whatever header a client sends."""
    with _client(root / "var", None) as client:
        for headers in ({}, _auth(), _auth("")):
            upload = _upload(client, "plan.txt", SEED.read_bytes(), headers)
            assert upload.status_code == 403 and upload.json()["error"]["code"] == "A003", upload.text
            delete = client.delete("/api/documents/directive/x", headers=headers)
            assert delete.status_code == 403 and delete.json()["error"]["code"] == "A003", delete.text
        assert _documents(client) == 0


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({}, id="no-header"),
        pytest.param({"authorization": "Bearer"}, id="empty-bearer"),
        pytest.param(_auth("wrong"), id="wrong-token"),
        pytest.param(_auth(TOKEN.upper()), id="other-case"),
        pytest.param(_auth(TOKEN[:-1]), id="prefix"),
        pytest.param(_auth(TOKEN + "x"), id="longer"),
        pytest.param({"authorization": f"Basic {TOKEN}"}, id="basic-scheme"),
        pytest.param({"authorization": TOKEN}, id="no-scheme"),
        pytest.param({"x-api-key": TOKEN}, id="other-header"),
        pytest.param({"cookie": f"token={TOKEN}"}, id="cookie"),
    ],
)
def test_a_write_without_the_right_bearer_token_is_refused_and_changes_nothing(
    guarded: TestClient, headers: dict[str, str]
) -> None:
    """Only 'Authorization: Bearer <the token>' writes; anything else is 401 and the store is unchanged."""
    upload = _upload(guarded, "plan.txt", SEED.read_bytes(), headers)
    assert upload.status_code == 401 and upload.json()["error"]["code"] == "A002", upload.text
    query_token = guarded.post(f"/api/documents?token={TOKEN}", content=b"", headers=headers)
    assert query_token.status_code == 401
    assert _documents(guarded) == 0


def test_the_right_token_uploads_replaces_and_deletes_and_a_wrong_one_can_do_none_of_it(
    guarded: TestClient,
) -> None:
    """The token holder can add, re-ingest and retract a plan; a stranger can neither replace nor retract it."""
    upload = _upload(guarded, "实施方案.txt", SEED.read_bytes(), _auth())
    assert upload.status_code == 201, upload.text
    doc_id = upload.json()["document"]["id"]
    tasks = upload.json()["tasks"]
    edited = SEED.read_bytes().replace("。".encode(), "；".encode(), 1) + "\n（此件公开发布）\n".encode()
    assert (
        _upload(guarded, "实施方案.txt", edited, _auth("wrong")).status_code == 401
    )  # re-ingest needs it too
    assert guarded.get(f"/api/documents/{doc_id}").json()["data"]["tasks"] and _documents(guarded) == 1
    again = _upload(guarded, "实施方案.txt", edited, _auth())
    assert again.status_code == 201 and again.json()["outcome"] == "replaced", again.text
    assert again.json()["tasks"] == tasks
    assert guarded.delete(f"/api/documents/{doc_id}", headers=_auth("wrong")).status_code == 401
    assert guarded.get(f"/api/documents/{doc_id}").status_code == 200
    assert guarded.delete(f"/api/documents/{doc_id}", headers=_auth()).status_code == 200
    assert guarded.get(f"/api/documents/{doc_id}").status_code == 404
    assert _documents(guarded) == 0


ESCAPING_NAMES = [
    pytest.param("../evil.txt", id="dot-dot"),
    pytest.param("../../../../../../tmp/zwgk-evil.txt", id="deep-dot-dot"),
    pytest.param("..\\evil.txt", id="backslash-dot-dot"),
    pytest.param("/tmp/zwgk-evil.txt", id="absolute"),
    pytest.param("C:zwgk-evil.txt", id="drive-relative"),
    pytest.param("uploads/../../evil.txt", id="inner-dot-dot"),
    pytest.param("./evil.txt", id="dot-slash"),
    pytest.param("..", id="only-dot-dot"),
    pytest.param(".htaccess.txt", id="hidden"),
    pytest.param("evil.txt\n../x.txt", id="newline"),
    pytest.param("a" * 300 + ".txt", id="too-long"),
    pytest.param("", id="empty"),
]


@pytest.mark.parametrize("name", ESCAPING_NAMES)
def test_upload_names_that_could_leave_the_upload_folder_are_refused(
    root: Path, guarded: TestClient, name: str
) -> None:
    """Traversal, absolute and drive names are refused (never repaired), and nothing is written anywhere."""
    before = _tree(root)
    outside = [Path("/tmp/zwgk-evil.txt"), root.parent / "evil.txt", root / "evil.txt"]
    assert not any(p.exists() for p in outside)
    response = _upload(guarded, name, SEED.read_bytes(), _auth())
    assert response.status_code == 400, response.text
    assert response.json()["error"]["code"] in ("A001", "A007")
    assert not any(p.exists() for p in outside)
    after = _tree(root)
    assert {p for p in after - before if not p.startswith(f"var{os.sep}")} == set()
    assert not [p for p in after - before if "evil" in p]
    assert _documents(guarded) == 0


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("%2e%2e%2fevil.txt", id="percent-encoded"),
        pytest.param("．．／evil.txt", id="fullwidth"),
        pytest.param("∕etc∕evil.txt", id="division-slash"),
        pytest.param("evil .txt", id="space"),
        # The multipart parser reduces a Windows full path (old browsers sent them) to its last part.
        pytest.param("C:\\zwgk-evil.txt", id="windows-drive-path"),
        pytest.param("\\\\server\\share\\evil.txt", id="windows-unc-path"),
    ],
)
def test_look_alike_names_are_kept_as_plain_names_inside_the_upload_folder(
    root: Path, guarded: TestClient, name: str
) -> None:
    """Characters that only look like path syntax are part of a plain name: the file stays in uploads/."""
    before = _tree(root)
    response = _upload(guarded, name, SEED.read_bytes(), _auth())
    assert response.status_code in (201, 400), response.text
    created = _tree(root) - before
    uploads = f"var{os.sep}uploads"
    assert all(
        p == uploads or p.startswith(uploads + os.sep) or p.startswith(f"var{os.sep}") for p in created
    )
    if response.status_code == 201:
        kept = root / "var" / "uploads" / name.split("\\")[-1]
        assert kept.is_file() and response.json()["document"]["file"] == kept.name


def test_a_failed_upload_leaves_no_file_and_no_document(root: Path, guarded: TestClient) -> None:
    """A file that cannot be read is refused with its ingest code; no staging file or record stays behind."""
    before = _tree(root)
    response = _upload(guarded, "broken.docx", b"PK\x03\x04 not really a zip", _auth())
    assert response.status_code == 422 and response.json()["error"]["code"].startswith("E1"), response.text
    leftovers = [p for p in _tree(root) - before if "uploads" in p and p != f"var{os.sep}uploads"]
    assert leftovers == []
    assert _documents(guarded) == 0
