"""Score extraction against a synthetic corpus's truth records.

For each file the extracted tasks are matched to the true ones by their text
(the first characters of the simplified, whitespace-free text must occur in
the other side's text), then three figures are counted over the corpus:

* units + roles: (task, unit name, role) triples, names compared in the
  normal form the product uses everywhere (simplified, half width, no spaces);
* citations: the cited 发文字号 (normal form), and of those the ones marked
  ``implements``;
* header: 发文字号, level and region of the document.

A unit of an extracted task that matches no true task counts against
precision; a true task never found counts against recall.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ingest.docnumber import normalize_doc_number
from ingest.errors import IngestError
from ingest.records import ExtractedDocument
from ingest.textnorm import normalize_for_match

_KEY_LEN = 12


@dataclass
class Tally:
    """True positives, extracted and expected counts of one figure."""

    tp: int = 0
    found: int = 0
    expected: int = 0

    def add(self, found: set[Any], expected: set[Any]) -> None:
        self.tp += len(found & expected)
        self.found += len(found)
        self.expected += len(expected)

    @property
    def precision(self) -> float:
        return self.tp / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.tp / self.expected if self.expected else 1.0

    def as_dict(self) -> dict[str, float | int]:
        return {**asdict(self), "precision": round(self.precision, 4), "recall": round(self.recall, 4)}


@dataclass
class ScoreReport:
    """Extraction quality over a synthetic corpus."""

    files: int = 0
    failed: int = 0
    tasks: Tally = field(default_factory=Tally)
    units: Tally = field(default_factory=Tally)
    citations: Tally = field(default_factory=Tally)
    implements: Tally = field(default_factory=Tally)
    deadlines: Tally = field(default_factory=Tally)
    doc_number: Tally = field(default_factory=Tally)
    level: Tally = field(default_factory=Tally)
    region: Tally = field(default_factory=Tally)
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"files": self.files, "failed": self.failed}
        for name in (
            "tasks",
            "units",
            "citations",
            "implements",
            "deadlines",
            "doc_number",
            "level",
            "region",
        ):
            out[name] = getattr(self, name).as_dict()
        out["errors"] = self.errors[:20]
        return out


def _key(text: str) -> str:
    return normalize_for_match(text)


def read_truth(out: Path) -> Iterator[dict[str, Any]]:
    with (out / "truth.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


def _match_tasks(truth: list[dict[str, Any]], found: list[Any]) -> dict[int, int]:
    """Extracted task index → true task index, each true task used once."""
    keys = [_key(t["text"]) for t in truth]
    used: set[int] = set()
    out: dict[int, int] = {}
    for i, task in enumerate(found):
        text = _key(task.text)
        for j, key in enumerate(keys):
            if j in used:
                continue
            if key[:_KEY_LEN] in text or text[:_KEY_LEN] in key:
                out[i] = j
                used.add(j)
                break
    return out


def score_document(truth: dict[str, Any], doc: ExtractedDocument, report: ScoreReport) -> None:
    """Add one document's figures to ``report``."""
    report.files += 1
    matched = _match_tasks(truth["tasks"], list(doc.tasks))
    report.tasks.add(set(matched.values()), set(range(len(truth["tasks"]))))
    found_units = {
        (matched.get(i, -1 - i), _key(u.name), u.role) for i, t in enumerate(doc.tasks) for u in t.units
    }
    true_units = {(j, _key(u["name"]), u["role"]) for j, t in enumerate(truth["tasks"]) for u in t["units"]}
    report.units.add(found_units, true_units)
    found_deadlines = {
        (matched[i], t.deadline) for i, t in enumerate(doc.tasks) if i in matched and t.deadline
    }
    true_deadlines = {(j, t["deadline"]) for j, t in enumerate(truth["tasks"]) if t["deadline"]}
    report.deadlines.add(found_deadlines, true_deadlines)
    cites = {c.doc_number for c in doc.cites if c.doc_number}
    implements = {c.doc_number for c in doc.cites if c.doc_number and c.relation == "implements"}
    true_cites = {normalize_doc_number(c["doc_number"]) for c in truth["cites"]}
    report.citations.add(cites, true_cites)
    report.implements.add(implements, true_cites)
    report.doc_number.add({doc.meta.doc_number} - {None}, {normalize_doc_number(truth["doc_number"])})
    report.level.add({doc.meta.level} - {None}, {truth["level"]})
    report.region.add({doc.meta.region} - {None}, {truth["region"]})


def _extract(path: str) -> ExtractedDocument | str:
    from ingest.pipeline import extract_file

    try:
        return extract_file(Path(path))
    except IngestError as err:
        return str(err)


def score_corpus(out: Path, limit: int | None = None, processes: int = 1) -> ScoreReport:
    """Extract the first ``limit`` files of the corpus under ``out`` and score them against the truth."""
    truths = list(_take(read_truth(out), limit))
    paths = [str(out / t["file"]) for t in truths]
    report = ScoreReport()
    if processes > 1:
        with ProcessPoolExecutor(processes) as pool:
            docs: Iterable[ExtractedDocument | str] = list(pool.map(_extract, paths, chunksize=8))
    else:
        docs = map(_extract, paths)
    for truth, doc in zip(truths, docs, strict=True):
        if isinstance(doc, str):
            report.failed += 1
            report.errors.append(doc)
            continue
        score_document(truth, doc, report)
    return report


def _take(items: Iterator[dict[str, Any]], limit: int | None) -> Iterator[dict[str, Any]]:
    for i, item in enumerate(items):
        if limit is not None and i >= limit:
            return
        yield item
