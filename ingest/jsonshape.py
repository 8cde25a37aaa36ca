"""The `zwgk extract --format json` shape: the gold files' shape plus resolution.

Other tools consume this, so it is documented in the README and pinned by
tests: ``document``, ``cites``, ``tasks`` (``section``, ``text``, the five
role lists of names as written, ``deadline_text``, ``deadline``, ``domains``
as gold ids), plus ``units`` (resolved: canonical, region, function),
``extra_items`` and ``problems``.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from ingest.domains import to_gold_ids
from ingest.records import ROLES, ExtractedDocument, Task


def _task(t: Task) -> dict[str, Any]:
    out: dict[str, Any] = {
        "n": t.n,
        "part": t.part,
        "section": list(t.section),
        "text": t.text,
        "text_start": t.text[:20],
        "text_end": t.text[-10:],
    }
    for role in ROLES:
        out[role] = t.units_by_role(role)
    out.update(
        {
            "deadline_text": t.deadline_text,
            "deadline": t.deadline,
            "domains": sorted(to_gold_ids(t.domains)),
            "domain_concepts": [{"id": d.id, "words": list(d.words)} for d in t.domains],
            "units": [
                {
                    "name": u.name,
                    "role": u.role,
                    "canonical": u.canonical,
                    "region": u.region,
                    "function": u.function,
                    "is_group": u.is_group,
                }
                for u in t.units
            ],
            "span": asdict(t.span),
        }
    )
    if t.row_no:
        out["row_no"] = t.row_no
    return out


def document_json(doc: ExtractedDocument) -> dict[str, Any]:
    """One extracted document as a JSON-ready dict."""
    m = doc.meta
    return {
        "file": doc.source.name,
        "sha256": doc.source.sha256,
        "document": {
            "title": m.title,
            "doc_number": m.doc_number,
            "issuer": m.issuer,
            "region": m.region,
            "province": m.province,
            "region_code": m.region_code,
            "level": m.level,
            "year": m.year,
            "date": m.date,
            "kind": m.kind,
        },
        "cites": [
            {"doc_number": c.doc_number, "title": c.title, "relation": c.relation, "span": asdict(c.span)}
            for c in doc.cites
        ],
        "tasks": [_task(t) for t in doc.tasks],
        "extra_items": [_task(t) for t in doc.extra_items],
        "problems": [asdict(p) for p in doc.problems],
    }
