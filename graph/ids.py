"""Deterministic identifiers: the same document always yields the same node ids.

Ids are short readable paths (``directive/国办发〔2019〕54号``, ``task/…/3``,
``unit/赣州市/赣州市财政局``); :func:`iri` turns one into an IRI under
:data:`ID_BASE` for RDF, keeping Chinese characters readable and escaping only
what an IRI cannot hold. Because a citation of ``国办发[2019]54号`` and the
ingested document ``国办发〔2019〕54号`` normalise to the same key, they become
the same node: a stub is replaced by the real directive when it is ingested.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import quote, unquote

ID_BASE = "https://zwgk.example.org/id/"

_SPACE = re.compile(r"\s+")
_BRACKETS = str.maketrans(
    {"[": "〔", "]": "〕", "(": "〔", ")": "〕", "【": "〔", "】": "〕", "［": "〔", "］": "〕"}
)

try:  # the ingest layer owns doc-number normalisation
    from ingest.docnumber import doc_number_key as _ingest_doc_number_key
    from ingest.docnumber import normalize_doc_number as _ingest_normalize
except ImportError:  # pragma: no cover - only in a build without ingest.docnumber
    _ingest_doc_number_key = None
    _ingest_normalize = None


def fold(text: str) -> str:
    """Width- and space-insensitive form of a name (NFKC, no whitespace): the key of a name."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


def doc_number_key(doc_number: str) -> str:
    """One key for every way a 发文字号 is written (brackets, widths, spaces)."""
    if _ingest_doc_number_key is not None:
        return _ingest_doc_number_key(doc_number)
    folded = fold(doc_number).translate(_BRACKETS)
    # 〔2019〕 written with ASCII parentheses after NFKC: （2019） → (2019) → 〔2019〕 above.
    return folded


def normal_doc_number(doc_number: str) -> str:
    """The display form shared by every spelling of a number: 国办发〔2019〕54号."""
    normal = _ingest_normalize(doc_number) if _ingest_normalize is not None else None
    return normal or fold(doc_number).translate(_BRACKETS)


def title_key(title: str) -> str:
    """Key of a directive title: 《》 and punctuation-width differences ignored."""
    return fold(title).strip("《》<>\"'“”").replace("《", "").replace("》", "")


def _slug(text: str) -> str:
    """A path segment: folded, with '/' (the separator of ids) replaced."""
    return fold(text).replace("/", "／")


def _digest(text: str, size: int = 16) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:size]


def directive_id(doc_number: str | None, sha256: str | None, issuer_or_region: str | None = None) -> str:
    """Directive: its doc number when it has one (qualified by issuer when it lacks a prefix), else its hash."""
    if doc_number:
        key = normal_doc_number(doc_number)
        if key[:1] in "〔[(【［" and issuer_or_region:  # a bare 〔2020〕49号 is not unique across issuers
            key = _slug(issuer_or_region) + key
        return f"directive/{_slug(key)}"
    if not sha256:
        raise ValueError("a directive needs a doc number or a file hash")
    return f"directive/sha-{sha256[:16]}"


def stub_directive_id(doc_number: str | None, title: str | None) -> str:
    """A cited directive known only by number (same id as if ingested) or by title."""
    if doc_number:
        return directive_id(doc_number, None)
    if not title:
        raise ValueError("a cited directive needs a doc number or a title")
    return f"directive/title-{_digest(title_key(title))}"


def section_id(directive: str, path: tuple[int, ...]) -> str:
    """Section: the directive and the ordinal path of the heading (1.2 = second sub-heading of the first)."""
    return f"section/{directive.removeprefix('directive/')}/{'.'.join(map(str, path))}"


def task_id(directive: str, n: int) -> str:
    """Task: the directive and the task's 1-based order in it."""
    return f"task/{directive.removeprefix('directive/')}/{n}"


def region_id(code: str | None, name: str) -> str:
    """Region: its 6-digit administrative code, or its name when the gazetteer does not know it."""
    return f"region/{code}" if code else f"region/{_slug(name)}"


def unit_id(region: str | None, canonical: str) -> str:
    """Unit: region + canonical name (赣州市财政局 and 江门市财政局 are different units)."""
    return f"unit/{_slug(region or '-')}/{_slug(canonical)}"


def group_id(region: str | None, name: str) -> str:
    """UnitGroup: a collective name (各县（市、区）政府) scoped by the region it covers."""
    return f"group/{_slug(region or '-')}/{_slug(name)}"


def domain_id(concept: str) -> str:
    """Domain: the concept id of the SKOS scheme (``domain/fiscal``; a bare ``fiscal`` gets the prefix)."""
    return concept if concept.startswith("domain/") else f"domain/{concept}"


def function_id(concept: str) -> str:
    """UnitFunction: the concept id of the unit-function scheme (``function/finance``)."""
    return concept if concept.startswith("function/") else f"function/{concept}"


def assignment_id(task: str, unit: str, role: str) -> str:
    """Assignment: task + unit + role (a unit can be responsible and guiding in one task)."""
    return f"assign/{task.removeprefix('task/')}/{role}/{unit.partition('/')[2]}"


def edge_id(edge_type: str, src: str, dst: str) -> str:
    """Edge: type, source and target (at most one edge of a type between two nodes)."""
    return f"edge/{edge_type}/{src}~{dst}"


def iri(node_id: str) -> str:
    """The IRI of an id: Chinese characters kept, ASCII characters an IRI forbids escaped."""
    return ID_BASE + "".join(c if ord(c) > 127 else quote(c, safe="/-._~:@!$&'*+,;=") for c in node_id)


def id_from_iri(value: str) -> str:
    """Inverse of :func:`iri`."""
    if not value.startswith(ID_BASE):
        raise ValueError(f"not an instance IRI: {value}")
    return unquote(value[len(ID_BASE) :])
