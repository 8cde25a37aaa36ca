"""Names a user types → nodes of the graph: units, domains, regions, directives, tasks.

Users write 市财政局, 赣州市财政局, 財政局 or an id; 国办发[2019]54号 or
国办发〔2019〕54号; 财政信息公开 or ``fiscal``. Every query resolves its
arguments here, against the graph's own dictionaries (never hand lists), and a
name that matches nothing raises :class:`graph.errors.NotFound` with the
closest names as suggestions.
"""

from __future__ import annotations

from collections.abc import Iterable

from graph import ids, lookups
from graph.engine import Engine
from graph.errors import NotFound
from graph.model import Node

UNIT_TYPES = ("Unit", "UnitGroup")


_key = lookups.name_key


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
    look = lookups.of(engine)
    key = _key(name)
    named = look.units_by_name.get(key)
    if named:
        return list(named)
    scoped: dict[str, Node] = {}
    for cut in range(1, len(key)):
        regions = look.region_prefixes.get(key[:cut])
        if not regions:
            continue
        for node in look.units_by_written.get(key[cut:], ()):
            if node.get("region") in regions:
                scoped[node.id] = node
    if scoped:
        return [scoped[i] for i in sorted(scoped)]
    raise NotFound("unit", name, _suggest(name, look.unit_pool))


def domain(engine: Engine, name: str) -> Node:
    """The Domain concept called ``name``: id, concept id, Chinese or English label, alternative label."""
    found = lookups.of(engine).domains_by_name.get(_key(name))
    if found is not None:
        return found
    raise NotFound("domain", name, _suggest(name, engine.nodes_of_type("Domain")))


def region(engine: Engine, name: str) -> Node:
    """The Region called ``name`` (赣州市, 赣州, 上饶市广丰区, 广丰区, a code or an id)."""
    found = lookups.of(engine).regions_by_name.get(_key(name))
    if found is not None:
        return found
    raise NotFound("region", name, _suggest(name, engine.nodes_of_type("Region")))


def region_and_below(engine: Engine, name: str) -> set[str]:
    """The region called ``name`` and every region inside it, as ids."""
    return set(lookups.of(engine).region_and_below(region(engine, name).id))


def directive(engine: Engine, name: str) -> Node:
    """The directive with this id, doc number (any variant) or title; a bare 〔2020〕49号 matches a suffix."""
    found = engine.nodes([name])
    if found and found[0].type == "Directive":
        return found[0]
    look = lookups.of(engine)
    number = ids.doc_number_key(name)
    exact = look.directives_by_number.get(number)
    if exact is not None:
        return exact
    if len(number) >= 6:
        # A key that ends with the number typed, or a number typed that ends with a key: first in precedence.
        candidates = [look.directives_by_number_suffix.get(number)]
        candidates += [look.directives_by_number.get(number[i:]) for i in range(1, len(number))]
        chosen = [n for n in candidates if n is not None]
        if chosen:
            return min(chosen, key=lambda n: look.directive_rank[n.id])
    titled = look.directives_by_title.get(ids.title_key(name))
    if titled is not None:
        return titled
    key = _key(name)
    pool = look.directive_pool
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
