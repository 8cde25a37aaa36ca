"""What every route needs: the service of the app, paging parameters, the write-token check."""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Query, Request

from api.errors import ApiError
from api.service import GraphService

MAX_PAGE = 1000


def get_service(request: Request) -> GraphService:
    return request.app.state.service


Service = Annotated[GraphService, Depends(get_service)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Rows per page (at most 1000).")]
Offset = Annotated[int, Query(ge=0, description="Rows to skip: the page starts after them.")]


def require_write_token(request: Request) -> None:
    """Writes need ``Authorization: Bearer <ZWGK_WRITE_TOKEN>``; without a configured token they are off."""
    token = request.app.state.service.settings.write_token
    if not token:
        raise ApiError(
            403,
            "A003",
            "Writes are disabled on this server: set ZWGK_WRITE_TOKEN to allow uploads and deletions.",
        )
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise ApiError(401, "A002", "This write needs the header 'Authorization: Bearer <token>'.")
    if not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise ApiError(401, "A002", "The bearer token is not the server's write token.")


WriteAccess = Depends(require_write_token)
