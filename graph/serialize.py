"""ExtractedDocument ⇄ JSON, for the durable store.

``dataclasses.asdict`` gives the JSON; reading it back rebuilds the frozen
records (tuples, nested spans) exactly, so a document read from the store
compares equal to the one that was written.
"""

from __future__ import annotations

import json
from typing import Any

from ingest.records import (
    Citation,
    DocumentMeta,
    DomainTag,
    ExtractedDocument,
    Problem,
    Source,
    Span,
    Task,
    UnitMention,
)


def _span(data: dict[str, Any] | None) -> Span | None:
    return Span(**data) if data else None


def _task(data: dict[str, Any]) -> Task:
    return Task(
        n=data["n"],
        part=data["part"],
        section=tuple(data["section"]),
        text=data["text"],
        units=tuple(UnitMention(**{**u, "span": _span(u.get("span"))}) for u in data["units"]),
        deadline_text=data["deadline_text"],
        deadline=data["deadline"],
        domains=tuple(DomainTag(d["id"], tuple(d["words"])) for d in data["domains"]),
        span=Span(**data["span"]),
        row_no=data.get("row_no"),
    )


def document_from_dict(data: dict[str, Any]) -> ExtractedDocument:
    """Rebuild the records of one document from :meth:`ExtractedDocument.to_dict` output."""
    meta = dict(data["meta"])
    meta["title_span"] = _span(meta.get("title_span"))
    return ExtractedDocument(
        source=Source(**data["source"]),
        meta=DocumentMeta(**meta),
        cites=tuple(Citation(**{**c, "span": Span(**c["span"])}) for c in data["cites"]),
        tasks=tuple(_task(t) for t in data["tasks"]),
        extra_items=tuple(_task(t) for t in data.get("extra_items", ())),
        problems=tuple(Problem(**p) for p in data.get("problems", ())),
        text=data.get("text", ""),
    )


def dumps(doc: ExtractedDocument) -> str:
    """Compact JSON of a document (Chinese kept as characters)."""
    return json.dumps(doc.to_dict(), ensure_ascii=False, separators=(",", ":"))


def loads(text: str) -> ExtractedDocument:
    return document_from_dict(json.loads(text))
