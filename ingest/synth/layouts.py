"""The body of a synthetic plan in the shapes converted plans really have, with their noise.

Shapes: a tab table with the section in its first column and 牵头单位 / 责任单位 /
完成时限 columns; a tab table whose unit cell is a phrase ('A、B牵头，C配合；D参照
落实'); a pipe table with a 序号 column; numbered prose items ending in
'（责任单位：…）'. Noise, as conversion leaves it: a page break (blank line and
the header row again) that cuts a row inside its text or inside a unit name,
and merged unit cells left empty under the row whose units they share.

Every function returns the lines and the tasks *as rendered*: a merged cell
gives its row the units of the row above, and a role a table has no column for
is written in the column that holds it — the truth records follow the page.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

from ingest.synth.tasks import SynthTask, sentence

Layout = str  # tab_section | tab_phrase | pipe | prose
LAYOUTS: tuple[Layout, ...] = ("tab_section", "tab_phrase", "pipe", "prose")
_ROLE_WORD = {
    "lead": "牵头",
    "cooperating": "配合",
    "reference": "参照落实",
    "guiding": "指导",
    "responsible": "负责",
}
_PHRASE_ORDER = ("lead", "responsible", "cooperating", "guiding", "reference")
_MERGE_SHARE = 0.12
_SPLIT_SHARE = 0.6


@dataclass
class Noise:
    """What noise a document received (reported beside the truth)."""

    page_breaks: int = 0
    split_rows: int = 0
    merged_cells: int = 0


_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1–99 in Chinese numerals, as headings number them: 一, 十, 十二, 二十三."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[ones] if ones or not tens else "")


def _join(names: list[str], rng: random.Random) -> str:
    return (" " if rng.random() < 0.1 else "、").join(names)


def _table_roles(tasks: list[SynthTask], columns: tuple[str, ...]) -> list[SynthTask]:
    """Move every role the table has no column for into its last unit column."""
    fallback = [c for c in columns if c != "deadline"][-1]
    out = []
    for t in tasks:
        units = tuple((n, r if r in columns else fallback) for n, r in t.units)
        out.append(replace(t, units=tuple(dict.fromkeys(units))))
    return out


def _split_point(text: str, rng: random.Random) -> int:
    for _ in range(8):
        k = rng.randint(len(text) // 3, max(len(text) // 3, 2 * len(text) // 3))
        if 0 < k < len(text) and text[k - 1] not in "。；！？，,、" and text[k] not in "。；！？，,、":
            return k
    return 0


def table(
    tasks: list[SynthTask],
    headings: list[str],
    rng: random.Random,
    shape: str,
    noise: Noise,
) -> tuple[list[str], list[SynthTask]]:
    """A tab or pipe table of the tasks (see the module docstring)."""
    deadline = any(t.deadline_text for t in tasks)
    roles: tuple[str, ...] = rng.choice((("lead", "responsible"), ("lead",), ("responsible", "cooperating")))
    columns = (*roles, "deadline") if deadline else roles
    tasks = _table_roles(tasks, columns)
    label = {"lead": "牵头单位", "responsible": "责任单位", "cooperating": "配合单位", "deadline": "完成时限"}
    if shape == "pipe":
        header = ["序号", "重点任务", *(label[c] for c in columns)]
    else:
        header = ["", "工作任务", *(label[c] for c in columns)]
    sep = "\t" if shape != "pipe" else " | "

    def line(cells: list[str]) -> str:
        return "| " + sep.join(cells) + " |" if shape == "pipe" else sep.join(cells)

    lines = [line(header)]
    next_break = rng.randint(12, 22)
    prev: SynthTask | None = None
    out: list[SynthTask] = []
    for i, task in enumerate(tasks):
        first = prev is None or prev.heading != task.heading
        heading = f"{cn_number(task.heading + 1)}、{headings[task.heading]}"
        if shape == "pipe" and first:
            lines.append(line([heading] + [""] * (len(header) - 1)))
        merged = not first and prev is not None and rng.random() < _MERGE_SHARE
        if merged and prev is not None:
            task = replace(task, units=prev.units)
            noise.merged_cells += 1
        unit_cells = ["" if merged else _join(task.names(c), rng) for c in roles]
        tail = [*unit_cells, *([task.deadline_text or ""] if deadline else [])]
        lead_cell = str(i + 1) if shape == "pipe" else (heading if first else "")
        cells = [lead_cell, task.text, *tail]
        if i + 1 >= next_break and i + 1 < len(tasks):
            next_break = i + 1 + rng.randint(12, 22)
            noise.page_breaks += 1
            lines.extend(_broken_row(cells, line, header, rng, noise))
        else:
            lines.append(line(cells))
        out.append(task)
        prev = task
    return lines, out


def _broken_row(cells: list[str], line, header: list[str], rng: random.Random, noise: Noise) -> list[str]:  # type: ignore[no-untyped-def]
    """A row cut by a page break: inside its text, inside its first unit name, or not at all."""
    blank = ["" for _ in cells]
    if rng.random() < _SPLIT_SHARE:
        k = _split_point(cells[1], rng)
        if k and rng.random() < 0.5:
            top, rest = list(cells), list(blank)
            top[1], rest[1] = cells[1][:k], cells[1][k:]
            noise.split_rows += 1
            return [line(top), "", line(header), line(rest)]
        unit = cells[2]
        first_name = unit.split("、")[0].split(" ")[0]
        if len(first_name) >= 4:
            j = rng.randint(2, len(first_name) - 2)
            top, rest = list(cells), list(blank)
            top[2], rest[2] = unit[:j], unit[j:]
            noise.split_rows += 1
            return [line(top), "", line(header), line(rest)]
    return [line(cells), "", line(header)]


def _phrase(task: SynthTask) -> str:
    by_role = {r: task.names(r) for r in _PHRASE_ORDER if task.names(r)}
    if list(by_role) == ["responsible"]:
        return "、".join(by_role["responsible"])
    return "，".join("、".join(names) + _ROLE_WORD[role] for role, names in by_role.items())


def phrase_table(
    tasks: list[SynthTask], headings: list[str], rng: random.Random
) -> tuple[list[str], list[SynthTask]]:
    """'工作任务 | 具体要求 | 责任单位' with the roles written as words in the unit cell."""
    lines = ["工作任务\t具体要求\t责任单位"]
    prev = -1
    k = 0
    for task in tasks:
        first = task.heading != prev
        k = 1 if first else k + 1
        heading = f"{cn_number(task.heading + 1)}、{headings[task.heading]}" if first else ""
        lines.append(f"{heading}\t{k}. {task.text}\t{_phrase(task)}")
        prev = task.heading
    return lines, [replace(t, deadline_text=None, deadline=None) for t in tasks]


def prose(
    tasks: list[SynthTask], headings: list[str], items: list[str], rng: random.Random
) -> tuple[list[str], list[SynthTask]]:
    """一、 sections over （一） items, each item ending in its unit parenthesis."""
    lines: list[str] = []
    prev = -1
    k = 0
    out = []
    for task in tasks:
        if task.heading != prev:
            lines.extend(["", f"{cn_number(task.heading + 1)}、{headings[task.heading]}"])
            prev, k = task.heading, 0
        k += 1
        if task.deadline == "ongoing":
            task = replace(task, deadline_text=None, deadline=None)
        lead_in = f"{task.deadline_text}，" if task.deadline_text else ""
        roles = {r for _, r in task.units}
        if roles == {"responsible"}:
            units = "责任单位：" + "、".join(task.names("responsible"))
        elif roles == {"lead", "responsible"}:
            units = (
                f"牵头单位：{'、'.join(task.names('lead'))}；责任单位：{'、'.join(task.names('responsible'))}"
            )
        else:
            units = _phrase(task)
        title = rng.choice(items) if items else ""
        lines.append(
            f"（{cn_number(k)}）{sentence(title) if title else ''}{lead_in}{sentence(task.text)}（{units}）"
        )
        out.append(task)
    return lines, out
