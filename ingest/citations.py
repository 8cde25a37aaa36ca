"""Citations: 《title》（文号）, bare 文号, and whether the document implements them.

A citation 'implements' its target when the document says it is made to
carry it out — the basis sentence of the preamble ('为贯彻落实…', '根据…，结合
我区实际', '认真执行…'). Everything else is a mention. The document's own
title ('现将《…》印发给你们') and short aliases ('以下简称《实施意见》') are not
citations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.docnumber import find_doc_numbers
from ingest.records import Relation

_TITLE = re.compile(r"《([^《》\n]{2,120}?)》")
# A cited title names a document type at its end (a trailing parenthetical such as '（试行）' is allowed).
_DOC_TYPE_END = re.compile(
    r"(通知|意见|办法|规定|条例|方案|要点|细则|报告|清单|规范|决定|纲要|制度|规划|指引|标准|目录|模板|"
    r"法|规则|准则|指南|计划|函|批复|公告|通告|分解表|任务表|守则|决议)(?:[（(][^（()）]{1,12}[）)])?$"
)
_BASIS = re.compile(r"(为(认真|深入|全面)?贯彻落实|为贯彻|根据|依据|按照|认真执行|贯彻执行|遵照)")
_OWN_AFTER = re.compile(r"^[^。，,]{0,6}(印发给你们|已经.{1,12}同意|现印发|印发给|，经)")
_OWN_BEFORE = re.compile(r"(现将|制定了|制定)\s*$")
_ALIAS = re.compile(r"以下简称\s*$")
_NUMBER_AFTER = re.compile(r"^\s*[（(]([^（()）]{3,60})[）)]")


@dataclass(frozen=True)
class RawCitation:
    doc_number: str | None
    doc_number_raw: str | None
    title: str | None
    relation: Relation
    start: int
    end: int


def _norm_title(t: str) -> str:
    return re.sub(r"\s+", "", t).replace("关于关于", "关于")


def find_citations(
    text: str, preamble_end: int, own_titles: tuple[str, ...] = (), own_number: str | None = None
) -> list[RawCitation]:
    """All citations in ``text`` (cleaned); those in the preamble's basis sentence implement."""
    own = {_norm_title(t).strip("《》") for t in own_titles if t}
    found: list[RawCitation] = []
    covered: list[tuple[int, int]] = []
    aliases: set[str] = set()
    for m in _TITLE.finditer(text):
        title = m.group(1).strip()
        ntitle = _norm_title(title)
        before = text[max(0, m.start() - 8) : m.start()]
        after = text[m.end() : m.end() + 30]
        if _ALIAS.search(before) or ntitle in aliases:
            aliases.add(ntitle)
            covered.append((m.start(), m.end()))
            continue
        if ntitle in own or _OWN_AFTER.match(after) or _OWN_BEFORE.search(before):
            covered.append((m.start(), m.end()))
            continue
        if not _DOC_TYPE_END.search(ntitle):
            continue
        number = raw_number = None
        end = m.end()
        nm = _NUMBER_AFTER.match(text[m.end() : m.end() + 70])
        if nm:
            inner = nm.group(1)
            hits = find_doc_numbers(inner)
            if hits:
                number, raw_number = hits[0].normalized, hits[0].raw
                end = m.end() + nm.end()
            alias = re.search(r"以下简称\s*《([^》]+)》", inner)
            if alias:
                aliases.add(_norm_title(alias.group(1)))
        if number is None:
            # '《…规定》(省政府令第247号)': a decree number written in half-width brackets
            dm = re.match(r"^\s*[（(]([^（()）]{2,20}令第\s*\d+\s*号)[）)]", text[m.end() : m.end() + 40])
            if dm:
                number = raw_number = re.sub(r"\s+", "", dm.group(1))
                end = m.end() + dm.end()
        relation = _relation(text, m.start(), preamble_end)
        found.append(RawCitation(number, raw_number, f"《{title}》", relation, m.start(), end))
        covered.append((m.start(), end))
    for hit in find_doc_numbers(text):
        if any(s <= hit.start < e for s, e in covered):
            continue
        if own_number and hit.normalized == own_number:
            continue
        relation = _relation(text, hit.start, preamble_end)
        found.append(RawCitation(hit.normalized, hit.raw, None, relation, hit.start, hit.end))
    return _dedupe(found)


def _relation(text: str, pos: int, preamble_end: int) -> Relation:
    if pos >= preamble_end:
        return "mentions"
    sent_start = max(text.rfind("。", 0, pos), text.rfind("\n\n", 0, pos), 0)
    sentence_head = text[sent_start:pos]
    return "implements" if _BASIS.search(sentence_head) else "mentions"


def _dedupe(cites: list[RawCitation]) -> list[RawCitation]:
    """One citation per target; 'implements' wins over 'mentions'."""
    out: dict[str, RawCitation] = {}
    for c in cites:
        key = c.doc_number or _norm_title(c.title or "")
        prev = out.get(key)
        if prev is None:
            out[key] = c
        elif prev.relation == "mentions" and c.relation == "implements":
            out[key] = RawCitation(
                c.doc_number, c.doc_number_raw, prev.title or c.title, c.relation, prev.start, prev.end
            )
    return sorted(out.values(), key=lambda c: c.start)
