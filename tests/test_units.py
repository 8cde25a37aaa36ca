"""Units: names as plans write them resolve to one canonical, region-scoped body with its function."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from ingest.regions import RegionInfo, resolve_issuer_region
from ingest.units import expand_aliases, resolve_unit, unit_function

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold"
ROLES = ("lead", "responsible", "cooperating", "reference", "guiding")

# Issuer lines of real plans; the plan's region comes from them as it does in the pipeline.
PLANS = {
    "赣州": "赣州市人民政府办公室",
    "广丰": "上饶市广丰区人民政府办公室",
    "青云谱": "南昌市青云谱区人民政府办公室",
    "江门": "江门市人民政府办公室",
    "江西": "江西省人民政府办公厅",
    "海淀": "北京市海淀区人民政府办公室",
    "瑞金": "瑞金市人民政府办公室",
    "国办": "国务院办公厅",
}


@cache
def plan(key: str) -> RegionInfo:
    return resolve_issuer_region(None, PLANS[key], None)


@pytest.mark.parametrize(
    ("plan_key", "name", "canonical", "region"),
    [
        pytest.param("赣州", "市财政局", "赣州市财政局", "赣州市", id="city-prefix"),
        pytest.param("赣州", "市发改委", "赣州市发展和改革委员会", "赣州市", id="abbreviation-written-out"),
        pytest.param("赣州", "市市场监管局", "赣州市市场监督管理局", "赣州市", id="shi-before-shichang"),
        pytest.param("赣州", "市民政局", "赣州市民政局", "赣州市", id="shi-before-minzheng"),
        pytest.param("赣州", "省财政厅", "江西省财政厅", "江西省", id="province-prefix"),
        pytest.param("赣州", "江西省财政厅", "江西省财政厅", "江西省", id="place-kept"),
        pytest.param("赣州", "中共赣州市委宣传部", "赣州市委宣传部", "赣州市", id="party-prefix-same-body"),
        pytest.param("赣州", "市委宣传部", "赣州市委宣传部", "赣州市", id="party-committee-department"),
        pytest.param("赣州", "市政府金融办", "赣州市政府金融工作办公室", "赣州市", id="finance-office"),
        pytest.param("广丰", "区财政局", "上饶市广丰区财政局", "上饶市广丰区", id="district-prefix"),
        pytest.param(
            "广丰", "广丰区教体局", "上饶市广丰区教育体育局", "上饶市广丰区", id="own-name-written-out"
        ),
        pytest.param(
            "广丰", "区文广旅局", "上饶市广丰区文化广电新闻出版旅游局", "上饶市广丰区", id="culture-tourism"
        ),
        pytest.param("广丰", "区政府办", "上饶市广丰区政府办公室", "上饶市广丰区", id="government-office"),
        pytest.param("广丰", "城管局", "上饶市广丰区城市管理局", "上饶市广丰区", id="no-prefix"),
        pytest.param("广丰", "市财政局", "上饶市财政局", "上饶市", id="city-from-county-plan"),
        pytest.param("广丰", "省政府办公厅", "江西省政府办公厅", "江西省", id="office-not-expanded-twice"),
        pytest.param("青云谱", "南昌供电公司", "南昌供电公司", "南昌市", id="company-with-place"),
        pytest.param("青云谱", "青云谱公安分局", "青云谱公安分局", "南昌市青云谱区", id="short-own-place"),
        pytest.param(
            "青云谱",
            "区委网信办",
            "南昌市青云谱区委网络安全和信息化委员会办公室",
            "南昌市青云谱区",
            id="cyberspace",
        ),
        pytest.param(
            "青云谱", "公安局", "南昌市青云谱区公安局", "南昌市青云谱区", id="function-word-not-a-place"
        ),
        pytest.param("江门", "市住房城乡建设局", "江门市住房和城乡建设局", "江门市", id="housing"),
        pytest.param(
            "江门", "市政务服务数据管理局", "江门市政务服务数据管理局", "江门市", id="shi-before-zhengwu"
        ),
        pytest.param("海淀", "市财政局", "北京市财政局", "北京市", id="municipality"),
        pytest.param("瑞金", "市财政局", "赣州市瑞金市财政局", "赣州市瑞金市", id="county-level-city"),
        pytest.param("国办", "国务院办公厅", "国务院办公厅", "全国", id="national"),
        pytest.param("国办", "财政部", "财政部", "全国", id="ministry"),
    ],
)
def test_unit_canonical_name(plan_key: str, name: str, canonical: str, region: str) -> None:
    """A unit name is scoped by the plan's region and its abbreviations are written out."""
    res = resolve_unit(name, plan(plan_key))
    assert (res.canonical, res.region) == (canonical, region)
    assert res.name == name


@pytest.mark.parametrize(
    ("name", "function"),
    [
        pytest.param("市财政局", "finance", id="finance"),
        pytest.param("省财政厅", "finance", id="finance-province"),
        pytest.param("公安县财政局", "finance", id="place-word-ignored"),
        pytest.param("市发改委", "development-reform", id="development-reform"),
        pytest.param("市发展改革局", "development-reform", id="development-reform-bureau"),
        pytest.param("区卫健委", "health", id="health"),
        pytest.param("市卫生健康局", "health", id="health-bureau"),
        pytest.param("市大数据管理局", "big-data", id="big-data"),
        pytest.param("市政务服务数据管理局", "big-data", id="latest-keyword-wins"),
        pytest.param("区司法局", "justice", id="justice"),
        pytest.param("青云谱公安分局", "public-security", id="branch-bureau"),
        pytest.param("区自然资源分局", "natural-resources", id="branch-of-bureau-without-own-keyword"),
        pytest.param("南昌供电公司", "public-utilities", id="utility"),
        pytest.param("区行政审批局", "administrative-approval", id="approval"),
        pytest.param("区市政园林所", None, id="unknown"),
    ],
)
def test_unit_function(name: str, function: str | None) -> None:
    """Units of the same kind in different places share a function concept, so they can be compared."""
    assert unit_function(name) == function
    assert resolve_unit(name, plan("赣州")).function == function


@pytest.mark.parametrize(
    ("plan_key", "spellings"),
    [
        pytest.param(
            "赣州", ["各县(市、区)政府", "各县（市、区）政府", "各县 (市、区) 政府"], id="width-and-space"
        ),
        pytest.param("江门", ["各市(区)政府", "各市（区）政府"], id="jiangmen"),
        pytest.param(
            "赣州", ["市发改委", "市发展和改革委员会", "市 发改委", "市發改委"], id="alias-and-script"
        ),
        pytest.param(
            "广丰", ["区教体局", "广丰区教体局", "上饶市广丰区教育体育局"], id="with-and-without-place"
        ),
    ],
)
def test_spellings_meet_in_one_canonical(plan_key: str, spellings: list[str]) -> None:
    """Half- and full-width, spaced, traditional and abbreviated spellings of one body are one node."""
    assert len({resolve_unit(s, plan(plan_key)).canonical for s in spellings}) == 1


@pytest.mark.parametrize(
    ("plan_key", "name"),
    [
        pytest.param("赣州", "各县（市、区）政府", id="counties"),
        pytest.param("赣州", "市政府有关部门", id="relevant-departments"),
        pytest.param("江门", "市直有关部门", id="directly-under"),
        pytest.param("赣州", "市政府各部门", id="all-departments"),
        pytest.param("广丰", "区直各相关单位", id="district-units"),
        pytest.param("青云谱", "各街办、镇、集聚区", id="subdistricts"),
        pytest.param("赣州", "各地各部门", id="everyone"),
        pytest.param("青云谱", "各单位", id="all-units"),
        pytest.param("赣州", "涉及 26个国家基层政务公开标准化规范化试点领域的市政府部门", id="described"),
        pytest.param("赣州", "乡镇政府（街道办）", id="townships"),
        pytest.param("赣州", "专项政策解读部门", id="functional-description"),
    ],
)
def test_collective_names_are_groups(plan_key: str, name: str) -> None:
    """Collective names are groups scoped by the plan's region, never mistaken for one body."""
    res = resolve_unit(name, plan(plan_key))
    assert res.is_group
    assert res.canonical.startswith(plan(plan_key).region or "")


@pytest.mark.parametrize(
    "name",
    [pytest.param(n, id=n) for n in ("市财政局", "区卫健委", "南昌供电公司", "市委宣传部", "区信息中心")],
)
def test_single_bodies_are_not_groups(name: str) -> None:
    """A named body is one unit, not a group."""
    assert not resolve_unit(name, plan("赣州")).is_group


def test_department_plan_scopes_internal_offices_to_its_issuer() -> None:
    """In a bureau's own plan, '办公室' is that bureau's office, not the city's."""
    region = resolve_issuer_region(None, "江门市土地储备中心", None)
    res = resolve_unit("办公室", region, issuer="江门市土地储备中心")
    assert res.canonical == "江门市土地储备中心办公室"


def test_alias_expansion_does_not_touch_full_names() -> None:
    """Written-out names stay as they are: 政府办公室 does not become 政府办公室公室."""
    for full in ("市政府办公室", "市金融工作办公室", "发展和改革委员会", "卫生健康委员会"):
        assert expand_aliases(full) == full


def _gold_seed_units() -> list:
    params = []
    for path in sorted((GOLD / "seeds").glob("0*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        doc = gold["document"]
        names = sorted({u for t in gold["tasks"] for r in ROLES for u in t.get(r) or []})
        params.append(pytest.param(doc, names, id=path.stem[:3]))
    return params


@pytest.mark.parametrize(("doc", "names"), _gold_seed_units())
def test_gold_seed_units_resolve_within_their_plan(doc: dict, names: list[str]) -> None:
    """Every unit annotated in a seed plan gets a canonical name inside the plan's province or the nation."""
    region = resolve_issuer_region(doc["title"], doc["issuer"], doc["doc_number"])
    assert region.region == doc["region"]
    for name in names:
        res = resolve_unit(name, region)
        assert res.canonical and " " not in res.canonical, name
        assert res.region is not None, name
        assert res.region in ("全国", region.region, region.city, region.province), name


def test_gold_seed_units_mostly_have_a_function(capsys: pytest.CaptureFixture[str]) -> None:
    """Most single bodies named in the seed plans map to a unit-function concept."""
    total = known = 0
    unknown = []
    for param in _gold_seed_units():
        doc, names = param.values
        region = resolve_issuer_region(doc["title"], doc["issuer"], doc["doc_number"])
        for name in names:
            res = resolve_unit(name, region)
            if res.is_group:
                continue
            total += 1
            known += res.function is not None
            if res.function is None:
                unknown.append(name)
    with capsys.disabled():
        print(f"\nunit functions on seed single bodies: {known}/{total}; without: {', '.join(unknown)}")
    assert known / total >= 0.9
