"""What kind of body an issuer string names, and where a header names its issuer.

The level of a directive is the level of the body that issues it, and the same
area has bodies of several kinds: 赣州市人民政府办公室 speaks for the city,
赣州市财政局 is one of its departments, 中共赣州市委办公室 stands beside the
government at the same level, 国务院办公厅 is national. :func:`org_kind` reads
that from the words after the place name; :func:`title_org` and
:func:`head_issuers` find issuer strings in a title and in the first lines of a
page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from ingest.gazetteer import Area, gazetteer
from ingest.textnorm import normalize_width, to_simplified

Kind = Literal["national", "national_department", "government", "department", "township"]

_PINYIN = re.compile(r"[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,8}[)）]")
_NATIONAL_ORG = re.compile(r"^(?:中华人民共和国)?(?:国务院|中共中央|中央|全国人大|全国人民代表大会|全国政协)")
_NATIONAL_DEPT = re.compile(
    r"^(?:中华人民共和国)?(?:国家[\u4e00-\u9fff]{1,14}?(?:局|委员会|委|署|总局|院|中心)|[\u4e00-\u9fff]{1,6}部)"
)
# After the place name: the government itself, its office, or the party committee.
_GOVERNMENT = re.compile(
    r"^(?:人民政府|政府|行政公署|委员会办公室|委办公室|委办|委(?![\u4e00-\u9fff]{0,6}局)|管委会|管理委员会|办公厅|人大|政协)"
)
_PARTY = re.compile(r"^(?:中共|中国共产党)")
# A body of a government: bureau, department, commission, centre …, ended by a boundary.
_DEPARTMENT = re.compile(
    r"^[\u4e00-\u9fff]{0,16}?(?:局|厅|委员会|委|中心|署|院|所|站|公司|办)"
    r"(?=办公室|关于|印发|政务|政府信息|\d|$|[^\u4e00-\u9fff])"
)
_TOWNSHIP = re.compile(
    r"([\u4e00-\u9fff]{2,6}?)(街道办事处|街道|镇|乡)(?=人民政府|政府|办事处|党委|党工委|办公室|$|[^\u4e00-\u9fff])"
)
# 某镇, 各乡镇, 全镇: a township word without a township's name.
_NOT_A_TOWNSHIP_NAME = re.compile(r"^[各某全本该我乡镇县区市]")
_LEVEL_WORD = re.compile(r"^[（(]?(?:省直|市直|区直|县直|省|市|区|县)")
_TITLE_VERB = re.compile(r"关于|印发|转发")
_HEAD_ISSUER = re.compile(r"(?:发文机关|发文单位|制发机关)\s*[:：]\s*(\S+)")
# The site that published the page: often, not always, the issuer.
_HEAD_PUBLISHER = re.compile(r"(?:发布机构|信息来源|来源)\s*[:：]\s*(\S+)")
_HEAD_ORG_LINE = re.compile(
    r"^\s*(\S{4,40}?(?:人民政府办公室|人民政府办公厅|人民政府|办公室|办公厅|局|委员会))(?:文件)?\s*$"
)


# How a text speaks of its own issuer: 我局 / 本中心 (a department), 我市 / 本区 (a government).
_SELF_DEPARTMENT = re.compile(r"[我本](?:局|中心|委|厅|所|站)")
_SELF_GOVERNMENT = re.compile(r"[我本](省|市|区|县|旗)")


@dataclass(frozen=True)
class OrgKind:
    """The kind of an issuing body; ``township`` names the 镇/乡/街道 for kind 'township'."""

    kind: Kind
    township: str | None = None


def clean_name(text: str | None) -> str:
    """Simplified, half-width, pinyin noise and whitespace removed: the form names are matched in."""
    if not text:
        return ""
    text = _PINYIN.sub("", normalize_width(to_simplified(text)))
    return re.sub(r"\s+", "", text)


def _remainder(org: str, chain: tuple[Area, ...]) -> str:
    """The org text after its place names ('福建省市场监督管理局' → '市场监督管理局')."""
    org = _PARTY.sub("", org)
    end = 0
    for mention in gazetteer().scan(org):
        if any(a in chain for a in mention.candidates) or (not chain and mention.start == end):
            end = mention.end
    rest = org[end:]
    return _LEVEL_WORD.sub("", rest) if end == 0 else rest


def org_kind(org: str, chain: tuple[Area, ...] = ()) -> OrgKind | None:
    """The kind of body ``org`` names, given the places already resolved in it (``chain``)."""
    org = org.strip("（）()[]【】")
    if not org:
        return None
    if _NATIONAL_ORG.match(org):
        return OrgKind("national")
    rest = _remainder(org, chain)
    if chain and chain[-1].level in ("county", "city"):
        m = _TOWNSHIP.match(rest)
        if m and not _NOT_A_TOWNSHIP_NAME.match(m.group(1)):
            return OrgKind("township", m.group(1) + m.group(2).removesuffix("办事处"))
    if _GOVERNMENT.match(rest):
        return OrgKind("government")
    if not chain and _NATIONAL_DEPT.match(org):
        return OrgKind("national_department")
    if _DEPARTMENT.match(rest):
        return OrgKind("department")
    return None


def title_org(title: str) -> str:
    """The issuing body a title names before 关于 / 印发 / 转发; '' when it names none."""
    m = _TITLE_VERB.search(title)
    return title[: m.start()] if m and m.start() > 0 else ""


def head_issuers(head: str) -> list[str]:
    """Issuer strings in the first lines of a page, surest first.

    '发文机关：…', then lines such as '…人民政府办公室文件' and title lines ('X关于…'), then
    the publisher of the page ('发布机构：…'), which may be a sub-office of the issuer.
    """
    simple = normalize_width(to_simplified(head))
    found = [m.group(1) for m in _HEAD_ISSUER.finditer(simple)]
    for raw in head.splitlines()[:40]:
        line = clean_name(raw)
        m = _HEAD_ORG_LINE.match(line)
        if m:
            found.append(m.group(1))
        elif (org := title_org(line)) and "《" not in org and len(org) < 40:
            found.append(org)
    found += [m.group(1) for m in _HEAD_PUBLISHER.finditer(simple)]
    return [clean_name(f) for f in found]


def self_reference_level(text: str) -> str | None:
    """The level a text gives its own issuer by 我局 / 本中心 (department) or 我市 / 本区 (that level).

    For texts whose header names no issuer; a department's plan that mentions 县政府 still says 我局.
    """
    simple = to_simplified(text)
    if _SELF_DEPARTMENT.search(simple):
        return "department"
    words = [m.group(1) for m in _SELF_GOVERNMENT.finditer(simple)]
    if not words:
        return None
    top = max(set(words), key=words.count)
    return {"省": "provincial", "市": "city", "区": "county", "县": "county", "旗": "county"}[top]


__all__ = ["Kind", "OrgKind", "clean_name", "head_issuers", "org_kind", "self_reference_level", "title_org"]
