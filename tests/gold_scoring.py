"""Scoring extraction against the hand-made gold of the seed documents.

The gold (tests/gold/seeds/*.json) is the specification of what a task, a
unit and a role are. Names are compared after normalising width and
whitespace, as the gold README asks.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ingest.records import ROLES, ExtractedDocument

GOLD_DIR = Path(__file__).parent / "gold" / "seeds"
SEED_DIR = Path(__file__).parent.parent / "data" / "corpus" / "seeds"


def norm(s: str | None) -> str:
    if s is None:
        return ""
    s = unicodedata.normalize("NFKC", s)
    return re.sub(r"\s+", "", s)


def gold_files() -> list[Path]:
    return sorted(p for p in GOLD_DIR.glob("*.json") if p.name != "questions.json")


def load_gold(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    details: list[str] = field(default_factory=list)

    def add(self, gold: set, got: set, label: str) -> None:
        self.tp += len(gold & got)
        self.fp += len(got - gold)
        self.fn += len(gold - got)
        if gold != got:
            self.details.append(f"{label}: missing {sorted(gold - got)} extra {sorted(got - gold)}")

    @property
    def f1(self) -> float:
        denom = 2 * self.tp + self.fp + self.fn
        return 1.0 if denom == 0 else 2 * self.tp / denom


@dataclass
class SeedReport:
    file: str
    gold_tasks: int
    got_tasks: int
    units: Score
    domains: Score
    deadlines_ok: int
    deadlines_total: int
    cites_missing: list[str]


def score_document(doc: ExtractedDocument, gold: dict, domain_ids) -> SeedReport:  # type: ignore[no-untyped-def]
    units = Score()
    domains = Score()
    dl_ok = 0
    for gt, t in zip(gold["tasks"], doc.tasks, strict=False):
        g = {(norm(u), r) for r in ROLES for u in gt[r]}
        o = {(norm(u.name), u.role) for u in t.units}
        units.add(g, o, f"task {gt['n']}")
        domains.add(set(gt["domains"]), set(domain_ids(t.domains)), f"task {gt['n']}")
        if (gt["deadline"] or None) == (t.deadline or None):
            dl_ok += 1
        else:
            units.details.append(
                f"task {gt['n']} deadline {gt['deadline']!r} got {t.deadline!r} ({t.deadline_text!r})"
            )
    for gt in gold["tasks"][len(doc.tasks) :]:
        g = {(norm(u), r) for r in ROLES for u in gt[r]}
        units.add(g, set(), f"task {gt['n']} (not extracted)")
    got_numbers = {norm(c.doc_number) for c in doc.cites if c.doc_number}
    got_rel = {(norm(c.doc_number), c.relation) for c in doc.cites if c.doc_number}
    missing = []
    for c in gold["cites"]:
        if c["doc_number"]:
            if (norm(c["doc_number"]), c["relation"]) not in got_rel:
                missing.append(
                    f"{c['doc_number']} ({c['relation']}; found={norm(c['doc_number']) in got_numbers})"
                )
    return SeedReport(
        file=gold["file"],
        gold_tasks=len(gold["tasks"]),
        got_tasks=len(doc.tasks),
        units=units,
        domains=domains,
        deadlines_ok=dl_ok,
        deadlines_total=len(gold["tasks"]),
        cites_missing=missing,
    )
