"""The tasks of one synthetic plan, re-drawn from the real tasks of the vocabulary.

A real task keeps its text, its domains and its unit positions; the units are
written again for the plan that now carries the task: a stem gets the plan's
level prefix (财政局 → 区财政局 in a district's plan, 省财政厅 in a province's,
财政部 in the national 要点), a collective name is one the plan's level uses,
and a department's own plan names its internal offices. A share of units is
swapped for others of the vocabulary so that plans differ from their sources.
"""

from __future__ import annotations

import calendar
import random
import re
from dataclasses import dataclass
from functools import cache

from ingest.synth.plan_tree import NATIONAL_ISSUER, PlanSpec
from ingest.synth.vocab import Slot, Vocabulary
from ontology.load import function_scheme

ONGOING = "ongoing"
_SWAP_SHARE = 0.2
_NATIONAL_GROUPS = ("各地区各部门", "国务院各部门")  # used only when the corpus has no national group
_DEPARTMENT_GROUPS = ("各科室",)


@dataclass(frozen=True)
class SynthTask:
    """A generated task exactly as the truth records give it (units written as in the file)."""

    heading: int  # index of the plan's section the task sits in
    text: str
    units: tuple[tuple[str, str], ...]  # (name as written, role)
    deadline_text: str | None
    deadline: str | None  # ISO date, 'ongoing' or None
    domains: tuple[str, ...]

    def names(self, role: str) -> list[str]:
        return [n for n, r in self.units if r == role]


@cache
def _level_names(suffixes: tuple[str, ...]) -> dict[str, str]:
    """Function slug → the scheme's name for that function at one level (部/署 national, 厅 provincial)."""
    out: dict[str, str] = {}
    for concept in function_scheme():
        words = sorted((k for k in concept.keywords if k.endswith(suffixes)), key=len)
        if words:
            out[concept.slug] = words[0]
    return out


def unit_name(stem: str, function: str | None, plan: PlanSpec) -> str | None:
    """The name a plan of ``plan.level`` writes for the unit with this stem (None: no such unit there)."""
    if plan.level == "national":
        if function == "government-office":
            return NATIONAL_ISSUER
        name = _level_names(("部", "署", "总局")).get(function or "")
        return name
    if plan.level == "provincial" and plan.prefix == "省":
        stem = _level_names(("厅",)).get(function or "", stem) if stem.endswith("局") else stem
    return plan.prefix + stem


def group_pool(vocab: Vocabulary, plan: PlanSpec) -> tuple[str, ...]:
    """Collective names a plan of this level writes, with its own prefix filled in."""
    if plan.level == "national":
        return vocab.groups.get("national") or _NATIONAL_GROUPS
    if plan.level == "department":
        return vocab.groups.get("department") or _DEPARTMENT_GROUPS
    own = vocab.groups.get(plan.level, ())
    templated = sorted({g for names in vocab.groups.values() for g in names if "{p}" in g})
    pool = [g.replace("{p}", plan.prefix) for g in (*own, *templated)]
    return tuple(dict.fromkeys(pool))


def _fill(
    slot: Slot, vocab: Vocabulary, plan: PlanSpec, rng: random.Random, groups: tuple[str, ...]
) -> str | None:
    if plan.level == "department":
        if slot.kind == "group":
            return rng.choice(groups)
        return rng.choice(vocab.offices) if vocab.offices else None
    if slot.kind == "group":
        value = slot.value.replace("{p}", plan.prefix)
        return value if value in groups and rng.random() > _SWAP_SHARE else rng.choice(groups)
    stem = slot.value
    if slot.kind == "office" or rng.random() < _SWAP_SHARE:
        stem = rng.choice(sorted(vocab.stems))
    return unit_name(stem, vocab.stems.get(stem), plan)


def _deadline(kind: str, year: int, rng: random.Random) -> tuple[str | None, str | None]:
    if kind == "ongoing":
        return "持续推进", ONGOING
    if kind == "year_end":
        return rng.choice(("年底前", f"{year}年底前")), f"{year}-12-31"
    if kind == "month":
        month = rng.randint(3, 11)
        last = calendar.monthrange(year, month)[1]
        return f"{year}年{month}月底前", f"{year}-{month:02d}-{last:02d}"
    return None, None


def draw_tasks(
    vocab: Vocabulary, plan: PlanSpec, rng: random.Random, count: int, headings: int, with_deadlines: bool
) -> list[SynthTask]:
    """``count`` tasks for ``plan`` spread in order over ``headings`` sections."""
    groups = group_pool(vocab, plan)
    kinds = sorted(vocab.deadlines)
    weights = [vocab.deadlines[k] for k in kinds]
    out: list[SynthTask] = []
    for i in range(count):
        template = rng.choice(vocab.tasks)
        units: dict[tuple[str, str], None] = {}
        for slot in template.slots:
            name = _fill(slot, vocab, plan, rng, groups)
            if name and not any(n == name for n, _ in units):
                units[(name, slot.role)] = None
        if not units:
            units[(rng.choice(groups), "responsible")] = None
        kind = rng.choices(kinds, weights)[0] if with_deadlines else "none"
        deadline_text, deadline = _deadline(kind, plan.year, rng)
        out.append(
            SynthTask(
                heading=min(headings - 1, i * headings // max(count, 1)),
                text=template.text,
                units=tuple(units),
                deadline_text=deadline_text,
                deadline=deadline,
                domains=template.domains,
            )
        )
    return out


def sentence(text: str) -> str:
    """The text ending with a full stop, as a prose item needs before its unit parenthesis."""
    return text if re.search(r"[。；！？]$", text) else text + "。"
