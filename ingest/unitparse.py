"""Split unit cells and phrases into individual units with their roles.

Plans write responsibilities compactly: 'A、B牵头，C配合；D参照落实',
'市发改委 专项政策解读部门 市自然资源局', '（责任单位：各街办、镇、集聚区，区政府各部门）'.
This module turns such text into (name as written, role, offset) triples;
resolution to canonical units happens later (ingest/units.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from ingest.records import Role

# Words that end a unit name. A cell whose pieces all end like this is a unit list.
UNIT_SUFFIXES: tuple[str, ...] = (
    "政府",
    "人民政府",
    "局",
    "委",
    "委员会",
    "办",
    "办公室",
    "厅",
    "部",
    "部门",
    "单位",
    "中心",
    "室",
    "科",
    "公司",
    "院",
    "所",
    "会",
    "处",
    "站",
    "队",
    "馆",
    "管委会",
    "办事处",
    "集团",
    "银行",
    "分局",
    "街办",
    "乡镇",
    "镇",
    "街道",
    "机关",
    "机构",
    "组",
    "支队",
    "大队",
    "法院",
    "检察院",
    "协会",
    "集聚区",
    "园区",
    "各地",
    "各部门",
    "县（市、区）",
    "县(市、区)",
    "市（区）",
    "市(区)",
    "镇街",
    "（街道）",
    "(街道)",
    # a local government named by its place: 平潭综合实验区, 各设区市
    "区",
    "县",
    "市",
    "旗",
)

# Trailing role words, longest first. Text after a unit list tells its role.
_ROLE_TAILS: tuple[tuple[str, Role], ...] = (
    ("参照执行", "reference"),
    ("参照落实", "reference"),
    ("配合落实", "cooperating"),
    ("协助落实", "cooperating"),
    ("配合", "cooperating"),
    ("协助", "cooperating"),
    ("协办", "cooperating"),
    ("牵头负责", "lead"),
    ("牵头落实", "lead"),
    ("牵头", "lead"),
    ("指导", "guiding"),
    ("负责落实", "responsible"),
    ("落实", "responsible"),
    ("负责", "responsible"),
    ("实施", "responsible"),
)

_ROLE_TAIL_WORDS = tuple(tail for tail, _ in _ROLE_TAILS)

_LABEL = re.compile(
    r"^\s*(牵头单位|责任单位|主体责任单位|配合单位|协办单位|指导单位|落实单位|参照落实单位|负责单位|承办单位)\s*[:：]\s*"
)
_LABEL_ROLE: dict[str, Role] = {
    "牵头单位": "lead",
    "配合单位": "cooperating",
    "协办单位": "cooperating",
    "指导单位": "guiding",
    "参照落实单位": "reference",
}

# Verb phrases written after a unit list in the same clause, with no role meaning of their own.
_VERB_TAIL = re.compile(
    r"(?:按照?职责(?:分工)?|分别)?(?:强化监管|组织实施|抓好落实|具体落实)$|按照?职责(?:分工)?$"
)
# A role word closing a clause that continues after 、 ('市卫生健康局牵头、市直有关部门配合').
_ROLE_THEN_LIST = re.compile(r"(牵头|配合|参照落实|落实)、")
# 'A及B': two units joined by a conjunction.
_CONJ = re.compile(r"(?<=[局委办室心司所院])(?:及|和|与)(?=[\u4e00-\u9fff])")
# Generic tails after 等 that name nobody in particular.
_GENERIC_AFTER_DENG = re.compile(r"^(?:各?有关|相关|其他)?(?:部门|单位|机构)?$")
_TRAILING_NOTE = re.compile(r"[（(][^（()）]{1,12}[）)]$")
_SENTENCE_END = re.compile(r"[。！？]")
_SPACE_BEFORE_NOTE = re.compile(r"\s+(?=[（(])")
_LIST_MARK = re.compile(r"[；;，,、]")
_SPACES = re.compile(r"\s+")
_NONE_MARKS = {"/", "／", "无", "—", "-", "——", "\\"}


@dataclass(frozen=True)
class UnitPiece:
    """One unit name as written, its role, and its offset inside the parsed text."""

    name: str
    role: Role
    start: int
    end: int


def looks_like_unit(text: str) -> bool:
    """True when ``text`` reads like the name of a body or a collective of bodies."""
    t = text.strip().rstrip("等")
    t = _TRAILING_NOTE.sub("", t).strip()  # '省编办（省审改办）'
    if len(t) < 2 or len(t) > 40:
        return False
    if _SENTENCE_END.search(t):
        return False
    return t.endswith(UNIT_SUFFIXES) or t.startswith("各")


def looks_like_unit_cell(text: str) -> bool:
    """True when every top-level piece of a cell reads like a unit name (role words allowed)."""
    t = text.strip()
    if not t or t in _NONE_MARKS:
        return False
    t = _LABEL.sub("", t)
    t = _SPACE_BEFORE_NOTE.sub("", t)  # '省编办 (省审改办)': a note in brackets belongs to the name
    if not _LIST_MARK.search(t) and looks_like_unit(_SPACES.sub("", t)) and len(t) <= 40:
        return True  # one name, perhaps with a conversion space inside
    pieces = [p for p, _, _ in _split_top(t, "；;，,、 \u3000\n")]
    if not pieces:
        return False
    # A short list must be names throughout, a longer one two thirds names; a long task sentence
    # split at its commas fails that within its first pieces, so stop as soon as it cannot pass.
    needed = len(pieces) if len(pieces) <= 3 else (len(pieces) * 2 + 2) // 3
    allowed_bad = len(pieces) - needed
    for p in pieces:
        core = _strip_role_tail(p)[0]
        core = _VERB_TAIL.sub("", core).rstrip("等")
        if not (looks_like_unit(core) or core in ("镇", "集聚区")):
            allowed_bad -= 1
            if allowed_bad < 0:
                return False
    return True


def _split_top(text: str, seps: str, base: int = 0) -> Iterator[tuple[str, int, int]]:
    """Split ``text`` at separator characters outside brackets; yield (piece, start, end)."""
    depth = 0
    start = 0
    # Only brackets and separators change anything: visit those characters, not every one.
    for m in _split_marks(seps).finditer(text):
        i, ch = m.start(), m.group()
        if ch in "（(【[《":
            depth += 1
        elif ch in "）)】]》":
            depth = max(0, depth - 1)
        elif depth == 0:
            piece = text[start:i]
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                yield piece.strip(), base + start + lead, base + start + lead + len(piece.strip())
            start = i + 1
    piece = text[start:]
    if piece.strip():
        lead = len(piece) - len(piece.lstrip())
        yield piece.strip(), base + start + lead, base + start + lead + len(piece.strip())


@cache
def _split_marks(seps: str) -> re.Pattern[str]:
    """One character class for the brackets and the separators ``seps``."""
    return re.compile("[" + re.escape("（(【[《）)】]》" + seps) + "]")


def _strip_role_tail(clause: str) -> tuple[str, Role | None]:
    if not clause.endswith(_ROLE_TAIL_WORDS):
        return clause, None
    for tail, role in _ROLE_TAILS:
        if clause.endswith(tail) and len(clause) > len(tail):
            return clause[: -len(tail)].rstrip("，, "), role
    return clause, None


def _clean_name(name: str) -> str | None:
    """Drop generic tails ('等有关部门') and trailing 等; None when nothing specific is left."""
    name = name.strip().strip("：:")
    name = _VERB_TAIL.sub("", name)
    if "等" in name:
        head, _, tail = name.partition("等")
        if _GENERIC_AFTER_DENG.match(tail):
            name = head
    name = name.rstrip("等").strip()
    if not name or name in _NONE_MARKS:
        return None
    return name


def parse_units(text: str, default_role: Role, base: int = 0) -> list[UnitPiece]:
    """Parse a unit cell or phrase into units with roles.

    Clauses are separated by ；/; and ，/,; a role word at the end of a clause
    ('牵头', '配合', '参照落实', '落实') applies to every unit of that clause;
    clauses without one take ``default_role`` (the column's role). Units
    inside a clause are separated by 、 or by spaces when every piece is a
    unit name (a space inside '涉及 26个…的市政府部门' is not a separator).
    """
    out: list[UnitPiece] = []
    stripped = text.strip()
    if not stripped or stripped in _NONE_MARKS:
        return out
    text = _ROLE_THEN_LIST.sub(lambda m: m.group(1) + "，", text)  # same length: offsets hold
    for clause, c_start, _ in _split_top(text, "；;，,\n", base):
        label = _LABEL.match(clause)
        if label:
            # '牵头单位：A；责任单位：B': a label sets the role of its clause and those after it
            default_role = _LABEL_ROLE.get(label.group(1), "responsible")
            clause, c_start = clause[label.end() :], c_start + label.end()
        core, role = _strip_role_tail(clause)
        out.extend(_split_clause(core, role or default_role, c_start))
    return out


def _split_conjunctions(pieces: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """'区市场监管局及具备行政执法职能的区政府各部门' → two units, when both sides are units."""
    out: list[tuple[str, int, int]] = []
    for name, start, end in pieces:
        m = _CONJ.search(name)
        if m and looks_like_unit(name[: m.start()]) and looks_like_unit(name[m.end() :]):
            out.append((name[: m.start()], start, start + m.start()))
            out.append((name[m.end() :], start + m.end(), end))
        else:
            out.append((name, start, end))
    return out


def _merge_distributed(
    pieces: list[tuple[str, int, int]], clause: str, base: int
) -> list[tuple[str, int, int]]:
    """'各街办、镇、集聚区': a 各 distributes over the short items after it — one collective."""
    out: list[tuple[str, int, int]] = []
    i = 0
    while i < len(pieces):
        name, start, end = pieces[i]
        j = i + 1
        if name.startswith("各") and len(name) <= 4:
            while j < len(pieces) and len(pieces[j][0]) <= 3 and not pieces[j][0].startswith("各"):
                end = pieces[j][2]
                j += 1
        if j > i + 1:
            out.append((clause[start - base : end - base], start, end))
        else:
            out.append((name, start, end))
        i = j
    return out


def _split_clause(clause: str, role: Role, base: int) -> list[UnitPiece]:
    pieces = _merge_distributed(list(_split_top(clause, "、", base)), clause, base)
    result: list[UnitPiece] = []
    for piece, start, end in _split_conjunctions(pieces):
        spaced = list(_split_top(piece, " \u3000", start))
        if len(spaced) > 1 and all(looks_like_unit(s[0]) for s in spaced):
            parts = spaced
        else:
            parts = [(piece, start, end)]
        for name, s, _e in parts:
            # 'X等区政府各有关部门' keeps the named collective after 等.
            if "等" in name:
                head, _, tail = name.partition("等")
                if tail and not _GENERIC_AFTER_DENG.match(tail) and looks_like_unit(tail) and len(tail) > 4:
                    h = _clean_name(head)
                    if h:
                        result.append(UnitPiece(h, role, s, s + len(h)))
                    tail_start = s + len(head) + 1
                    result.append(UnitPiece(tail, role, tail_start, tail_start + len(tail)))
                    continue
            cleaned = _clean_name(name)
            if cleaned:
                offset = name.find(cleaned)
                result.append(UnitPiece(cleaned, role, s + max(offset, 0), s + max(offset, 0) + len(cleaned)))
    return result
