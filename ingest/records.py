"""Typed records that ingestion produces and every later layer consumes.

Records are frozen dataclasses with no rdflib or networkx inside, so that the
graph layer can map them to any engine and tests can compare them by value.
Every record that comes from the text carries a :class:`Span` pointing back to
the exact place in the source file: an inspector must always be able to see
the words an answer rests on.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Role = Literal["lead", "responsible", "cooperating", "reference", "guiding"]
ROLES: tuple[Role, ...] = ("lead", "responsible", "cooperating", "reference", "guiding")

Relation = Literal["implements", "mentions"]

Level = Literal["national", "provincial", "city", "county", "township", "department"]
LEVELS: tuple[Level, ...] = ("national", "provincial", "city", "county", "township", "department")


@dataclass(frozen=True)
class Span:
    """Where a record was read: 1-based inclusive lines, 0-based half-open chars.

    Character offsets index the *original* decoded text of the file (before
    traditional→simplified conversion, which keeps length), so a UI can
    highlight ``text[char_start:char_end]`` directly.
    """

    file: str
    line_start: int
    line_end: int
    char_start: int
    char_end: int


@dataclass(frozen=True)
class Source:
    """The file a document was read from."""

    path: str
    name: str
    sha256: str
    format: Literal["txt", "docx", "pdf", "html"]
    encoding: str
    size: int
    traditional: bool = False


@dataclass(frozen=True)
class DocumentMeta:
    """The header block of a directive, resolved as far as the text allows."""

    title: str | None
    doc_number: str | None  # normalised 发文字号, e.g. 国办发〔2019〕54号
    doc_number_raw: str | None  # as written
    issuer: str | None
    region: str | None  # e.g. 赣州市, 上饶市广丰区, 全国
    province: str | None
    region_code: str | None  # 6-digit administrative division code
    level: Level | None
    year: int | None
    date: str | None  # ISO date of issue
    kind: str | None  # task_table | work_points | notice | implementation_plan | …
    title_span: Span | None = None


@dataclass(frozen=True)
class Citation:
    """A directive this document refers to."""

    doc_number: str | None  # normalised
    doc_number_raw: str | None
    title: str | None  # with 《》 as written
    relation: Relation
    span: Span


@dataclass(frozen=True)
class UnitMention:
    """One unit named in a task, with its role, resolved to a canonical unit."""

    name: str  # exactly as written
    role: Role
    canonical: str  # full name scoped by region, e.g. 赣州市财政局
    region: str | None
    function: str | None  # unit-function concept id, e.g. fiscal
    is_group: bool  # collective name such as 各县（市、区）政府
    span: Span | None = None


@dataclass(frozen=True)
class DomainTag:
    """A domain concept a task belongs to, with the words that decided it."""

    id: str  # concept id in the product's SKOS scheme
    words: tuple[str, ...]


@dataclass(frozen=True)
class Task:
    """One task: a table row's requirement cell or one numbered prose item."""

    n: int  # 1-based order in the document
    part: Literal["table", "body", "notice", "safeguards"]
    section: tuple[str, ...]
    text: str  # as written (original characters), number prefix removed
    units: tuple[UnitMention, ...]
    deadline_text: str | None
    deadline: str | None  # ISO date, "ongoing", or None
    domains: tuple[DomainTag, ...]
    span: Span
    row_no: str | None = None

    def units_by_role(self, role: Role) -> list[str]:
        return [u.name for u in self.units if u.role == role]


@dataclass(frozen=True)
class Problem:
    """Something the pipeline could not understand: reported, never dropped."""

    file: str
    line: int | None
    code: str
    reason: str


@dataclass(frozen=True)
class ExtractedDocument:
    """Everything ingestion learned from one file."""

    source: Source
    meta: DocumentMeta
    cites: tuple[Citation, ...]
    tasks: tuple[Task, ...]
    extra_items: tuple[Task, ...] = ()
    problems: tuple[Problem, ...] = ()
    text: str = field(default="", repr=False)  # original decoded text

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
