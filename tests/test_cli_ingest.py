"""The `zwgk ingest` and `zwgk extract` commands as a user runs them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from api.cli import main

SEEDS = Path(__file__).parent.parent / "data" / "corpus" / "seeds"


def test_ingest_twice_changes_nothing_and_reports_a_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Running ingest twice on the same files is idempotent, and the summary says so."""
    data = tmp_path / "var"
    assert main(["ingest", str(SEEDS), "--data-dir", str(data)]) == 0
    first = capsys.readouterr().out
    assert "5 added, 0 replaced, 0 unchanged, 0 failed" in first
    assert "179 tasks" in first
    assert main(["ingest", str(SEEDS), "--data-dir", str(data)]) == 0
    second = capsys.readouterr().out
    assert "0 added, 0 replaced, 5 unchanged, 0 failed" in second


def test_bad_file_gets_one_line_and_the_batch_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An empty file and a binary file are named with their reason; the good file is stored."""
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    shutil.copy(SEEDS / "003_999b1c3bf9057d29.txt", tmp_path / "good.txt")
    main(
        [
            "ingest",
            str(tmp_path / "empty.txt"),
            str(tmp_path / "binary.txt"),
            str(tmp_path / "good.txt"),
            "--data-dir",
            str(tmp_path / "var"),
        ]
    )
    captured = capsys.readouterr()
    errors = [line for line in captured.err.splitlines() if line.startswith("error:")]
    assert len(errors) == 2
    assert any("empty.txt" in e for e in errors) and any("binary.txt" in e for e in errors)
    assert "1 added" in captured.out and "2 failed" in captured.out


def test_changed_file_replaces_exactly_its_records(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Re-ingesting an edited plan replaces that document's records, nothing else."""
    doc = tmp_path / "plan.txt"
    text = (SEEDS / "001_816ab9bea152d920.txt").read_text("utf-8")
    doc.write_text(text, "utf-8")
    main(["ingest", str(doc), "--data-dir", str(tmp_path / "var")])
    capsys.readouterr()
    doc.write_text(
        text.replace("做好养老服务机构信息和监督检查信息公开。", "做好养老服务机构信息公开。"), "utf-8"
    )
    main(["ingest", str(doc), "--data-dir", str(tmp_path / "var")])
    out = capsys.readouterr().out
    assert "0 added, 1 replaced" in out
    assert "store" in out and "1 documents, 48 tasks" in out


def test_extract_prints_gold_shaped_json(capsys: pytest.CaptureFixture[str]) -> None:
    """`zwgk extract --format json` gives one object per file in the documented shape."""
    assert main(["extract", str(SEEDS / "003_999b1c3bf9057d29.txt"), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data) == 1
    doc = data[0]
    assert doc["document"]["doc_number"] == "江府办函〔2021〕129号"
    assert {c["doc_number"] for c in doc["cites"] if c["relation"] == "implements"} == {
        "国办发〔2021〕12号",
        "粤府办〔2021〕17号",
    }
    task2 = doc["tasks"][1]
    assert task2["lead"] == ["市政府办公室", "市发展改革局"]
    assert task2["cooperating"] == ["市直有关部门"]
    assert task2["reference"] == ["各市（区）政府"]
    assert all(
        set(t)
        >= {
            "section",
            "text",
            "lead",
            "responsible",
            "cooperating",
            "reference",
            "guiding",
            "deadline_text",
            "deadline",
            "domains",
            "units",
        }
        for t in doc["tasks"]
    )
