"""One data answer, rendered as the format the client chose (see :mod:`api.formats`).

JSON answers share one envelope — what was asked, the data, the page::

    {"query": {"name": "responsibilities", "params": {"unit": "市财政局"}},
     "data": [...], "page": {"total": 12, "limit": 100, "offset": 0, "next": null}}

so a client reads every route the same way; CSV and Excel carry the same rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import JSONResponse, Response

from api.formats import MEDIA_TYPES, Page
from api.tables import to_csv
from graph.results import to_jsonable


def attachment(filename: str) -> dict[str, str]:
    """A Content-Disposition header that keeps a Chinese file name (RFC 6266 ``filename*``)."""
    ascii_name = "".join(c if c.isascii() and c not in '"\\' else "_" for c in filename)
    return {
        "Content-Disposition": f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    }


def envelope(
    request: Request, name: str, params: Mapping[str, Any], data: Any, page: Page | None = None
) -> JSONResponse:
    """The JSON answer of a query route."""
    shown = {k: v for k, v in params.items() if v is not None}
    return JSONResponse(
        {
            "query": {"name": name, "params": to_jsonable(shown)},
            "data": to_jsonable(data),
            "page": page.as_json(request) if page else None,
        }
    )


def csv_response(rows: Iterable[Any], filename: str) -> Response:
    text = to_csv(to_jsonable(list(rows)))
    return Response(
        text.encode("utf-8"), media_type=f"{MEDIA_TYPES['csv']}; charset=utf-8", headers=attachment(filename)
    )


def file_response(content: bytes | str, fmt: str, filename: str) -> Response:
    media = MEDIA_TYPES[fmt]
    if isinstance(content, str):
        content, media = content.encode("utf-8"), f"{media}; charset=utf-8"
    return Response(content, media_type=media, headers=attachment(filename))


def safe_stem(*parts: Any) -> str:
    """A file-name stem from query values (ids hold '/', which a file name cannot)."""
    text = "-".join(str(p) for p in parts if p not in (None, ""))
    return "".join("_" if c in '/\\:*?"<>|' or ord(c) < 32 else c for c in text)[:120] or "zwgk"
