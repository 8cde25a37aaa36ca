"""The web UI: one page (Chinese first, English on a switch) and its static files."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, RedirectResponse

from api.static_files import index_html

router = APIRouter(include_in_schema=False)


@router.get("/")
def home() -> HTMLResponse:
    return HTMLResponse(index_html(), headers={"Cache-Control": "no-cache"})


@router.get("/ui")
def ui() -> RedirectResponse:
    return RedirectResponse("/")
