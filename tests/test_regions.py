"""Regions and levels: who issued a plan, where, and at which level of government."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.gazetteer import gazetteer, short_name
from ingest.regions import resolve_issuer_region

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold"
AGREEMENT_FLOOR = 0.95


# --------------------------------------------------------------------------- gazetteer


@pytest.mark.parametrize(
    ("name", "short"),
    [
        pytest.param("赣州市", "赣州", id="city"),
        pytest.param("广丰区", "广丰", id="district"),
        pytest.param("广西壮族自治区", "广西", id="autonomous-region"),
        pytest.param("黔东南苗族侗族自治州", "黔东南", id="two-ethnic-groups"),
        pytest.param("克孜勒苏柯尔克孜自治州", "克孜勒苏", id="ethnic-name-without-zu"),
        pytest.param("内蒙古自治区", "内蒙古", id="keeps-two-chars"),
        pytest.param("城区", "城区", id="too-short-to-shorten"),
        pytest.param("浦东新区", "浦东", id="new-area"),
        pytest.param("香港特别行政区", "香港", id="sar"),
    ],
)
def test_short_names_drop_generic_suffixes(name: str, short: str) -> None:
    """Short names let '赣州' and '广西' in a title be found, without shortening names to one character."""
    assert short_name(name) == short


def test_gazetteer_parent_chain_and_codes() -> None:
    """A district knows its city and province with six-digit codes: 江西省 ⊃ 上饶市 ⊃ 广丰区."""
    gaz = gazetteer()
    (area,) = gaz.named("广丰区")
    assert [(a.name, a.level, a.code) for a in gaz.chain(area)] == [
        ("江西省", "province", "360000"),
        ("上饶市", "city", "361100"),
        ("广丰区", "county", "361103"),
    ]


@pytest.mark.parametrize(
    ("name", "level", "parent"),
    [
        pytest.param("东莞市", "city", "广东省", id="city-without-districts"),
        pytest.param("仙桃市", "county", "湖北省", id="province-administered-county-city"),
        pytest.param("海淀区", "county", "北京市", id="municipality-district"),
    ],
)
def test_gazetteer_levels_of_irregular_areas(name: str, level: str, parent: str) -> None:
    """Areas that sit irregularly in the hierarchy still get the right level and parent."""
    gaz = gazetteer()
    (area,) = gaz.named(name)
    assert area.level == level
    assert gaz.parent(area).name == parent


def test_gazetteer_reports_every_same_named_area() -> None:
    """Same-named districts are all reported, so the caller can choose by context."""
    assert {gazetteer().province_of(a).name for a in gazetteer().named("鼓楼区")} >= {"江苏省", "福建省"}


# --------------------------------------------------------------------------- issuer region and level


@pytest.mark.parametrize(
    ("title", "issuer", "number", "region", "level"),
    [
        pytest.param("2021年赣州市政务公开工作任务分解表", None, None, "赣州市", "city", id="title-only"),
        pytest.param(
            "区政府办公室关于印发 2024 年广丰区 政务公开工作任务分解表的通知",
            "上饶市广丰区人民政府办公室",
            None,
            "上饶市广丰区",
            "county",
            id="county-with-city",
        ),
        pytest.param(
            "区政府办公室关于印发2024年广丰区政务公开工作任务分解表的通知",
            None,
            None,
            "上饶市广丰区",
            "county",
            id="county-from-title",
        ),
        pytest.param(
            None, "東湖區(qū)人民政府辦公室", None, "南昌市东湖区", "county", id="traditional-with-pinyin"
        ),
        pytest.param(None, "广丰县人民政府办公室", None, "上饶市广丰区", "county", id="former-county-name"),
        pytest.param(None, "吉林市人民政府办公室", None, "吉林市", "city", id="city-named-like-province"),
        pytest.param(None, "吉林省人民政府办公厅", None, "吉林省", "provincial", id="province"),
        pytest.param(
            None,
            "鼓楼区人民政府办公室",
            "闽政办〔2020〕3号",
            "福州市鼓楼区",
            "county",
            id="doc-number-province-decides",
        ),
        pytest.param(None, "鼓楼区人民政府办公室", None, None, "county", id="ambiguous-district-level-known"),
        pytest.param(None, "国家卫生健康委员会", None, "全国", "department", id="national-ministry"),
        pytest.param(
            None, "国务院办公厅政府信息与政务公开办公室", None, "全国", "national", id="state-council-office"
        ),
        pytest.param(
            "关于印发2020年政务公开工作要点的通知",
            None,
            "国办发〔2020〕17号",
            "全国",
            "national",
            id="national-by-number",
        ),
        pytest.param(
            None,
            "江西省人民政府政务公开办公室",
            "赣府公开办函〔2020〕1号",
            "江西省",
            "provincial",
            id="government-sub-office",
        ),
        pytest.param(
            None, "福建省市场监督管理局办公室", None, "福建省", "department", id="provincial-bureau"
        ),
        pytest.param(
            "广州市农业农村局2021年政务公开工作要点分工方案",
            None,
            None,
            "广州市",
            "department",
            id="bureau-in-title",
        ),
        pytest.param(None, "江门市土地储备中心", None, "江门市", "department", id="centre"),
        pytest.param(
            None,
            "中共岳阳市委办公室、岳阳市人民政府办公室",
            "岳办发〔2017〕2号",
            "岳阳市",
            "city",
            id="party-and-government",
        ),
        pytest.param(
            None,
            "南昌市东湖区百花洲街道办事处",
            None,
            "南昌市东湖区百花洲街道",
            "township",
            id="named-township",
        ),
        pytest.param(
            None, "（凉州区某镇）", None, "武威市凉州区", "county", id="unnamed-township-stays-county"
        ),
        pytest.param(
            None, "北京市海淀区人民政府", None, "北京市海淀区", "county", id="municipality-district"
        ),
        pytest.param(None, "东莞市虎门镇人民政府", None, "东莞市虎门镇", "township", id="town-under-city"),
        pytest.param(
            "东湖区人民政府办公室印发《东湖区关于全面推进基层政务公开标准化规范化的实施方案》的通知",
            "东湖区百花洲街道",
            None,
            "南昌市东湖区",
            "county",
            id="title-issuer-beats-page-publisher",
        ),
    ],
)
def test_issuer_region_and_level(
    title: str | None, issuer: str | None, number: str | None, region: str | None, level: str
) -> None:
    """The region display name and level follow from what the header says, however it is written."""
    info = resolve_issuer_region(title, issuer, number)
    assert (info.region, info.level) == (region, level)


@pytest.mark.parametrize(
    ("number", "head", "region"),
    [
        pytest.param(
            "鲁政办发〔2025〕5号",
            "《2025年山东省政务公开工作要点》已经省政府同意,现印发给你们,请认真贯彻执行。",
            "山东省",
            id="abbreviation-confirmed-by-text",
        ),
        pytest.param(
            "新政办〔2020〕23号", "各县(市)、区人民政府,市人民政府各部门:", None, id="xin-is-also-xinxiang"
        ),
    ],
)
def test_province_abbreviation_needs_the_text_to_agree(number: str, head: str, region: str | None) -> None:
    """A 文号 prefix names a province only when the text names it too: 新政办 may be 新疆 or 新乡."""
    info = resolve_issuer_region("关于印发2020年政务公开工作要点的通知", None, number, head)
    assert info.region == region


def test_department_text_without_header_is_a_department() -> None:
    """A bureau's plan that names no issuer but says 我局 is a department's plan."""
    head = "对以我局或我局起草，以县政府名义制定的政策文件进行解读。"
    assert resolve_issuer_region(None, None, None, head).level == "department"


def test_region_info_carries_codes_and_parents() -> None:
    """A county-level result names its province, city and six-digit code."""
    info = resolve_issuer_region(None, "南昌市青云谱区人民政府办公室", "青政办发〔2020〕51号")
    assert (info.province, info.city, info.county, info.code) == ("江西省", "南昌市", "青云谱区", "360104")


# --------------------------------------------------------------------------- agreement with the gold


def _head(path: Path, lines: int = 40) -> str:
    if not path.exists():
        return ""
    return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[:lines])


def _known_parts(gold_region: str) -> list[str]:
    """The parts of a gold path ('江西省 / 赣州市') that the gazetteer knows; notes and stripped names drop out."""
    parts = []
    for part in gold_region.split(" / "):
        word = part.split(" ")[0]
        if word == "全国" or gazetteer().lookup(word):
            parts.append(word)
    return parts


def _gold_cases() -> list[tuple[str, dict, str, list[str]]]:
    cases = []
    for line in (GOLD / "corpus_index.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        cases.append(
            (
                f"corpus-{row['id']}",
                row,
                str(ROOT / "data/corpus/docs" / f"{row['id']}.txt"),
                _known_parts(row["region"]),
            )
        )
    for path in sorted((GOLD / "seeds").glob("0*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))["document"]
        seed_text = ROOT / "data/corpus/seeds" / f"{path.stem}.txt"
        cases.append((f"seed-{path.stem[:3]}", doc, str(seed_text), [doc["region"]]))
    return cases


def _resolved_parts(info, seed: bool) -> list[str]:
    if info.region is None:
        return []
    if seed or info.region == "全国":
        return [info.region]
    return [p for p in (info.province, info.city, info.county) if p]


def test_agreement_with_gold_documents(capsys: pytest.CaptureFixture[str]) -> None:
    """Level and region agree with the annotated corpus index and seed documents in ≥ 95 % of documents."""
    cases = _gold_cases()
    level_ok = region_ok = 0
    misses = []
    for case_id, row, path, expected in cases:
        info = resolve_issuer_region(row["title"], row["issuer"], row["doc_number"], _head(Path(path)))
        got = _resolved_parts(info, case_id.startswith("seed"))
        level_ok += info.level == row["level"]
        region_ok += got == expected
        if info.level != row["level"] or got != expected:
            misses.append(
                f"{case_id}: level {info.level} (gold {row['level']}), region {got} (gold {expected})"
            )
    with capsys.disabled():
        print(
            f"\nregion/level agreement on {len(cases)} gold documents: level {level_ok}/{len(cases)}, region {region_ok}/{len(cases)}"
        )
        for miss in misses:
            print("  ", miss)
    assert level_ok / len(cases) >= AGREEMENT_FLOOR
    assert region_ok / len(cases) >= AGREEMENT_FLOOR
