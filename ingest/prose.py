"""Numbered prose items → raw tasks ('（一）强化决策公开。… （责任单位：…）').

A prose plan nests 一、 sections over （一） items over 1. points. The task
is the first level below the top sections that the section actually uses;
goal statements (工作目标, 指导思想) are not tasks, and short safeguard
sections (保障措施) are kept apart as extra items. When the document also
carries a task table, the covering notice's own numbered paragraphs are
extra items too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.numbering import parse_numbering, split_heading_body
from ingest.tables import RawTask

_GOAL = re.compile(r"^(工作目标|总体要求|指导思想|基本原则|主要目标|总体目标|目标要求|工作原则)")
_SAFEGUARD = re.compile(r"^(保障措施|组织保障|工作保障|组织实施|工作要求|保障机制|有关要求|其他事项)")
_STOP_LINE = re.compile(
    r"^(附件\s*[:：\d]|附件$|抄送|（此件|\(此件|公开方式|.{0,30}(办公室|办公厅|人民政府)$|\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$)"
)


def _trailing_parenthetical(text: str) -> tuple[int, int, int] | None:
    """(opening bracket, inner start, inner end) of a bracketed note closing the text, nested brackets allowed.

    '…工作。（责任单位：各县（市、区）政府）' → the whole note, not just its inner bracket.
    """
    t = text.rstrip().rstrip("。.").rstrip()
    if not t.endswith(("）", ")")):
        return None
    depth = 0
    for i in range(len(t) - 1, -1, -1):
        ch = t[i]
        if ch in "）)":
            depth += 1
        elif ch in "（(":
            depth -= 1
            if depth == 0:
                inner = t[i + 1 : len(t) - 1]
                if not 2 <= len(inner.strip()) <= 200:
                    return None
                lead = len(inner) - len(inner.lstrip())
                return i, i + 1 + lead, len(t) - 1
    return None


@dataclass
class _Item:
    level: int
    label: str
    line: int
    text: str
    start: int
    end: int
    children: list[_Item] = field(default_factory=list)


def _items(lines: list[str], line_starts: list[int], skip: set[int]) -> list[_Item]:
    roots: list[_Item] = []
    stack: list[_Item] = []
    for i, line in enumerate(lines):
        if i in skip:
            stack = []
            continue
        t = line.strip()
        if not t:
            continue
        num = parse_numbering(t)
        lead = len(line) - len(line.lstrip())
        if num is not None and num.level <= 3:
            item = _Item(num.level, num.label, i, t, line_starts[i] + lead, line_starts[i] + lead + len(t))
            while stack and stack[-1].level >= num.level:
                stack.pop()
            (stack[-1].children if stack else roots).append(item)
            stack.append(item)
        elif stack and not _STOP_LINE.match(t):
            cur = stack[-1]
            # a wrapped line of the same paragraph; a finished sentence starts a new, unnumbered one
            if line_starts[i] - cur.end <= 3 and not cur.text.rstrip().endswith(
                ("。", "）", ")", "！", "？")
            ):
                cur.text += t
                cur.end = line_starts[i] + lead + len(t)
        elif _STOP_LINE.match(t):
            stack = []
    return roots


def _raw(item: _Item, section: list[str], part: str) -> RawTask:
    heading, body, body_off = split_heading_body(item.text)
    sec = section + ([heading] if heading and body else [])
    text = body if body else (parse_numbering(item.text).rest if parse_numbering(item.text) else item.text)
    start = item.start + (
        body_off if body else (parse_numbering(item.text).prefix_len if parse_numbering(item.text) else 0)
    )
    unit_cells: list[tuple[str, int, str]] = []
    paren = _trailing_parenthetical(text)
    if paren is not None and _paren_is_units(text[paren[1] : paren[2]]):
        opener, inner_start, inner_end = paren
        unit_cells.append((text[inner_start:inner_end], start + inner_start, "responsible"))
        text = text[:opener].rstrip()
    return RawTask(
        section=sec,
        text=text,
        text_start=start,
        text_end=start + len(text),
        unit_cells=unit_cells,  # type: ignore[arg-type]
        part=part,
        line=item.line,
        last_line=item.line,
    )


def _paren_is_units(inner: str) -> bool:
    from ingest.unitparse import looks_like_unit_cell

    return bool(
        re.match(r"^(牵头单位|责任单位|配合单位|主体责任单位|责任部门|牵头部门)", inner)
    ) or looks_like_unit_cell(inner)


def _task_items(items: list[_Item], section: list[str]) -> list[tuple[_Item, list[str]]]:
    """The items that are tasks: an item that is only a heading over numbered points hands down to them."""
    out: list[tuple[_Item, list[str]]] = []
    for item in items:
        _, body, _ = split_heading_body(item.text)
        num = parse_numbering(item.text)
        heading_only = not body and num is not None and len(num.rest) <= 40
        if item.children and heading_only:
            out.extend(_task_items(item.children, section + [item.text]))
        else:
            out.append((item, section))
    return out


def prose_tasks(
    lines: list[str], line_starts: list[int], skip: set[int], has_table: bool, start_line: int = 0
) -> tuple[list[RawTask], list[RawTask]]:
    """(tasks, extra_items) from the numbered prose outside tables, from ``start_line`` on."""
    roots = [r for r in _items(lines, line_starts, skip) if r.line >= start_line]
    tasks: list[RawTask] = []
    extras: list[RawTask] = []
    top = [r for r in roots if r.level == 1]
    if not top:
        # no 一、 sections: the items themselves are the tasks
        lowest = min((r.level for r in roots), default=None)
        for r in roots:
            if r.level == lowest and not has_table:
                tasks.append(_raw(r, [], "body"))
        return tasks, extras
    for sec in top:
        title = sec.text if len(sec.text) <= 60 else split_heading_body(sec.text)[0] or sec.text[:60]
        name = parse_numbering(title).rest.strip() if parse_numbering(title) else title
        if _GOAL.match(name):
            continue
        is_safeguard = bool(_SAFEGUARD.match(name)) and len(name) <= 10
        children = sec.children
        if children:
            for child, section in _task_items(children, [title]):
                item = _raw(child, section, "safeguards" if is_safeguard else "body")
                (extras if is_safeguard else tasks).append(item)
        else:
            heading, body, _ = split_heading_body(sec.text)
            if not body:
                continue
            item = _raw(sec, [], "notice" if has_table else "body")
            if has_table or is_safeguard:
                extras.append(item)
            else:
                tasks.append(item)
    return tasks, extras
