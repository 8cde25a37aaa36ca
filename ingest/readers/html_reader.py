"""A government web page → the article's text, its title and its tables, without the site around it.

Steps: decode (BOM, declared charset, else detected GBK/UTF-8); drop what is
never text (scripts, styles, forms' widgets); note the title (TRS's
``ArticleTitle`` meta, a heading matching ``<title>``, or ``<title>`` itself);
drop navigation, menus, breadcrumbs, share bars, footers — unless such a box
holds most of the page's Chinese, as ASP.NET pages wrap everything in a form;
then take the article container: a known content box (TRS_Editor, zoom,
article, content …) when it holds a fair share of the Chinese text, else the
innermost element that holds most of it. ``<br>`` and block elements end
lines; table rows become tab-separated lines (see :mod:`ingest.readers.html_render`).
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString, Tag

from ingest.errors import NoTextError
from ingest.readers.decode import decode_text
from ingest.readers.html_render import NOT_TEXT as _NOT_TEXT
from ingest.readers.html_render import render

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_CHARSET = re.compile(rb"<meta[^>]+?charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-]+)", re.I)
_NEVER_TEXT = (
    "script", "style", "noscript", "template", "iframe", "svg", "canvas", "object", "embed",
    "select", "option", "button", "input", "textarea", "link", "meta", "map", "audio", "video",
)  # fmt: skip
_NOISE_TAGS = ("nav", "aside", "footer", "header", "form", "menu", "dialog")
_NOISE_TOKEN = re.compile(
    r"(^|[-_])(nav|navbar|menu|menus|footer|foot|breadcrumbs?|crumbs?|bread|position|location|sidebar|"
    r"share|fenxiang|bdshare|copyright|banner|toolbar|login|search|friendlinks?|links|related|xgwz|"
    r"print|dayin|close|qrcode|ewm)([-_]|\d*$)",
    re.I,
)
_NOISE_WHOLE = frozenset({"header", "head", "top", "bottom", "left", "right", "tools", "fontsize"})
_CONTENT_TOKEN = re.compile(
    r"^(trs_editor|trs_ueditor|zoom|ucap-content|article|article[-_]?(content|body|con)|art[-_]?con|"
    r"content|con[-_]?text|main[-_]?content|pages?[-_]?content|detail[-_]?content|news[-_]?content|"
    r"text[-_]?content|xxgk[-_]?content|wzcon|ccontent|view|contentbox|content[-_]?box|zw|zwnr|"
    r"custom_unionstyle|(my_)?doccontent|bt[-_]?content|zw[-_]?con)$",
    re.I,
)
_DOC_NUMBER_LABEL = re.compile(r"文\s*字?\s*[号號]")
_LEADING_LABEL = re.compile(r"^发?文字?[号號]")
_DOC_NUMBER = re.compile(
    r"[\u4e00-\u9fff]{1,12}\s*[〔\[［【（(]\s*(19|20)\d{2}\s*[〕\]］】）)]\s*\d{0,5}\s*[号號]"
)
_TITLE_SPLIT = re.compile(r"\s*[_|｜—–]+\s*|\s+-\s+")
_MIN_CONTENT_SHARE = 0.3
_DESCEND_SHARE = 0.7


class _Counts:
    """Chinese characters under every element and its depth, from one pass (pages nest thousands deep)."""

    def __init__(self, root: Tag) -> None:
        self.cjk: dict[int, int] = {id(root): 0}
        self.depth: dict[int, int] = {id(root): 0}
        order: list[Tag] = [root]
        for node in root.descendants:
            if isinstance(node, Tag):
                self.cjk[id(node)] = 0
                self.depth[id(node)] = self.depth.get(id(node.parent), 0) + 1
                order.append(node)
            elif (
                isinstance(node, NavigableString)
                and not isinstance(node, _NOT_TEXT)
                and node.parent is not None
            ):
                self.cjk[id(node.parent)] = self.cjk.get(id(node.parent), 0) + len(_CJK.findall(node))
        for node in reversed(order[1:]):  # children before parents
            parent = node.parent
            if parent is not None and id(parent) in self.cjk:
                self.cjk[id(parent)] += self.cjk[id(node)]

    def __call__(self, tag: Tag) -> int:
        return self.cjk.get(id(tag), 0)


def _tokens(tag: Tag) -> list[str]:
    classes = tag.get("class") or []
    if isinstance(classes, str):
        classes = classes.split()
    ident = tag.get("id")
    return [*classes, *([ident] if isinstance(ident, str) else [])]


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` within its first 4 KB, if any."""
    match = _CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "replace") if match else None


def _title(soup: BeautifulSoup) -> str | None:
    meta = soup.find("meta", attrs={"name": re.compile(r"^articletitle$", re.I)})
    if isinstance(meta, Tag) and isinstance(meta.get("content"), str) and meta["content"].strip():
        return " ".join(str(meta["content"]).split())
    page_title = " ".join(soup.title.get_text().split()) if soup.title else ""
    parts = [p for p in _TITLE_SPLIT.split(page_title) if p]
    short = max(parts, key=lambda p: len(_CJK.findall(p)), default="")
    for heading in soup.find_all(["h1", "h2", "h3"]):
        text = " ".join(heading.get_text().split())
        if len(_CJK.findall(text)) >= 4 and short and (short[:12] in text or text[:12] in short):
            return text
    return short or None


def _doc_number(soup: BeautifulSoup) -> str | None:
    """The 发文字号 shown in a page's metadata box (索引号 / 发文字号 / 成文日期 …), if there is one."""
    for label in soup.find_all(string=_DOC_NUMBER_LABEL):
        boxes = [label.parent, label.parent.parent if label.parent else None, label.find_parent("tr")]
        for box in boxes:
            text = box.get_text(" ") if isinstance(box, Tag) else ""
            match = _DOC_NUMBER.search(text) if len(text) < 300 else None
            if match:
                return _LEADING_LABEL.sub("", "".join(match.group().split()))
    return None


def _is_noise(tag: Tag) -> bool:
    if tag.name in _NOISE_TAGS:
        return not (tag.name in ("header", "footer") and tag.find_parent("article") is not None)
    for token in _tokens(tag):
        if token.lower() in _NOISE_WHOLE or _NOISE_TOKEN.search(token):
            return not _CONTENT_TOKEN.match(token)
    return False


def _strip_noise(soup: BeautifulSoup) -> None:
    for tag in soup.find_all(_NEVER_TEXT):
        tag.decompose()
    counts = _Counts(soup)
    half = 0.5 * counts(soup)
    doomed: list[Tag] = []
    stack: list[Tag] = [soup]
    while stack:
        for child in stack.pop().find_all(True, recursive=False):
            # Never drop a box that holds most of the page: the article may sit inside a <form>.
            if child.name not in ("html", "body") and _is_noise(child) and counts(child) < half:
                doomed.append(child)
            else:
                stack.append(child)
    for tag in doomed:
        tag.decompose()


def _article_root(soup: BeautifulSoup) -> Tag:
    body = soup.body or soup
    counts = _Counts(body)
    total = counts(body)
    known = [
        tag
        for tag in body.find_all(True)
        if tag.name in ("article", "main") or any(_CONTENT_TOKEN.match(t) for t in _tokens(tag))
    ]
    best_count = max((counts(tag) for tag in known), default=0)
    if known and total and best_count >= _MIN_CONTENT_SHARE * total:
        # The innermost known box that still holds nearly all of the best one's text.
        inner = [tag for tag in known if counts(tag) >= 0.8 * best_count]
        return max(inner, key=lambda tag: counts.depth.get(id(tag), 0))
    node: Tag = body
    while True:
        count = counts(node)
        best = max(node.find_all(True, recursive=False), key=counts, default=None)
        if best is None or count == 0 or counts(best) < _DESCEND_SHARE * count:
            return node
        node = best


def read_html(data: bytes, file: str) -> tuple[str, str, tuple[str, ...]]:
    """Article text of a web page given its bytes: ``(text, encoding, warnings)``; E104/E109 on failure."""
    decoded = decode_text(data, file, declared=declared_charset(data))
    soup = BeautifulSoup(decoded.text, "lxml")
    title = _title(soup)
    for tag in soup.find_all(_NEVER_TEXT):
        tag.decompose()
    doc_number = _doc_number(soup)
    for tag in soup.find_all(["head", "title"]):
        tag.decompose()
    _strip_noise(soup)
    root = _article_root(soup)
    warnings = decoded.warnings
    try:
        lines = render(root)
    except RecursionError:
        lines = [" ".join(line.split()) for line in root.get_text("\n").split("\n") if line.strip()]
        warnings += ("the page nests too deeply to keep its layout; text is given line by line",)
    if doc_number and not any(doc_number in line for line in lines[:12]):
        lines.insert(0, doc_number)  # in the metadata box only: keep it, the header stage needs it
    if title and not any(title[:16] in line for line in lines[:8]):
        lines.insert(0, title)
    text = "\n".join(lines)
    if not text.strip():
        raise NoTextError(file, detail=" in the page (it may be built by JavaScript; save the rendered page)")
    return text, decoded.encoding, warnings


__all__ = ["declared_charset", "read_html"]
