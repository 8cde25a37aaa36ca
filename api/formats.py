"""Which representation a client asked for (``?format=`` or ``Accept``) and how to page a list.

JSON is the default. A route declares the formats it can give; ``?format=csv``
wins over the ``Accept`` header, and a format the route cannot give is a 406
in the common error shape rather than a silent JSON answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import Request

from api.errors import ApiError

MEDIA_TYPES: dict[str, str] = {
    "json": "application/json",
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ttl": "text/turtle",
    "jsonld": "application/ld+json",
    "graphml": "application/graphml+xml",
    "nt": "application/n-triples",
    "srj": "application/sparql-results+json",
}
_ALIASES = {
    "turtle": "ttl",
    "json-ld": "jsonld",
    "excel": "xlsx",
    "ntriples": "nt",
    "application/json": "json",
    "text/csv": "csv",
}

TABLE = ("json", "csv")
TABLE_XLSX = ("json", "csv", "xlsx")
GRAPH = ("json", "csv", "graphml", "ttl", "jsonld")


def _accepted(header: str) -> list[tuple[float, str]]:
    out = []
    for i, part in enumerate(header.split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        q = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        if media:
            out.append((-q, i, media.lower()))
    return [(-q, media) for q, _, media in sorted(out)]


def choose_format(request: Request, allowed: tuple[str, ...]) -> str:
    """The format of the answer: ``?format=`` if given, else the best ``Accept`` match, else JSON."""
    asked = request.query_params.get("format")
    if asked:
        fmt = _ALIASES.get(asked.lower(), asked.lower())
        if fmt not in allowed:
            raise ApiError(
                406, "A005", f"Format {asked!r} is not available here; use one of: {', '.join(allowed)}."
            )
        return fmt
    header = request.headers.get("accept", "")
    if not header.strip():
        return allowed[0]
    for q, media in _accepted(header):
        if q <= 0:
            continue
        if media in ("*/*", "application/*", "text/*") or media.endswith("/html"):
            return allowed[0]
        for fmt in allowed:
            if MEDIA_TYPES[fmt] == media:
                return fmt
    offered = ", ".join(MEDIA_TYPES[f] for f in allowed)
    raise ApiError(406, "A005", f"Cannot answer with {header!r}; this route offers: {offered}.")


@dataclass(frozen=True)
class Page:
    """A slice of a list answer: ``total`` items, ``limit`` from ``offset``."""

    total: int
    limit: int
    offset: int

    def slice(self, items: list[Any] | tuple[Any, ...]) -> list[Any]:
        return list(items[self.offset : self.offset + self.limit])

    def as_json(self, request: Request) -> dict[str, Any]:
        following = self.offset + self.limit
        next_url = (
            str(request.url.include_query_params(offset=following, limit=self.limit))
            if following < self.total
            else None
        )
        return {"total": self.total, "limit": self.limit, "offset": self.offset, "next": next_url}
