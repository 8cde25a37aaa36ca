"""Names a user types → nodes of the graph: units, domains, regions, directives, tasks.

Users write 市财政局, 赣州市财政局, 財政局 or an id; 国办发[2019]54号 or
国办发〔2019〕54号; 财政信息公开 or ``fiscal``. Every query resolves its
arguments here, against the graph's own dictionaries (never hand lists), and a
name that matches nothing raises :class:`graph.errors.NotFound` with the
closest names as suggestions.
"""

from __future__ import annotations

from collections.abc import Iterable

from graph import ids
from graph.engine import Engine
from graph.errors import NotFound
from graph.ids import fold
from graph.model import Node
from graph.regions import short_forms
from graph.text import search_form

UNIT_TYPES = ("Unit", "UnitGroup")


def _key(text: str) -> str:
    return search_form(fold(text))


def _suggest(needle: str, nodes: Iterable[Node], size: int = 5) -> tuple[str, ...]:
    key = _key(needle)
    scored = []
    for node in nodes:
        label = str(node.get("label") or node.id)
        haystack = node.get("search") or _key(label)
        common = sum(1 for ch in set(key) if ch in haystack)
        if common:
            scored.append((-common, len(label), label))
    return tuple(dict.fromkeys(label for *_, label in sorted(scored)))[:size]


def units(engine: Engine, name: str) -> list[Node]:
    """Units (or groups) called ``name``: id, canonical name, a name as written, or region + name."""
    found = engine.nodes([name])
    if found and found[0].type in UNIT_TYPES:
        return found
    key = _key(name)
    pool = [n for t in UNIT_TYPES for n in engine.nodes_of_type(t)]
    named = [
        n for n in pool if key == _key(n.get("name", "")) or key in {_key(w) for w in n.get("written", [])}
    ]
    if named:
        return sorted(named, key=lambda n: n.id)
    scoped = []
    for node in pool:
        region = node.get("region")
        if not region:
            continue
        prefixes = {_key(f) for f in short_forms(region)}
        for written_name in node.get("written", []):
            if any(key == p + _key(written_name) for p in prefixes):
                scoped.append(node)
                break
    if scoped:
        return sorted(scoped, key=lambda n: n.id)
    raise NotFound("unit", name, _suggest(name, pool))


def domain(engine: Engine, name: str) -> Node:
    """The Domain concept called ``name``: id, concept id, Chinese or English label, alternative label."""
    pool = engine.nodes_of_type("Domain")
    key = _key(name)
    for node in sorted(pool, key=lambda n: n.id):
        labels = [node.id, node.get("concept", ""), node.get("label", ""), node.get("label_en") or ""]
        labels += node.get("alt_labels", [])
        if key in {_key(label) for label in labels if label}:
            return node
    raise NotFound("domain", name, _suggest(name, pool))


def region(engine: Engine, name: str) -> Node:
    """The Region called ``name`` (赣州市, 赣州, 上饶市广丰区, 广丰区, a code or an id)."""
    pool = engine.nodes_of_type("Region")
    key = _key(name)
    for node in sorted(pool, key=lambda n: (len(n.get("name", "")), n.id)):
        forms = {node.id, node.get("code") or "", node.get("full_name") or ""}
        forms.update(short_forms(node.get("name", "")))
        if key in {_key(f) for f in forms if f}:
            return node
    raise NotFound("region", name, _suggest(name, pool))


def region_and_below(engine: Engine, name: str) -> set[str]:
    """The region called ``name`` and every region inside it, as ids."""
    root = region(engine, name)
    out = {root.id}
    frontier = [root.id]
    while frontier:
        edges = engine.edges(frontier, ["PARENT_REGION"], "in")
        frontier = sorted({e.src for e in edges} - out)
        out.update(frontier)
    return out


def directive(engine: Engine, name: str) -> Node:
    """The directive with this id, doc number (any variant) or title; a bare 〔2020〕49号 matches a suffix."""
    found = engine.nodes([name])
    if found and found[0].type == "Directive":
        return found[0]
    # Ingested before stubs; of two files with one number, the one holding the number's id first.
    pool = sorted(
        engine.nodes_of_type("Directive"),
        key=lambda n: (bool(n.get("stub")), n.id.startswith("directive/sha-"), n.id),
    )
    number = ids.doc_number_key(name)
    for node in pool:
        if node.get("doc_number_key") == number:
            return node
    for node in pool:
        key = node.get("doc_number_key") or ""
        if key and (key.endswith(number) or number.endswith(key)) and len(number) >= 6:
            return node
    title = ids.title_key(name)
    for node in pool:
        titles = [node.get("title") or "", *node.get("alt_titles", [])]
        if title in {ids.title_key(t) for t in titles if t}:
            return node
    key = _key(name)
    matches = [n for n in pool if key and key in (n.get("search") or "")]
    if len(matches) == 1:
        return matches[0]
    raise NotFound("directive", name, _suggest(name, matches or pool))


def task(engine: Engine, task_id: str) -> Node:
    """The Task with this id."""
    found = engine.nodes([task_id])
    if found and found[0].type == "Task":
        return found[0]
    raise NotFound("task", task_id)
