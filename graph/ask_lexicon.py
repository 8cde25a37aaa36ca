"""The words a question can name, drawn from the graph itself: regions, units, domains, roles.

No hand list of units or places: the lexicon is the graph's own Region,
Unit/UnitGroup and Domain nodes (names, names as written, SKOS labels), so a
question about a newly ingested plan is understood at once. English names of
places are the pinyin of their short forms (赣州 → ganzhou), when pypinyin is
installed. jieba learns every lexicon word so that segmentation keeps them whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.engine import Engine
from graph.regions import short_forms
from graph.text import add_words, search_form

try:
    from pypinyin import lazy_pinyin
except ImportError:  # pragma: no cover - English place names are then not recognised
    lazy_pinyin = None

# (pattern on the question's search form, role); the first match after a unit name decides.
ROLE_WORDS: tuple[tuple[str, str], ...] = (
    ("牵头", "lead"),
    ("参照落实", "reference"),
    ("参照执行", "reference"),
    ("配合", "cooperating"),
    ("协助", "cooperating"),
    ("指导", "guiding"),
    ("主体责任", "responsible"),
    ("责任单位", "responsible"),
    ("负责", "responsible"),
    ("byreference", "reference"),
    ("lead", "lead"),
    ("cooperat", "cooperating"),
    ("guid", "guiding"),
    ("responsible", "responsible"),
)
LEVEL_WORDS: tuple[tuple[str, str], ...] = (
    ("国家级", "national"),
    ("省级", "provincial"),
    ("市级", "city"),
    ("县级", "county"),
    ("乡镇", "township"),
    ("national", "national"),
    ("provincial", "provincial"),
    ("citylevel", "city"),
    ("countylevel", "county"),
)


def latin_key(text: str) -> str:
    """Lower-case letters only: how English names are compared (Fiscal information → fiscalinformation)."""
    return re.sub(r"[^a-z]", "", text.lower())


@dataclass(frozen=True)
class Entry:
    """One dictionary form and what it names."""

    key: str  # search form (Chinese) or latin key (English)
    value: str  # region name, unit name to query with, or domain id
    latin: bool


@dataclass(frozen=True)
class Lexicon:
    """Forms of regions, units and domains, longest first."""

    regions: tuple[Entry, ...]
    units: tuple[Entry, ...]
    domains: tuple[Entry, ...]


def _entry_order(entry: Entry) -> tuple[int, str, str]:
    return (-len(entry.key), entry.key, entry.value)


def _sorted(entries: set[Entry]) -> tuple[Entry, ...]:
    return tuple(sorted(entries, key=_entry_order))


def _region_entries(engine: Engine) -> set[Entry]:
    out: set[Entry] = set()
    for node in engine.nodes_of_type("Region"):
        name = node.get("name")
        if not name:
            continue
        for form in short_forms(name):
            out.add(Entry(match_text(form), name, False))
            if lazy_pinyin is not None and len(form) >= 2 and not form.endswith(("市", "省", "区", "县")):
                out.add(Entry("".join(lazy_pinyin(form)), name, True))
    return out


def _unit_entries(engine: Engine) -> set[Entry]:
    # Names repeat across regions (every city has a 市财政局): each distinct form is normalised once.
    forms = {
        form
        for node_type in ("Unit", "UnitGroup")
        for node in engine.nodes_of_type(node_type)
        for form in (node.get("name"), *node.get("written", []))
        if form
    }
    return {Entry(key, form, False) for form in forms if len(key := match_text(form)) >= 3}


def _domain_entries(engine: Engine) -> set[Entry]:
    out: set[Entry] = set()
    for node in engine.nodes_of_type("Domain"):
        for form in (node.get("label"), *node.get("alt_labels", [])):
            if not form:
                continue
            key = match_text(form)
            out.add(Entry(key, node.id, False))
            for suffix in ("信息公开", "公开"):
                stem = key.removesuffix(suffix)
                if stem != key and len(stem) >= 4:
                    out.add(Entry(stem, node.id, False))
        english = latin_key(node.get("label_en") or "")
        if len(english) >= 6:
            out.add(Entry(english, node.id, True))
    return out


def build_lexicon(engine: Engine) -> Lexicon:
    """The lexicon of ``engine``'s graph, walked from its nodes (see :func:`lexicon` for the cached one)."""
    built = Lexicon(
        regions=_sorted(_region_entries(engine)),
        units=_sorted(_unit_entries(engine)),
        domains=_sorted(_domain_entries(engine)),
    )
    add_words(e.value for e in (*built.regions, *built.units) if not e.latin)
    for table in (built.regions, built.units, built.domains):
        _key_index(table)  # built now, with the lexicon, not in the first question
    return built


def lexicon(engine: Engine) -> Lexicon:
    """The lexicon of ``engine``'s graph, built once per load with the other lookups."""
    from graph import lookups

    return lookups.of(engine).lexicon


def match_text(question: str) -> str:
    """The form questions are matched in: search form, with ASCII joiners dropped (fiscal-information)."""
    return re.sub(r"[-_'’.,?!;:\"]", "", search_form(question))


def find(entries: tuple[Entry, ...], text: str) -> list[tuple[int, Entry]]:
    """Non-overlapping matches (position, entry) in ``text``, longest forms first, in text order.

    Only the entries whose form occurs in ``text`` are tried (looked up by the question's
    substrings, not by scanning a lexicon of every unit in the country).
    """
    by_key, lengths = _key_index(entries)
    # Look the question's pieces up in the lexicon (never walk the lexicon: it holds every unit).
    pieces = {text[at : at + size] for size in lengths for at in range(len(text) - size + 1)}
    present = [piece for piece in pieces if piece in by_key]
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, Entry]] = []
    for entry in sorted((e for key in present for e in by_key[key]), key=_entry_order):
        at = text.find(entry.key)
        while at >= 0:
            span = (at, at + len(entry.key))
            if all(span[1] <= start or span[0] >= end for start, end in taken):
                taken.append(span)
                found.append((at, entry))
                break
            at = text.find(entry.key, at + 1)
    return sorted(found, key=lambda f: f[0])


_KEY_INDEXES: dict[int, tuple[tuple[Entry, ...], dict[str, tuple[Entry, ...]], tuple[int, ...]]] = {}


def _key_index(entries: tuple[Entry, ...]) -> tuple[dict[str, tuple[Entry, ...]], tuple[int, ...]]:
    """Entries by form, and the lengths of the forms (kept for the last few entry tuples seen)."""
    cached = _KEY_INDEXES.get(id(entries))
    if cached is not None and cached[0] is entries:
        return cached[1], cached[2]
    grouped: dict[str, list[Entry]] = {}
    for entry in entries:
        grouped.setdefault(entry.key, []).append(entry)
    by_key = {k: tuple(v) for k, v in grouped.items()}
    lengths = tuple(sorted({len(k) for k in by_key if k}))
    if len(_KEY_INDEXES) >= 12:
        _KEY_INDEXES.clear()
    _KEY_INDEXES[id(entries)] = (entries, by_key, lengths)
    return by_key, lengths
