"""Write a synthetic corpus: the plan files and, beside them, the truth records (JSONL).

Generation streams: plans come parents first from :func:`plan_tree`, each is
rendered and written at once, and only each plan's (doc number, title) is kept
for its children to cite — memory grows with the number of plans, never with
their text, and no step compares plans pairwise. Every plan draws from its own
generator seeded with (seed, plan key), so the same seed gives the same bytes.

Layout of ``out``::

    docs/<year>/<level>/<key>.txt   the plans (UTF-8)
    truth.jsonl                     one line per file, in generation order
    manifest.json                   what was asked and what was written
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ingest.synth.document import SynthDocument, plan_title, render
from ingest.synth.plan_tree import PlanSpec, plan_tree
from ingest.synth.vocab import Vocabulary, load_vocabulary

DEFAULT_YEARS = (2020, 2021, 2022, 2023, 2024)


@dataclass(frozen=True)
class SynthSummary:
    """What a generation run wrote."""

    out: str
    plans: int
    tasks: int
    bytes: int
    seconds: float
    by_level: dict[str, int]
    by_layout: dict[str, int]
    traditional: int


def parse_years(text: str) -> tuple[int, ...]:
    """'2020-2024' or '2021,2023' → the years."""
    if "-" in text:
        lo, hi = (int(x) for x in text.split("-", 1))
        return tuple(range(lo, hi + 1))
    return tuple(int(x) for x in text.split(","))


def truth_record(doc: SynthDocument, path: str) -> dict[str, Any]:
    """The truth line of one file: what a perfect extraction would read from it."""
    spec = doc.spec
    return {
        "file": path,
        "key": spec.key,
        "year": spec.year,
        "level": spec.level,
        "region": spec.region,
        "province": spec.province,
        "region_code": spec.code,
        "issuer": spec.issuer,
        "doc_number": spec.doc_number,
        "title": doc.title,
        "layout": doc.layout,
        "traditional": doc.traditional,
        "parent": spec.parent,
        "cites": [asdict(c) for c in doc.cites],
        "noise": asdict(doc.noise),
        "tasks": [
            {
                "n": i + 1,
                "text": t.text,
                "units": [{"name": n, "role": r} for n, r in t.units],
                "deadline_text": t.deadline_text,
                "deadline": t.deadline,
                "domains": list(t.domains),
            }
            for i, t in enumerate(doc.tasks)
        ],
    }


def generate(
    out: Path,
    plans: int,
    seed: int = 0,
    years: tuple[int, ...] = DEFAULT_YEARS,
    vocab: Vocabulary | None = None,
    progress: Callable[[int], None] | None = None,
) -> SynthSummary:
    """Generate ``plans`` plans under ``out`` (see the module docstring)."""
    vocab = vocab or load_vocabulary()
    started = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    cited: dict[str, tuple[PlanSpec, str, str | None]] = {}  # key → (spec, title, parent key)
    levels: Counter[str] = Counter()
    layouts: Counter[str] = Counter()
    n_tasks = n_bytes = n_trad = 0
    stems = tuple(s for s, f in sorted(vocab.stems.items()) if f)
    with (out / "truth.jsonl").open("w", encoding="utf-8") as truth:
        for i, spec in enumerate(plan_tree(plans, years, seed, stems)):
            parents: list[tuple[PlanSpec, str]] = []
            up = spec.parent
            while up is not None and len(parents) < 2:
                p_spec, p_title, up = cited[up]
                parents.append((p_spec, p_title))
            doc = render(spec, tuple(parents), vocab, seed)
            if spec.level != "department":
                cited[spec.key] = (spec, plan_title(spec, seed), spec.parent)
            rel = f"docs/{spec.year}/{spec.level}/{spec.key}.txt"
            path = out / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            data = doc.text.encode("utf-8")
            path.write_bytes(data)
            truth.write(json.dumps(truth_record(doc, rel), ensure_ascii=False) + "\n")
            levels[spec.level] += 1
            layouts[doc.layout] += 1
            n_tasks += len(doc.tasks)
            n_bytes += len(data)
            n_trad += doc.traditional
            if progress is not None and (i + 1) % 1000 == 0:
                progress(i + 1)
    summary = SynthSummary(
        out=str(out),
        plans=sum(levels.values()),
        tasks=n_tasks,
        bytes=n_bytes,
        seconds=round(time.perf_counter() - started, 3),
        by_level=dict(levels),
        by_layout=dict(layouts),
        traditional=n_trad,
    )
    manifest = {
        "seed": seed,
        "plans_requested": plans,
        "years": list(years),
        "vocabulary_sha256": hashlib.sha256(vocab.to_json().encode("utf-8")).hexdigest(),
        **{k: v for k, v in asdict(summary).items() if k not in ("seconds", "out")},
    }
    (out / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return summary
