"""What a directive's title and doc number say about it when nothing else does.

A cited document that was never ingested is known only by the words of the
citation: ``《广东省人民政府办公厅关于印发…的通知》（粤府办〔2021〕17号）``. The
issuer is the part of the title before 关于, its region the gazetteer name the
issuer starts with, its year the one in 〔〕. These guesses let a lineage show
the level of a stub and let the inference of missing links compare regions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.ids import fold
from graph.regions import NATIONAL, RegionInfo, resolve_region

_YEAR_IN_NUMBER = re.compile(r"[〔\[(（【［]\s*((?:19|20)\d\d)\s*[〕\])）】］]")
_YEAR_IN_TITLE = re.compile(r"((?:19|20)\d\d)\s*年")
_ABOUT = re.compile(r"关于")
_NATIONAL_ISSUERS = ("国务院", "中共中央", "中央办公厅", "国家", "全国")
_CORE_PREFIX = re.compile(r"^.*?关于(?:关于)*(?:印发|转发|做好|进一步|全面)?")
_CORE_SUFFIX = re.compile(r"(?:的)?(?:通知|意见|决定|函|批复|方案)$")


@dataclass(frozen=True)
class TitleFacts:
    """Issuer, region, level and year read from a title and doc number (each may be unknown)."""

    issuer: str | None
    region: RegionInfo | None
    level: str | None
    year: int | None


def strip_title(title: str | None) -> str | None:
    """A title without its 《》 and surrounding spaces."""
    if not title:
        return None
    return title.strip().strip("《》").strip() or None


def title_issuer(title: str | None) -> str | None:
    """The issuer a title starts with: the words before its first 关于."""
    title = strip_title(title)
    if not title:
        return None
    match = _ABOUT.search(title)
    if not match or match.start() == 0:
        return None
    return title[: match.start()]


def _region_prefix(text: str) -> RegionInfo | None:
    """The longest gazetteer name ``text`` starts with (江西省人民政府办公厅 → 江西省)."""
    folded = fold(text)
    if folded.startswith(_NATIONAL_ISSUERS):
        return resolve_region(NATIONAL)
    for end in range(min(len(folded), 12), 1, -1):
        info = resolve_region(folded[:end])
        if info is not None:
            return info
    return None


def title_facts(doc_number: str | None, title: str | None) -> TitleFacts:
    """What the citation's words say about the cited directive."""
    issuer = title_issuer(title)
    region = _region_prefix(issuer) if issuer else None
    if region is None and doc_number and fold(doc_number).startswith("国"):
        region = resolve_region(NATIONAL)  # 国办发, 国发, 国办函: the State Council
    year = None
    for pattern, text in ((_YEAR_IN_NUMBER, doc_number), (_YEAR_IN_TITLE, strip_title(title))):
        match = pattern.search(text or "")
        if match:
            year = int(match.group(1))
            break
    return TitleFacts(issuer, region, region.level if region else None, year)


def title_core(title: str | None) -> str | None:
    """The subject of a title without issuer and form words: 2021年政务公开工作要点."""
    title = strip_title(title)
    if not title:
        return None
    core = _CORE_SUFFIX.sub("", _CORE_PREFIX.sub("", fold(title), count=1))
    return core.strip("《》") or None


def carried_out_text(title: str | None) -> str | None:
    """What a title says the directive carries out: the words after 贯彻落实 / 贯彻 / 落实."""
    title = strip_title(title)
    if not title:
        return None
    folded = fold(title)
    for marker in ("贯彻落实", "贯彻", "落实"):
        index = folded.find(marker)
        if index >= 0:
            return folded[index + len(marker) :]
    return None
