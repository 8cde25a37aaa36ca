"""The ingestion pipeline: file → ExtractedDocument.

Stages, each a small module with typed input and output:

====================  ==========================  ===============================
stage                 needs                       gives
====================  ==========================  ===============================
read (readers)        path                        decoded original text, Source
clean (cleantext)     original text               simplified text + offset map
header                cleaned text                title, 发文字号, issuer, date, year
layout + tables       cleaned lines               table rows → raw tasks
prose                 cleaned lines (non-table)   numbered items → raw tasks
units / deadlines     raw tasks, plan year        units with roles, deadlines
domains               task text, section          domain concepts + evidence words
citations             cleaned text, preamble      cited directives, relation
resolve               header, units               region, level, canonical units
====================  ==========================  ===============================

What a stage cannot understand becomes a :class:`Problem`, never a silent drop.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ingest.actors import find_actors
from ingest.citations import find_citations
from ingest.cleantext import CleanText, clean
from ingest.deadlines import deadline_from_text, parse_deadline_cell
from ingest.domains import classify_domains
from ingest.errors import SUPPORTED_EXTENSIONS, IngestError, InternalExtractorError, NotAPlanError
from ingest.header import Header, read_header
from ingest.layout import find_tables
from ingest.prose import prose_tasks
from ingest.readers import DEFAULT_TIMEOUT, read_document
from ingest.readers.deadline import Deadline
from ingest.records import Citation, DocumentMeta, ExtractedDocument, Problem, Task, UnitMention
from ingest.regions import RegionInfo, resolve_issuer_region
from ingest.tables import RawTask, table_tasks
from ingest.unitparse import UnitPiece, parse_units
from ingest.units import resolve_unit

EXTRACTOR_VERSION = "1"
SUPPORTED_SUFFIXES = SUPPORTED_EXTENSIONS  # one list, kept by the readers' error tree


def extract_file(path: Path, *, timeout: float | None = DEFAULT_TIMEOUT) -> ExtractedDocument:
    """Read and extract one file; raises IngestError for unreadable input.

    ``timeout`` bounds the seconds spent reading it and, again, extracting it (E110), so one
    damaged or huge file cannot stall a batch.
    """
    read = read_document(path, timeout=timeout)
    with Deadline(str(path), timeout).alarm():
        doc = extract_text(read.text, read.source)
    if not doc.tasks and not doc.extra_items and not doc.meta.title and not doc.cites:
        raise NotAPlanError(path)
    return doc


def iter_extract(paths: Iterable[Path]) -> Iterator[ExtractedDocument | IngestError]:
    """Extract many files; an unreadable file yields its error and the batch goes on."""
    for path in paths:
        try:
            yield extract_file(path)
        except IngestError as err:
            yield err
        except Exception as exc:  # noqa: BLE001 - a bug must not stop the batch; it is reported
            yield InternalExtractorError(path, detail=f"{type(exc).__name__}: {exc}")


def extract_text(original: str, source) -> ExtractedDocument:  # type: ignore[no-untyped-def]
    """Extract a document from its decoded text (used by readers and tests alike)."""
    ct = clean(original, source.name)
    lines = ct.lines
    problems: list[Problem] = []
    header = read_header(ct.text)
    region = resolve_issuer_region(header.title, header.issuer, header.doc_number, "\n".join(lines[:40]))
    tables = find_tables(lines, ct.line_starts)
    table_lines: set[int] = set()
    raw_tasks: list[RawTask] = []
    for table in tables:
        table_lines.update(range(table.first_line, table.last_line + 1))
        caption = _caption(lines, table.first_line)
        for rt in table_tasks(table, caption):
            raw_tasks.append(rt)
    first_table_line = min((t.first_line for t in tables), default=len(lines))
    body_tasks, extras = prose_tasks(lines, ct.line_starts, table_lines, has_table=bool(tables))
    ordered = sorted(body_tasks, key=lambda t: t.line) + raw_tasks
    year = header.year
    tasks = tuple(_finish(rt, i + 1, ct, region, year) for i, rt in enumerate(ordered))
    extra = tuple(
        _finish(rt, len(tasks) + i + 1, ct, region, year)
        for i, rt in enumerate(sorted(extras, key=lambda t: t.line))
    )
    preamble_end = _preamble_end(ct.text, ct.line_starts, lines, first_table_line)
    own_titles = tuple(t for t in (header.title, *_caption(lines, first_table_line)) if t)
    cites = tuple(
        Citation(c.doc_number, c.doc_number_raw, c.title, c.relation, ct.span(c.start, c.end))
        for c in find_citations(ct.text, preamble_end, own_titles, header.doc_number)
    )
    for t in tasks:
        if not t.units:
            problems.append(
                Problem(source.name, t.span.line_start, "W201", f"task {t.n} names no responsible unit")
            )
    if not tasks:
        problems.append(Problem(source.name, None, "W202", "no task table or numbered task items found"))
    if region.level is None:
        problems.append(Problem(source.name, None, "W203", "issuing region and level could not be resolved"))
    meta = _meta(header, region, ct)
    return ExtractedDocument(
        source=source,
        meta=meta,
        cites=cites,
        tasks=tasks,
        extra_items=extra,
        problems=tuple(problems),
        text=original,
    )


def _meta(header: Header, region: RegionInfo, ct: CleanText) -> DocumentMeta:
    title_span = None
    if header.title_line is not None:
        s = ct.line_starts[header.title_line]
        title_span = ct.span(s, s + len(ct.lines[header.title_line]))
    return DocumentMeta(
        title=header.title,
        doc_number=header.doc_number,
        doc_number_raw=header.doc_number_raw,
        issuer=header.issuer,
        region=region.region,
        province=region.province,
        region_code=region.code,
        level=region.level,  # type: ignore[arg-type]
        year=header.year,
        date=header.date,
        kind=header.kind,
        title_span=title_span,
    )


def _caption(lines: list[str], first_line: int) -> list[str]:
    """The label and title above a table: ['附件1', '26个试点领域…责任分工']."""
    out: list[str] = []
    i = first_line - 1
    while i >= 0 and len(out) < 4:
        t = lines[i].strip()
        if not t:
            i -= 1
            continue
        if "\t" in t or "|" in t or len(t) > 40 or "。" in t:
            break
        out.insert(0, t)
        if t.startswith("附件"):
            break
        i -= 1
    if not out:
        return []
    label = [out[0]] if out[0].startswith("附件") else []
    rest = out[1:] if label else out
    title = "".join(rest)
    return label + ([title] if title else [])


def _preamble_end(text: str, line_starts: list[int], lines: list[str], first_table_line: int) -> int:
    """End of the preamble: the first 一、 heading or table, whichever comes first."""
    from ingest.numbering import parse_numbering

    for i, line in enumerate(lines):
        if i >= first_table_line:
            return line_starts[i]
        num = parse_numbering(line.strip())
        if num is not None and num.level == 1 and i > 2:
            return line_starts[i]
    return len(text)


def _name_span(ct: CleanText, piece: UnitPiece):  # type: ignore[no-untyped-def]
    """The span of a unit name; a name joined across a page break points at its first part."""
    written = ct.text[piece.start : piece.end]
    k = 0
    while k < min(len(written), len(piece.name)) and written[k] == piece.name[k]:
        k += 1
    return ct.span(piece.start, piece.start + max(k, 1))


def _finish(rt: RawTask, n: int, ct: CleanText, region: RegionInfo, year: int | None) -> Task:
    pieces: list[UnitPiece] = []
    for cell, offset, role in rt.unit_cells:
        pieces.extend(parse_units(cell, role, offset))
    if not pieces and rt.part != "table":
        pieces = find_actors(rt.text, rt.text_start)
    units = []
    seen: set[tuple[str, str]] = set()
    for p in pieces:
        if (p.name, p.role) in seen:
            continue
        seen.add((p.name, p.role))
        res = resolve_unit(p.name, region)
        units.append(
            UnitMention(
                name=p.name,
                role=p.role,
                canonical=res.canonical,
                region=res.region,
                function=res.function,
                is_group=res.is_group,
                span=_name_span(ct, p),
            )
        )
    if rt.deadline_cell is not None:
        deadline_text, deadline = parse_deadline_cell(rt.deadline_cell, year)
    else:
        deadline_text, deadline = deadline_from_text(rt.text, year)
    leads = [(u.name, u.function) for u in units if u.role == "lead" and u.function]
    domains = classify_domains(rt.text, tuple(rt.section), leads)
    return Task(
        n=n,
        part=rt.part,  # type: ignore[arg-type]
        section=tuple(rt.section),
        text=rt.text,
        units=tuple(units),
        deadline_text=deadline_text,
        deadline=deadline,
        domains=domains,
        span=ct.span(rt.text_start, rt.text_end),
        row_no=rt.row_no,
    )
