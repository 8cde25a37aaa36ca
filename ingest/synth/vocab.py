"""The vocabulary a synthetic corpus is drawn from, harvested from the real documents.

A synthetic plan must look like the real ones, so nothing in it is invented
here: the task texts, their domains, the roles and the units that carry them
out come from what the extraction pipeline reads in the bundled corpus
(``data/corpus``). What is kept of a unit is its *stem*: the name without the
level prefix ('市财政局' → '财政局'), so that a synthetic plan of 广丰区 can
write '区财政局' where the 赣州 original wrote '市财政局'.

Harvesting runs the pipeline, so it is done once (``zwgk synth --harvest``)
and the result is kept as ``vocab.json`` beside this module: generation then
never depends on the current state of the extractor, and the same seed keeps
giving the same bytes.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from ingest.numbering import parse_numbering
from ingest.records import ExtractedDocument, Task
from ingest.textnorm import is_mostly_traditional, normalize_width

VOCAB_PATH = Path(__file__).with_name("vocab.json")
SlotKind = Literal["unit", "group", "office"]
PlanLevel = Literal["national", "provincial", "city", "county", "department"]
PLAN_LEVELS: tuple[PlanLevel, ...] = ("national", "provincial", "city", "county", "department")

# A relative level prefix: 市财政局, 区委组织部, 县政府办; not 市场监管局 or 区域….
_PREFIX = re.compile(r"^(?:省|市(?![场容])|区(?!域)|县(?!域))")
# A group written with the plan's own level prefix: 市直各部门, 区政府各部门, 县属有关单位.
_PREFIXED_GROUP = re.compile(r"^(?:省|市|区|县)(?=直|政府|属|委)")
_INSTITUTION = re.compile(r"(?:局|委|办|厅|中心|部|室|所|院|会|处|站|公司|科|队)$")
# Text that would add facts the truth records could not know about: citations, dates, tables.
_GOAL = re.compile(r"^(工作目标|总体要求|指导思想|基本原则|主要目标|工作要点|重点工作任务|主要任务)")
_UNSAFE_TEXT = re.compile(
    r"[《》〔〕\t|]|\d{4}\s*年|月底|年底|日前|号文|[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔù]{1,8}[)）]"
)


@dataclass(frozen=True)
class Slot:
    """One unit position of a real task: its role and what kind of name fills it."""

    role: str
    kind: SlotKind
    value: str  # the stem (unit), the name as written (group, office)


@dataclass(frozen=True)
class TaskTemplate:
    """A real task: its text, its domains and the unit positions it had."""

    text: str
    domains: tuple[str, ...]
    slots: tuple[Slot, ...]
    source: str


@dataclass(frozen=True)
class Vocabulary:
    """Everything generation draws from (see the module docstring)."""

    stems: dict[str, str | None]  # unit stem → unit-function slug
    groups: dict[str, tuple[str, ...]]  # plan level → collective names ('{p}' = the plan's prefix)
    offices: tuple[str, ...]  # internal offices named in departments' own plans
    tasks: tuple[TaskTemplate, ...]
    deadlines: dict[str, int]  # deadline kind → how often the real tasks use it
    headings: tuple[str, ...]  # section headings without their number (聚焦高质量发展推进信息公开)
    items: tuple[str, ...]  # prose item titles without their number (强化决策公开。)
    sources: tuple[str, ...]

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Vocabulary:
        raw = json.loads(text)
        tasks = tuple(
            TaskTemplate(
                text=t["text"],
                domains=tuple(t["domains"]),
                slots=tuple(Slot(**s) for s in t["slots"]),
                source=t["source"],
            )
            for t in raw["tasks"]
        )
        return cls(
            stems=dict(raw["stems"]),
            groups={k: tuple(v) for k, v in raw["groups"].items()},
            offices=tuple(raw["offices"]),
            tasks=tasks,
            deadlines=dict(raw["deadlines"]),
            headings=tuple(raw["headings"]),
            items=tuple(raw["items"]),
            sources=tuple(raw["sources"]),
        )


@cache
def load_vocabulary(path: Path = VOCAB_PATH) -> Vocabulary:
    """The harvested vocabulary kept beside this module (``zwgk synth --harvest`` refreshes it)."""
    return Vocabulary.from_json(path.read_text(encoding="utf-8"))


def deadline_kind(task: Task) -> str:
    """How a real task states its deadline: none, ongoing, year_end or month."""
    if task.deadline is None:
        return "none"
    if task.deadline == "ongoing":
        return "ongoing"
    return "month" if "月" in (task.deadline_text or "") else "year_end"


def _clean(text: str) -> str:
    return re.sub(r"\s+", "", normalize_width(text)).replace("(", "（").replace(")", "）")


def _slot(name: str, role: str, is_group: bool, doc_level: str) -> tuple[Slot | None, str | None]:
    """The slot a unit mention gives, and the group template it adds for ``doc_level`` (if any)."""
    name = _clean(name)
    if is_group:
        template = _PREFIXED_GROUP.sub("{p}", name, count=1)
        return Slot(role, "group", template), template
    m = _PREFIX.match(name)
    if m and len(name) - m.end() >= 2 and _INSTITUTION.search(name):
        return Slot(role, "unit", name[m.end() :]), None
    if doc_level == "department" and _INSTITUTION.search(name) and len(name) <= 8:
        return Slot(role, "office", name), None
    return None, None


def _titles(section: tuple[str, ...]) -> Iterable[tuple[int, str]]:
    """(level, title without its number) of the numbered 一、 and （一） headings of a section path."""
    for heading in section:
        num = parse_numbering(heading)
        rest = _clean(num.rest) if num else ""
        if num and num.level in (1, 2) and 4 <= len(rest) <= 40 and not _UNSAFE_TEXT.search(rest):
            if not _GOAL.match(rest):
                yield num.level, rest


def harvest(documents: Iterable[ExtractedDocument]) -> Vocabulary:
    """Collect stems, groups, offices, task templates and deadline habits from extracted documents."""
    stems: dict[str, str | None] = {}
    groups: dict[str, set[str]] = {level: set() for level in PLAN_LEVELS}
    offices: set[str] = set()
    deadlines: Counter[str] = Counter()
    tasks: list[TaskTemplate] = []
    titles: dict[int, set[str]] = {1: set(), 2: set()}
    sources: list[str] = []
    for doc in sorted(documents, key=lambda d: d.source.name):
        level = doc.meta.level or ""
        if level not in groups or not doc.tasks:
            continue
        sources.append(doc.source.name)
        for task in doc.tasks:
            for level_no, title in _titles(task.section):
                titles[level_no].add(title)
            if not task.units:
                continue
            deadlines[deadline_kind(task)] += 1
            slots: list[Slot] = []
            for unit in task.units:
                slot, template = _slot(unit.name, unit.role, unit.is_group, level)
                if slot is None:
                    continue
                slots.append(slot)
                if template is not None:
                    groups[level].add(template)
                elif slot.kind == "unit":
                    stems.setdefault(slot.value, unit.function)
                else:
                    offices.add(slot.value)
            text = _clean(task.text)
            if not slots or len(text) < 8 or _UNSAFE_TEXT.search(text) or is_mostly_traditional(text):
                continue
            domains = tuple(sorted({d.id for d in task.domains}))
            tasks.append(TaskTemplate(text, domains, tuple(slots), doc.source.name))
    return Vocabulary(
        stems=dict(sorted(stems.items())),
        groups={level: tuple(sorted(names)) for level, names in groups.items()},
        offices=tuple(sorted(offices)),
        tasks=tuple(tasks),
        deadlines=dict(sorted(deadlines.items())),
        headings=tuple(sorted(titles[1])),
        items=tuple(sorted(titles[2])),
        sources=tuple(sources),
    )


def harvest_corpus(corpus_dir: Path) -> Vocabulary:
    """Run the extraction pipeline over every file under ``corpus_dir`` and harvest the result."""
    from ingest.pipeline import SUPPORTED_SUFFIXES, iter_extract

    paths = sorted(p for p in corpus_dir.rglob("*") if p.suffix.lower() in SUPPORTED_SUFFIXES)
    return harvest(d for d in iter_extract(paths) if isinstance(d, ExtractedDocument))


def write_vocabulary(vocab: Vocabulary, path: Path = VOCAB_PATH) -> Path:
    path.write_text(vocab.to_json(), encoding="utf-8")
    load_vocabulary.cache_clear()
    return path
