"""Find and normalise 发文字号 (document numbers) in noisy text.

A directive is cited by its number far more often than by its title, and the
same number is written many ways: '赣府厅字〔2024〕2 号', '国办发[2019]54号',
'國辦發〔2019〕54號', '青政办发（2020）51号', or garbled as '〔202112号'. All of
them must meet at one normal form so that a citation links to the directive it
names. The normal form is ``issuer code + '〔YYYY〕' + N + '号'`` with full-width
〔〕, half-width digits, simplified characters and no spaces; a decree keeps its
own shape ('省政府令第247号').

Matching runs on a length-preserving normalised copy of the text, so the
offsets of a :class:`DocNumberMatch` index the text as given.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass

from ingest.textnorm import normalize_width, to_simplified

# An issuer code is a short run of Chinese characters; web copies may carry
# pinyin after a character ('國辦發(fā)'). 号 never belongs to a code: it ends the
# previous number in runs like '54号和豫政办〔2020〕5号'.
_PINYIN = r"[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,8}[)）]"
_CODE_CHAR = r"(?:(?![号號])[\u4e00-\u9fff])"
_PREFIX = rf"(?P<prefix>(?:{_CODE_CHAR}|{_PINYIN}){{0,16}}?)"
# Spaces are taken possessively (nothing after them can be a space, so giving some back never helps),
# and a match never starts inside a run of spaces: the attempt from the run's first space already tried
# every way through it. Without both, a line padded with n spaces costs n² steps.
_SP = r"[ \t\u3000]*+"
_NOT_MID_RUN = r"(?:(?<![ \t\u3000])|(?![ \t\u3000]))"
_OPEN = r"[〔\[(（【﹝［〈<{]"
_CLOSE = r"[〕\])）】﹞］〉>}]"
_YEAR = r"(?P<year>19[4-9]\d|20\d\d)"
_HAO = r"[号號]"

_BRACKETED = re.compile(
    rf"{_NOT_MID_RUN}{_PREFIX}{_SP}{_OPEN}{_SP}{_YEAR}{_SP}{_CLOSE}{_SP}第?{_SP}(?P<num>\d{{0,5}}){_SP}{_HAO}"
)
# '〔202112号': the closing bracket lost, year and number run together.
_GLUED = re.compile(rf"{_NOT_MID_RUN}{_PREFIX}{_SP}{_OPEN}{_YEAR}(?P<num>\d{{1,5}}){_SP}{_HAO}")
# '省政府令第247号', '国务院令第711号'.
_DECREE = re.compile(
    rf"(?P<prefix>(?:{_CODE_CHAR}|{_PINYIN}){{1,16}}?令){_SP}第{_SP}(?P<num>\d{{1,5}}){_SP}{_HAO}"
)

_PINYIN_RE = re.compile(_PINYIN)
_HAO_RE = re.compile(_HAO)
_OPEN_RE = re.compile(_OPEN)
# Words that lead into a number in running text and are never part of a code.
_LEAD_INS = (
    "根据",
    "按照",
    "依据",
    "依照",
    "参照",
    "贯彻",
    "落实",
    "执行",
    "印发",
    "转发",
    "文号",
    "字号",
    "编号",
    "文件",
    "通知",
    "意见",
    "精神",
    "要求",
    "规定",
    "办法",
    "方案",
    "要点",
    "简称",
    "以及",
)
_LEAD_CHARS = frozenset("和及与并或据照见即按的了在将对是以为由经如于")
_MAX_CODE = 8
_DECREE_CODE = re.compile(r"^(?P<code>.*令)第(?P<num>\d+)号$")
_NUMBER_FORM = re.compile(r"^(?P<code>[^〔]*)〔(?P<year>\d{4})〕(?P<num>\d*)号$")


@dataclass(frozen=True)
class DocNumberMatch:
    """One document number found in a text: as written, normalised, and where."""

    raw: str
    normalized: str
    start: int
    end: int


def _clean_code(prefix: str) -> str:
    """The issuer code inside the characters before the bracket, lead-in words cut off."""
    code = _PINYIN_RE.sub("", prefix)
    for word in _LEAD_INS:
        pos = code.rfind(word)
        if pos >= 0:
            code = code[pos + len(word) :]
    while len(code) > 2 and code[0] in _LEAD_CHARS:
        code = code[1:]
    return code[-_MAX_CODE:]


def _prepare(text: str) -> str:
    """Simplified, half-width digits and brackets, same length as ``text``."""
    return normalize_width(to_simplified(text))


def _matches(prepared: str) -> list[tuple[int, int, str]]:
    """(start, end, normalised) for every number in a prepared text, earliest first."""
    found: list[tuple[int, int, str]] = []
    # Spans kept so far, disjoint and sorted by start (so also by end): a new span overlaps one of them
    # only if it overlaps the last that starts before its end, found by bisection, not by a scan.
    starts: list[int] = []
    ends: list[int] = []

    def add(m: re.Match[str], normalized: str) -> None:
        code_raw = m.group("prefix")
        code = _clean_code(code_raw)
        # Move the start past the lead-in characters that were cut from the code.
        if code:
            start = m.start("prefix") + _raw_offset(code_raw, code)
        else:
            start = m.end("prefix") if m.group("prefix") else m.start()
            while start < m.end() and prepared[start] in " \t\u3000":
                start += 1
        at = bisect_left(starts, m.end())
        if at and ends[at - 1] > start:
            return
        starts.insert(at, start)
        ends.insert(at, m.end())
        found.append((start, m.end(), normalized.replace("{code}", code)))

    decree_lines, bracket_lines = _candidate_lines(prepared)
    for m in _scan(_DECREE, prepared, decree_lines):
        add(m, "{code}第" + str(int(m.group("num"))) + "号")
    for m in _scan(_BRACKETED, prepared, bracket_lines):
        num = str(int(m.group("num"))) if m.group("num") else ""
        add(m, "{code}〔" + m.group("year") + "〕" + num + "号")
    for m in _scan(_GLUED, prepared, bracket_lines):
        add(m, "{code}〔" + m.group("year") + "〕" + str(int(m.group("num"))) + "号")
    return sorted(found)


def _candidate_lines(prepared: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The lines that can hold a decree number and those that can hold a bracketed one.

    No number crosses a line (no part of the patterns takes a newline) and every number ends in
    号, so only the lines around a 号 are searched: the patterns try up to 16 code characters at
    every position, which over a whole long document costs far more than the few lines with a 号.
    """
    decree: list[tuple[int, int]] = []
    bracket: list[tuple[int, int]] = []
    end = -1
    for hao in _HAO_RE.finditer(prepared):
        if hao.start() < end:
            continue
        start = prepared.rfind("\n", 0, hao.start()) + 1
        end = prepared.find("\n", hao.start())
        end = len(prepared) if end < 0 else end
        if "令" in prepared[start:end]:
            decree.append((start, end))
        if _OPEN_RE.search(prepared, start, end):
            bracket.append((start, end))
    return decree, bracket


def _scan(pattern: re.Pattern[str], prepared: str, lines: list[tuple[int, int]]) -> Iterator[re.Match[str]]:
    """``pattern.finditer`` over the whole text, restricted to ``lines`` (same matches, same order)."""
    for start, end in lines:
        yield from pattern.finditer(prepared, start, end)


def _raw_offset(raw_prefix: str, code: str) -> int:
    """Offset in ``raw_prefix`` where the kept ``code`` begins (pinyin noise may sit inside)."""
    kept = 0
    pos = len(raw_prefix)
    # Walk back over the raw prefix until as many code characters as the code holds are seen.
    while pos > 0 and kept < len(code):
        m = None
        for pm in _PINYIN_RE.finditer(raw_prefix):
            if pm.end() == pos:
                m = pm
        if m is not None:
            pos = m.start()
            continue
        pos -= 1
        kept += 1
    return pos


def find_doc_numbers(text: str) -> list[DocNumberMatch]:
    """Every document number in ``text``, in order, with offsets into ``text`` as given."""
    prepared = _prepare(text)
    return [DocNumberMatch(text[s:e], norm, s, e) for s, e, norm in _matches(prepared)]


def normalize_doc_number(raw: str | None) -> str | None:
    """The normal form of one written document number, or None when ``raw`` holds none.

    '赣府厅字〔2024〕2 号' → '赣府厅字〔2024〕2号'; '國辦發[2019]54號' → '国办发〔2019〕54号';
    '〔202112号' → '〔2021〕12号'; '〔2020〕49号' stays without an issuer code.
    """
    if not raw:
        return None
    hits = _matches(_prepare(raw.strip()))
    return hits[0][2] if hits else None


def _parts(doc_number: str) -> tuple[str, str, str]:
    normal = normalize_doc_number(doc_number) or doc_number
    m = _NUMBER_FORM.match(normal)
    if m:
        return m.group("code"), m.group("year"), m.group("num")
    m = _DECREE_CODE.match(normal)
    if m:
        return m.group("code"), "", m.group("num")
    return normal, "", ""


def issuer_code(doc_number: str) -> str:
    """The issuer code of a number: '国办发', '赣府厅字', '江府办函', '省政府令'; '' when absent."""
    return _parts(doc_number)[0]


def doc_number_year(doc_number: str) -> int | None:
    """The year inside the brackets, or None for a decree or an unreadable number."""
    year = _parts(doc_number)[1]
    return int(year) if year else None


def doc_number_key(doc_number: str) -> str:
    """A key under which every spelling of one number meets: 'code|year|number'.

    Accepts raw or normalised numbers, so '国办发[2019]054号' and '國辦發〔2019〕54號'
    share the key of '国办发〔2019〕54号'.
    """
    code, year, num = _parts(doc_number)
    return f"{code}|{year}|{num}"


__all__ = [
    "DocNumberMatch",
    "doc_number_key",
    "doc_number_year",
    "find_doc_numbers",
    "issuer_code",
    "normalize_doc_number",
]
