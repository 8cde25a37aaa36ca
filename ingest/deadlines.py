"""Deadlines: '2021年8月底前', '年底前' (relative to the plan's year), '持续推进'.

The text is kept as written; the date is the last day of the stated period.
Where a task states several deadlines the latest one is the task's deadline
and all of them are kept in the text, joined by '；'.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

ONGOING = "ongoing"

_ONGOING_WORDS = ("持续推进", "长期坚持", "长期推进", "持续开展", "长期", "持续", "常态化推进")

_NUM = r"[0-9０-９]"
_DEADLINE = re.compile(
    rf"(?:力争)?(?:在|于)?\s*"
    rf"(?:(?P<year>{_NUM}{{4}})\s*年\s*)?"
    rf"(?:(?P<month>{_NUM}{{1,2}})\s*月\s*(?:(?P<day>{_NUM}{{1,2}})\s*日|(?P<mend>底|末|中旬|上旬|下旬))?"
    rf"|(?P<yend>底|末|上半年|下半年|一季度|二季度|三季度|四季度|第[一二三四]季度))\s*"
    rf"(?:之)?(?:前|以前)"
)
_YEAR_END_BARE = re.compile(r"年\s*(?:底|末)\s*(?:之)?前")


@dataclass(frozen=True)
class DeadlineHit:
    text: str
    date: str | None
    start: int
    end: int


def _to_int(s: str) -> int:
    return int(s.translate(str.maketrans("０１２３４５６７８９", "0123456789")))


def _period_end(year: int, m: re.Match[str]) -> str | None:
    if m.group("month"):
        month = _to_int(m.group("month"))
        if not 1 <= month <= 12:
            return None
        if m.group("day"):
            day = _to_int(m.group("day"))
            if not 1 <= day <= calendar.monthrange(year, month)[1]:
                return None
        elif m.group("mend") == "上旬":
            day = 10
        elif m.group("mend") == "中旬":
            day = 20
        else:
            day = calendar.monthrange(year, month)[1]
        return f"{year:04d}-{month:02d}-{day:02d}"
    yend = m.group("yend") or ""
    month = {
        "上半年": 6,
        "一季度": 3,
        "第一季度": 3,
        "二季度": 6,
        "第二季度": 6,
        "三季度": 9,
        "第三季度": 9,
    }.get(yend, 12)
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def find_deadlines(text: str, plan_year: int | None) -> list[DeadlineHit]:
    """Every deadline phrase in ``text`` with its date (None if the year is unknown).

    A phrase without a year takes the year of the previous phrase in the same
    text, else the plan's year ('于11月15日前' after '2020年10月底前').
    """
    hits: list[DeadlineHit] = []
    year = plan_year
    for m in _DEADLINE.finditer(text):
        if not (m.group("year") or m.group("month")):
            # bare '底前' must be written as '年底前'
            if not _YEAR_END_BARE.search(text[max(0, m.start() - 1) : m.end()]):
                continue
        if m.group("year"):
            year = _to_int(m.group("year"))
        phrase = m.group(0).strip()
        start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
        if not m.group("year") and not m.group("month") and text[max(0, m.start() - 1)] == "年":
            phrase = "年" + phrase
            start -= 1
        date = _period_end(year, m) if year else None
        hits.append(DeadlineHit(text=phrase, date=date, start=start, end=m.end()))
    return hits


def is_ongoing(text: str) -> bool:
    t = text.strip()
    return any(t.startswith(w) for w in _ONGOING_WORDS) and len(t) <= 12


def parse_deadline_cell(cell: str, plan_year: int | None) -> tuple[str | None, str | None]:
    """A 完成时限 cell → (text as written, ISO date | 'ongoing' | None)."""
    t = cell.strip()
    if not t or t in {"/", "／", "—", "-", "无"}:
        return None, None
    if is_ongoing(t):
        return t, ONGOING
    hits = find_deadlines(t, plan_year)
    if hits:
        dates = [h.date for h in hits if h.date]
        return t, max(dates) if dates else None
    return t, None


def deadline_from_text(text: str, plan_year: int | None) -> tuple[str | None, str | None]:
    """Deadlines stated inside a task's text → (joined text, latest date)."""
    hits = find_deadlines(text, plan_year)
    if not hits:
        return None, None
    dates = [h.date for h in hits if h.date]
    return "；".join(h.text for h in hits), (max(dates) if dates else None)


def looks_like_deadline_cell(cell: str) -> bool:
    t = cell.strip()
    if not t or len(t) > 30:
        return False
    if is_ongoing(t):
        return True
    return bool(_DEADLINE.search(t)) and len(t) <= 24 or t in {"年底前", "年内", "全年"}
