"""Normalisation lets names match across scripts and widths without moving character offsets."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.textnorm import (
    is_mostly_traditional,
    normalize_for_match,
    normalize_width,
    to_simplified,
    traditional_share,
)

CORPUS = sorted((Path(__file__).resolve().parents[1] / "data" / "corpus").glob("*/*.txt"))


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [
        pytest.param("國務院辦公廳關於印發", "国务院办公厅关于印发", id="issuer"),
        pytest.param("政務公開工作要點", "政务公开工作要点", id="title"),
        pytest.param("市發展和改革委員會", "市发展和改革委员会", id="unit"),
        pytest.param("乾隆年間的乾燥氣候", "乾隆年间的干燥气候", id="phrase-aware-乾"),
        pytest.param("各縣（市、區）人民政府", "各县（市、区）人民政府", id="group"),
        pytest.param("already 简体 text 2024", "already 简体 text 2024", id="unchanged"),
        pytest.param("", "", id="empty"),
    ],
)
def test_to_simplified_converts_and_keeps_length(traditional: str, simplified: str) -> None:
    assert to_simplified(traditional) == simplified
    assert len(to_simplified(traditional)) == len(traditional)


@given(
    st.text(
        alphabet=st.characters(min_codepoint=0x3400, max_codepoint=0x9FFF) | st.sampled_from("，。 \n\tA1"),
        max_size=200,
    )
)
@settings(max_examples=200, deadline=None)
def test_to_simplified_never_changes_length(text: str) -> None:
    """Offsets found in converted text index the original, whatever phrase rules apply."""
    assert len(to_simplified(text)) == len(text)


@pytest.mark.parametrize("path", [pytest.param(p, id=p.name) for p in CORPUS])
def test_traditional_documents_become_simplified(path: Path) -> None:
    text = path.read_text("utf-8")
    assert not is_mostly_traditional(to_simplified(text))
    assert traditional_share(to_simplified(text)) < 0.5


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("國務院辦公廳", True, id="traditional"),
        pytest.param("国务院办公厅", False, id="simplified"),
        pytest.param("国务院办公厅转发《國務院》的通知，各部门认真贯彻落实", False, id="one-quoted-name"),
        pytest.param("2024年12345", False, id="no-chinese"),
        pytest.param("的是在了政", False, id="shared-characters-only"),
    ],
)
def test_is_mostly_traditional(text: str, expected: bool) -> None:
    assert is_mostly_traditional(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("国办发（２０１９）５４号", "国办发(2019)54号", id="full-width-digits-brackets"),
        pytest.param("ＡＰＰ　政务新媒体", "APP 政务新媒体", id="letters-ideographic-space"),
        pytest.param("１２３４５热线：", "12345热线:", id="colon"),
        pytest.param("〔2020〕、。《》", "〔2020〕、。《》", id="cjk-punctuation-kept"),
    ],
)
def test_normalize_width(text: str, expected: str) -> None:
    assert normalize_width(text) == expected
    assert len(normalize_width(text)) == len(text)


@pytest.mark.parametrize(
    "spellings",
    [
        pytest.param(("市發改委", "市发改委", "市 发改委", "市　發改委"), id="script-and-spaces"),
        pytest.param(("１２３４５热线", "12345熱線", "12345 热线"), id="width-and-script"),
        pytest.param(("各县（市、区）政府", "各縣（市、區）政府"), id="group-name"),
    ],
)
def test_normalize_for_match_gives_one_key_per_name(spellings: tuple[str, ...]) -> None:
    keys = {normalize_for_match(s) for s in spellings}
    assert len(keys) == 1
    assert not any(ch.isspace() for ch in keys.pop())
