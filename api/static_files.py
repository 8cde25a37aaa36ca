"""The web UI's files: our own HTML/JS/CSS, and the vendored browser libraries.

The libraries (cytoscape, cytoscape-dagre) come from the npm registry at set-up
(``scripts/vendor-frontend.sh``, run by ``make``) into ``api/static/vendor/``;
nothing is fetched from a CDN at run time. When they are missing the UI says
so in words, with the command that fixes it, instead of showing a blank graph.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

STATIC_DIR = Path(__file__).resolve().parent / "static"
TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
VENDOR_DIR = STATIC_DIR / "vendor"
VENDOR_FILES = ("cytoscape.min.js", "cytoscape-dagre.min.js")
FIX_COMMAND = "scripts/vendor-frontend.sh"


def vendor_status() -> dict[str, Any]:
    """Which vendored libraries are present, their versions, and how to add missing ones."""
    missing = [name for name in VENDOR_FILES if not (VENDOR_DIR / name).is_file()]
    manifest = VENDOR_DIR / "manifest.json"
    versions = json.loads(manifest.read_text(encoding="utf-8")) if manifest.is_file() else {}
    return {
        "ok": not missing,
        "missing": missing,
        "versions": versions,
        "fix": FIX_COMMAND if missing else None,
    }


def index_html() -> str:
    """The single page of the UI, with a banner when the vendored libraries are missing."""
    page = (TEMPLATE_DIR / "index.html").read_text(encoding="utf-8")
    status = vendor_status()
    banner = ""
    if not status["ok"]:
        missing = ", ".join(status["missing"])
        banner = (
            '<div id="vendor-missing" class="banner error" role="alert">'
            f"图形库缺失（{missing}）：请在项目目录运行 <code>{FIX_COMMAND}</code>（或 <code>make</code>）后刷新。"
            f" / The graph libraries are missing ({missing}): run <code>{FIX_COMMAND}</code> (or <code>make</code>)"
            " in the project folder, then reload.</div>"
        )
    return page.replace("<!--VENDOR_BANNER-->", banner)
