"""The neutral graph model: typed nodes and edges that every engine loads unchanged.

Ingest records become :class:`Node` and :class:`Edge` values here, once; the
embedded (networkx), RDF and Neo4j engines each load exactly this model, which
is why their answers agree.

Assignments are *edges* ``Task -ASSIGNED-> Unit`` carrying ``role``, the unit
as written and the evidence span, each with its own deterministic id (task +
unit + role). Property graphs carry edge properties natively, so a reified
Assignment node would only add a hop to every responsibility query; the RDF
engine, which cannot put properties on a triple, reifies exactly these edges as
``Assignment`` resources named by the same id, so nothing is lost either way.

Props hold only str, int, float, bool and non-empty lists of str (what Neo4j
and RDF literals can store); ``None`` and empty lists are left out rather than
stored, so read them with ``node.get(key) or default``.
"""

from __future__ import annotations

import sys
from collections.abc import ItemsView, Iterator, Mapping
from dataclasses import FrozenInstanceError, dataclass, field
from typing import Any, Final

from graph import ids

NODE_TYPES: Final = (
    "Directive",
    "Section",
    "Task",
    "Unit",
    "UnitGroup",
    "Region",
    "Domain",
    "UnitFunction",
)

EDGE_TYPES: Final = (
    "CONTAINS",  # Directive→Section, Section→Section (heading tree)
    "HAS_TASK",  # Directive→Task, Section→Task
    "ASSIGNED",  # Task→Unit|UnitGroup, props: role, written, evidence
    "CITES",  # Directive→Directive, relation "mentions"
    "IMPLEMENTS",  # Directive→Directive, the document says it carries the target out
    "INFERRED_IMPLEMENTS",  # Directive→Directive, not written; props: reason
    "IN_DOMAIN",  # Task→Domain, props: words
    "BROADER",  # Domain→Domain (SKOS broader)
    "HAS_FUNCTION",  # Unit→UnitFunction
    "IN_REGION",  # Directive|Unit|UnitGroup→Region
    "PARENT_REGION",  # Region→Region
    "ISSUED_BY",  # Directive→Unit
)

#: Edge types that link two directives, from the citing one to the cited one.
CITATION_EDGE_TYPES: Final = ("CITES", "IMPLEMENTS", "INFERRED_IMPLEMENTS")

#: Evidence props every edge/node read from text carries (see graph.results.Evidence).
EVIDENCE_KEYS: Final = ("file", "section", "line_start", "line_end", "char_start", "char_end", "text")


class Props(Mapping[str, Any]):
    """Read-only props in two shared-shape parts: a key tuple common to every node of the same shape,
    and a tuple of values.

    A million Task nodes carry the same sixteen keys; a dict per node repeats its hash table each
    time (464 bytes for 16 keys), this holds one tuple of values (168 bytes) and a pointer to the
    shared keys. Reading is a dictionary lookup in the shared key index, then a tuple index.
    """

    __slots__ = ("_keys", "_values")

    _keys: _Keys
    _values: tuple[Any, ...]

    def __init__(self, data: Mapping[str, Any] | None = None) -> None:
        items = dict(data or {})
        object.__setattr__(self, "_keys", _Keys.of(tuple(items)))
        object.__setattr__(self, "_values", tuple(items.values()))

    @classmethod
    def from_parts(cls, keys: tuple[str, ...], values: tuple[Any, ...]) -> Props:
        """Props of ``keys`` (shared with every other props of the same keys) and ``values``."""
        props = object.__new__(cls)
        _SET_KEYS(props, _Keys.of(keys))
        _SET_VALUES(props, values)
        return props

    def parts(self) -> tuple[tuple[str, ...], tuple[Any, ...]]:
        """``(keys, values)``: what :meth:`from_parts` rebuilds the props from (snapshots store this)."""
        return self._keys.names, self._values

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __getitem__(self, key: str) -> Any:
        return self._values[self._keys.index[key]]

    def get(self, key: str, default: Any = None) -> Any:
        i = self._keys.index.get(key)
        return default if i is None else self._values[i]

    def __contains__(self, key: object) -> bool:
        return key in self._keys.index

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys.names)

    def __len__(self) -> int:
        return len(self._values)

    def items(self) -> ItemsView[str, Any]:
        return dict(zip(self._keys.names, self._values, strict=True)).items()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Props):
            return self._keys is other._keys and self._values == other._values
        return isinstance(other, Mapping) and dict(self.items()) == dict(other.items())

    def __hash__(self) -> int:
        return hash((self._keys.names, self._values))

    def __repr__(self) -> str:
        return f"Props({dict(self.items())!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Props.from_parts, self.parts())


class _Keys:
    """One shape of props: the key names in order and name → position, shared by every props of that shape."""

    __slots__ = ("names", "index")
    _known: dict[tuple[str, ...], _Keys] = {}

    def __init__(self, names: tuple[str, ...]) -> None:
        self.names = tuple(sys.intern(n) for n in names)
        self.index = {n: i for i, n in enumerate(self.names)}

    @classmethod
    def of(cls, names: tuple[str, ...]) -> _Keys:
        known = cls._known.get(names)
        if known is None:
            known = cls._known.setdefault(names, cls(names))
        return known


_SET_KEYS = vars(Props)["_keys"].__set__
_SET_VALUES = vars(Props)["_values"].__set__
EMPTY_PROPS: Final = Props()


@dataclass(frozen=True, slots=True)
class Node:
    """A node: deterministic id (see graph.ids), one type, flat props."""

    id: str
    type: str
    props: Mapping[str, Any] = field(default=EMPTY_PROPS, hash=False)

    def get(self, key: str, default: Any = None) -> Any:
        return self.props.get(key, default)


class Edge:
    """A directed, typed edge with its own deterministic id.

    Read-only like a frozen dataclass (same constructor, equality and hash), with ``__slots__``;
    the id is not kept when it is the one :mod:`graph.ids` derives from type, source and target
    (and role, for ASSIGNED): it is rebuilt on reading, which saves its 100–200 bytes on each of
    the ~8 edges per task.
    """

    __slots__ = ("src", "dst", "type", "props", "_id")

    src: str
    dst: str
    type: str
    props: Mapping[str, Any]
    _id: str | None

    def __init__(
        self, id: str, src: str, dst: str, type: str, props: Mapping[str, Any] | None = None
    ) -> None:
        props = EMPTY_PROPS if props is None else props
        _SET_SRC(self, src)
        _SET_DST(self, dst)
        _SET_TYPE(self, type)
        _SET_PROPS(self, props)
        _SET_ID(self, None if id == _derived_id(type, src, dst, props) else id)

    @classmethod
    def restore(cls, src: str, dst: str, type: str, props: Mapping[str, Any], stored_id: str | None) -> Edge:
        """An edge from its stored parts (``stored_id`` None when derived), without recomputing the id."""
        edge = object.__new__(cls)
        _SET_SRC(edge, src)
        _SET_DST(edge, dst)
        _SET_TYPE(edge, type)
        _SET_PROPS(edge, props)
        _SET_ID(edge, stored_id)
        return edge

    @property
    def id(self) -> str:
        stored = self._id
        return stored if stored is not None else _derived_id(self.type, self.src, self.dst, self.props)

    @property
    def stored_id(self) -> str | None:
        """The id when it is not the derived one, else None (what a snapshot keeps)."""
        return self._id

    def get(self, key: str, default: Any = None) -> Any:
        return self.props.get(key, default)

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not Edge:
            return NotImplemented
        o: Edge = other  # type: ignore[assignment]
        return (self.src, self.dst, self.type, self.id, self.props) == (o.src, o.dst, o.type, o.id, o.props)

    def __hash__(self) -> int:
        return hash((self.src, self.dst, self.type, self._id))

    def __repr__(self) -> str:
        return f"Edge(id={self.id!r}, src={self.src!r}, dst={self.dst!r}, type={self.type!r}, props={self.props!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Edge.restore, (self.src, self.dst, self.type, self.props, self._id))


_SET_SRC = vars(Edge)["src"].__set__
_SET_DST = vars(Edge)["dst"].__set__
_SET_TYPE = vars(Edge)["type"].__set__
_SET_PROPS = vars(Edge)["props"].__set__
_SET_ID = vars(Edge)["_id"].__set__


def _derived_id(edge_type: str, src: str, dst: str, props: Mapping[str, Any]) -> str:
    """The id :mod:`graph.ids` gives an edge of this type between these nodes."""
    if edge_type == "ASSIGNED":
        role = props.get("role")
        if isinstance(role, str):
            return ids.assignment_id(src, dst, role)
    return ids.edge_id(edge_type, src, dst)


@dataclass(frozen=True)
class GraphModel:
    """All nodes and edges, each id once, in a deterministic order."""

    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]

    def node_index(self) -> dict[str, Node]:
        return {n.id: n for n in self.nodes}


def clean_props(props: Mapping[str, Any]) -> dict[str, Any]:
    """Drop ``None`` and empty lists, turn tuples into lists: what every engine can store alike."""
    out: dict[str, Any] = {}
    for key, value in props.items():
        if value is None or (isinstance(value, list | tuple) and not value):
            continue
        out[key] = list(value) if isinstance(value, tuple) else value
    return out
