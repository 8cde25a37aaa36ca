"""发文字号: every way a number is written in real documents meets one normal form and one key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.docnumber import (
    doc_number_key,
    doc_number_year,
    find_doc_numbers,
    issuer_code,
    normalize_doc_number,
)

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold"


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        pytest.param("赣府厅字〔2024〕2 号", "赣府厅字〔2024〕2号", id="space-before-hao"),
        pytest.param("赣府厅字 〔2024〕 2 号", "赣府厅字〔2024〕2号", id="spaces-everywhere"),
        pytest.param("国办发[2019]54号", "国办发〔2019〕54号", id="half-width-square"),
        pytest.param("青政办发(2020)51号", "青政办发〔2020〕51号", id="half-width-round"),
        pytest.param("豫政办（2020）5号", "豫政办〔2020〕5号", id="full-width-round"),
        pytest.param("粤府办【2021】17号", "粤府办〔2021〕17号", id="lenticular"),
        pytest.param("鲁政办发﹝2025﹞5号", "鲁政办发〔2025〕5号", id="small-tortoise-shell"),
        pytest.param("鲁政办发〔２０２５〕５号", "鲁政办发〔2025〕5号", id="full-width-digits"),
        pytest.param("浙政办发〔202075号", "浙政办发〔2020〕75号", id="garbled-year-glued-to-number"),
        pytest.param("〔202112号", "〔2021〕12号", id="garbled-without-prefix"),
        pytest.param("〔2020〕49号", "〔2020〕49号", id="missing-prefix-kept"),
        pytest.param("省政府令第247号", "省政府令第247号", id="decree"),
        pytest.param("国办公开办函〔2019〕61号", "国办公开办函〔2019〕61号", id="long-issuer-code"),
        pytest.param("國辦發〔2016〕19号", "国办发〔2016〕19号", id="traditional"),
        pytest.param("國辦發(fā)〔2019〕54號", "国办发〔2019〕54号", id="traditional-with-pinyin-noise"),
        pytest.param("穗埔府辦函〔2022〕號", "穗埔府办函〔2022〕号", id="number-left-blank"),
        pytest.param("国办发〔2019〕054号", "国办发〔2019〕54号", id="leading-zero"),
        pytest.param("赣府厅发〔2020〕第17号", "赣府厅发〔2020〕17号", id="di-before-number"),
    ],
)
def test_written_number_normalises(raw: str, normal: str) -> None:
    """A number written any of the ways seen in real documents has the normal form 代字〔YYYY〕N号."""
    assert normalize_doc_number(raw) == normal


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("五年行动计划(2021—2025年)", id="year-range"),
        pytest.param("2021年8月底前完成", id="date"),
        pytest.param("", id="empty"),
    ],
)
def test_text_without_number_gives_none(text: str) -> None:
    """Years in brackets that are not document numbers are not mistaken for one."""
    assert normalize_doc_number(text) is None
    assert find_doc_numbers(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "现根据《通知》（赣府厅字〔2024〕2 号）、《上饶市通知》（饶府办字[2021]3号）要求",
            ["赣府厅字〔2024〕2号", "饶府办字〔2021〕3号"],
            id="two-citations",
        ),
        pytest.param(
            "根据国办公开办函〔2019〕61号文件精神", ["国办公开办函〔2019〕61号"], id="lead-in-word-cut"
        ),
        pytest.param("文件编号: 衢政办发〔2021〕13号 统一编号:", ["衢政办发〔2021〕13号"], id="field-label"),
        pytest.param("(國辦發(fā)〔2019〕54號,以下簡稱", ["国办发〔2019〕54号"], id="traditional-page"),
        pytest.param("54号和豫政办〔2020〕5号", ["豫政办〔2020〕5号"], id="conjunction-cut"),
        pytest.param(
            "《江西省县级以上人民政府重大行政决策程序规定》(省政府令第247号)",
            ["省政府令第247号"],
            id="decree-in-text",
        ),
    ],
)
def test_numbers_found_in_running_text_with_offsets(text: str, expected: list[str]) -> None:
    """Numbers are found inside sentences, lead-in words stay outside, and offsets index the text as given."""
    hits = find_doc_numbers(text)
    assert [h.normalized for h in hits] == expected
    for hit in hits:
        assert text[hit.start : hit.end] == hit.raw


@pytest.mark.parametrize(
    "variants",
    [
        pytest.param(
            ["国办发〔2019〕54号", "国办发[2019]54号", "國辦發〔2019〕54號", "国办发（2019）054号"],
            id="guoban",
        ),
        pytest.param(["赣府厅字〔2024〕2号", "赣府厅字〔2024〕2 号", "赣府厅字【2024】2号"], id="ganfu"),
        pytest.param(["浙政办发〔2020〕75号", "浙政办发〔202075号"], id="garbled"),
    ],
)
def test_variants_share_one_key(variants: list[str]) -> None:
    """Every spelling of one number links to one directive."""
    assert len({doc_number_key(v) for v in variants}) == 1


def test_different_numbers_have_different_keys() -> None:
    """Series and years are kept apart: 赣府厅发 and 赣府厅字 are different series."""
    keys = {
        doc_number_key(n) for n in ("赣府厅发〔2020〕17号", "赣府厅字〔2020〕17号", "赣府厅发〔2021〕17号")
    }
    assert len(keys) == 3


@pytest.mark.parametrize(
    ("number", "code", "year"),
    [
        pytest.param("国办发〔2019〕54号", "国办发", 2019, id="national"),
        pytest.param("赣府厅字〔2024〕2 号", "赣府厅字", 2024, id="provincial"),
        pytest.param("江府办函〔2021〕129号", "江府办函", 2021, id="city"),
        pytest.param("〔2020〕49号", "", 2020, id="no-code"),
        pytest.param("省政府令第247号", "省政府令", None, id="decree"),
    ],
)
def test_issuer_code_and_year(number: str, code: str, year: int | None) -> None:
    """The issuer code (the part that tells who issued) and the year can be read from a number."""
    assert issuer_code(number) == code
    assert doc_number_year(number) == year


def _corpus_numbers() -> list:
    params = []
    for line in (GOLD / "corpus_index.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row.get("doc_number"):
            params.append(
                pytest.param(f"data/corpus/docs/{row['id']}.txt", row["doc_number"], id=f"corpus-{row['id']}")
            )
    for path in sorted((GOLD / "seeds").glob("0*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        numbers = [gold["document"].get("doc_number")] + [c.get("doc_number") for c in gold["cites"]]
        for i, number in enumerate(n for n in numbers if n):
            params.append(
                pytest.param(f"data/corpus/seeds/{path.stem}.txt", number, id=f"seed-{path.stem[:3]}-{i}")
            )
    return params


@pytest.mark.parametrize(("path", "number"), _corpus_numbers())
def test_gold_numbers_are_found_in_their_documents(path: str, number: str) -> None:
    """Each number the annotators read in a real document is found there and normalises to their form."""
    text = (ROOT / path).read_text(encoding="utf-8", errors="replace")
    assert number in {h.normalized for h in find_doc_numbers(text)}
