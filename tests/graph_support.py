"""Documents for the graph tests: the bundled corpus through the real pipeline, and the seed gold.

The graph layer is tested on what ingestion really gives (:func:`corpus_documents`).
Store tests that need records independent of the extractors use the hand-made gold
extraction of the five seeds (``tests/gold/seeds/*.json``, :func:`gold_documents`),
turned into the same records with spans located in the seed texts.
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import cache
from pathlib import Path

from ingest.records import (
    ROLES,
    Citation,
    DocumentMeta,
    DomainTag,
    ExtractedDocument,
    Source,
    Span,
    Task,
    UnitMention,
)

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "corpus"
SEEDS = CORPUS / "seeds"
GOLD = ROOT / "tests" / "gold" / "seeds"


def pipeline_available() -> bool:
    """Whether ``ingest.pipeline`` imports (it is written in parallel with the graph layer)."""
    try:
        import ingest.pipeline  # noqa: F401
    except ImportError:
        return False
    return True


def _span(file: str, text: str, start: int, end: int) -> Span:
    return Span(file, text.count("\n", 0, start) + 1, text.count("\n", 0, end) + 1, start, end)


def _locate(text: str, needle: str, after: int) -> int:
    """Offset of ``needle`` in ``text`` ignoring spaces and bracket width (gold quotes normalised text)."""
    pattern = r"\s*".join(re.escape(ch) for ch in needle.replace(" ", "") if ch.strip())
    pattern = pattern.replace(r"\(", "[(（]").replace(r"\)", "[)）]").replace(",", "[,，]")
    match = re.compile(pattern).search(text, after) or re.compile(pattern).search(text)
    return match.start() if match else max(after, 0)


def _group(name: str) -> bool:
    return name.startswith("各") or any(w in name for w in ("有关", "相关", "各部门", "直各", "涉及"))


def _canonical(name: str, region: str | None) -> str:
    if region and name[:1] in "市区县" and not name.startswith(("市场", "区域")):
        simple = region.split("市")[-1] or region if name[0] == "区" else region
        return simple + name[1:]
    return name


def _function(name: str) -> str | None:
    return None if _group(name) else name.lstrip("市区县")


def gold_document(path: Path) -> ExtractedDocument:
    """The seed's gold annotation as the records a perfect pipeline would produce."""
    gold = json.loads(path.read_text(encoding="utf-8"))
    seed = SEEDS / gold["file"]
    raw = seed.read_bytes()
    text = raw.decode("utf-8")
    meta = gold["document"]
    file = gold["file"]
    whole = _span(file, text, 0, min(len(text), 20))
    tasks = []
    cursor = 0
    for item in gold["tasks"]:
        start = _locate(text, item["text_start"], cursor)
        end = min(len(text), start + max(len(item["text_start"]), 20))
        cursor = start
        span = _span(file, text, start, end)
        units = tuple(
            UnitMention(
                name=name,
                role=role,
                canonical=_canonical(name, meta["region"]),
                region=meta["region"],
                function=_function(name),
                is_group=_group(name),
                span=span,
            )
            for role in ROLES
            for name in item.get(role, [])
        )
        tasks.append(
            Task(
                n=item["n"],
                part=item.get("part", "table"),
                section=tuple(item["section"]),
                text=item["text_start"] + "……" + item["text_end"],
                units=units,
                deadline_text=item["deadline_text"],
                deadline=item["deadline"],
                domains=tuple(DomainTag(d, ()) for d in item["domains"]),
                span=span,
            )
        )
    cites = tuple(
        Citation(c["doc_number"], c["doc_number"], c["title"], c["relation"], whole) for c in gold["cites"]
    )
    return ExtractedDocument(
        source=Source(
            path=str(seed.relative_to(ROOT)),
            name=file,
            sha256=hashlib.sha256(raw).hexdigest(),
            format="txt",
            encoding="utf-8",
            size=len(raw),
        ),
        meta=DocumentMeta(
            title=meta["title"],
            doc_number=meta["doc_number"],
            doc_number_raw=meta["doc_number"],
            issuer=meta["issuer"],
            region=meta["region"],
            province=meta["province"],
            region_code=None,
            level=meta["level"],
            year=meta["year"],
            date=meta["date"],
            kind=meta["kind"],
        ),
        cites=cites,
        tasks=tuple(tasks),
        text=text,
    )


@cache
def gold_documents() -> tuple[ExtractedDocument, ...]:
    """The five seeds as gold records."""
    return tuple(gold_document(p) for p in sorted(GOLD.glob("0*.json")))


@cache
def corpus_documents() -> tuple[ExtractedDocument, ...]:
    """Every readable document of the bundled corpus, through the real pipeline."""
    from ingest.pipeline import iter_extract

    paths = sorted(p for p in CORPUS.rglob("*") if p.is_file())
    return tuple(d for d in iter_extract(paths) if isinstance(d, ExtractedDocument))
