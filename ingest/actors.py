"""Actors named in a task's own words, for prose items without a units note.

'各县（市、区）政府和乡镇政府（街道办）认真对照…由市自然资源局、市城管局等…负责梳理'
names who must act. Only names in subject position count — at the start of a
clause and followed by what they must do (要, 负责, 认真, 按…) — so that
'报市政府审核' or '征求市直相关部门意见' do not make 市政府 an actor.
"""

from __future__ import annotations

import re

from ingest.records import Role
from ingest.unitparse import UnitPiece, looks_like_unit_cell, parse_units

_BODY = r"(?:政府（街道办）|政府\(街道办\)|人民政府|政府办公室|政府|委员会|办公室|管理局|局|委|办|部门|中心|单位|公司|分局)"
_NAME = (
    rf"(?:各(?:县（市、区）|县\(市、区\)|市（区）|市\(区\))[\u4e00-\u9fff]{{0,6}}?{_BODY}"
    rf"|乡镇{_BODY}"
    rf"|[市区县省][\u4e00-\u9fff]{{1,12}}?{_BODY})"
)
_FOLLOW = r"(?=要|负责|认真|按|和|、|等|在|于|结合|对|积极|牵头|会同|组织|应|需|进一步|严格|全面|务必|统筹|定期|及时)"
_ACTOR = re.compile(rf"(?:^|(?<=[，。；：\s])|(?<=由)|(?<=和)|(?<=、)|(?<=前，))({_NAME}){_FOLLOW}")
_GENERIC = re.compile(
    r"(?:^|(?<=[，。；：\s]))(各地各部门|各地区各部门|各地|各部门|各单位|各级各部门)(?=要|应|需|务必|结合|按照|认真)"
)
# A subject list at the start of the text: '各街办、镇、集聚区，区政府各部门办公室要…'
_LEADING_SUBJECT = re.compile(r"^([^。；]{2,40}?)(?=要|应|需|负责|务必)")


def find_actors(text: str, base: int = 0) -> list[UnitPiece]:
    """Units that a prose task's text names as actors, each once, in order."""
    pieces: list[UnitPiece] = []
    m = _LEADING_SUBJECT.match(text)
    if m and looks_like_unit_cell(m.group(1)):
        pieces.extend(parse_units(m.group(1), "responsible", base))
    covered = {p.start for p in pieces}
    for rx in (_ACTOR, _GENERIC):
        for am in rx.finditer(text):
            if am.start(1) in covered or any(p.start <= am.start(1) < p.end for p in pieces):
                continue
            role: Role = "reference" if _clause_says_reference(text, am.end(1)) else "responsible"
            pieces.append(UnitPiece(am.group(1), role, base + am.start(1), base + am.end(1)))
    seen: set[str] = set()
    out: list[UnitPiece] = []
    for p in sorted(pieces, key=lambda p: p.start):
        if p.name not in seen:
            seen.add(p.name)
            out.append(p)
    return out


_REFERENCE = re.compile(r"参照(?:此|本)?(?:要求|方案|通知|规定)?(?:执行|落实)")


def _clause_says_reference(text: str, pos: int) -> bool:
    end = text.find("。", pos)
    return bool(_REFERENCE.search(text[pos : end if end != -1 else len(text)]))
