"""Records → the neutral graph model: one pass over the documents, then the links between them.

:func:`build_model` is the only place that turns :mod:`ingest.records` into
nodes and edges, so every engine loads the same graph. It is deterministic:
the same documents, in any order, give the same model (ids from
:mod:`graph.ids`, nodes sorted by id, edges in the order the documents —
sorted by path — produce them).

It is also the start-up cost of the service at national scale (1.5M tasks), so
it streams: :func:`build_model_from_store` decodes each stored document once
and keeps only the few facts the citation pass needs after it; region chains
and search forms of names are computed once per name; strings, lists and small
props are shared through :class:`graph.compact.Interner`, and nodes that belong
to one document (tasks, sections) are frozen as soon as they are made.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Protocol

from graph import ids
from graph.compact import Interner
from graph.concepts import Schemes, schemes
from graph.directive_meta import strip_title, title_facts
from graph.inference import infer_links
from graph.model import Edge, GraphModel, Node, clean_props
from graph.regions import RegionInfo, resolve_region
from graph.text import search_form
from ingest.records import Citation, ExtractedDocument, Span, Task, UnitMention

#: Edge types whose two ends belong to one document (its tasks and sections): deduplicated per document,
#: so the builder never holds a key for each of the ~8 edges per task of the whole corpus.
_DOCUMENT_EDGES = frozenset({"HAS_TASK", "CONTAINS", "IN_DOMAIN", "ASSIGNED"})
#: Node types made once per document and never merged afterwards.
_DOCUMENT_NODES = frozenset({"Task", "Section"})


def span_props(span: Span | None, text: str, section: tuple[str, ...] = ()) -> dict[str, Any]:
    """Evidence props of a node or edge: where it was read and the words read there."""
    props: dict[str, Any] = {"section": list(section), "text": text}
    if span is not None:
        props.update(
            file=span.file,
            line_start=span.line_start,
            line_end=span.line_end,
            char_start=span.char_start,
            char_end=span.char_end,
        )
    return props


class _Builder:
    """Accumulates nodes and edges; a node met twice keeps its first props and merges lists."""

    def __init__(self, concept_schemes: Schemes) -> None:
        self.nodes: dict[str, tuple[str, dict[str, Any]]] = {}  # merged while building
        self.fixed: dict[str, Node] = {}  # one document's tasks and sections, final at once
        self.edges: list[Edge] = []
        self.schemes = concept_schemes
        self.shared = Interner()
        self._edge_keys: set[object] = set()
        self._document_edge_keys: set[object] = set()
        self._regions: dict[tuple[str | None, str | None, str | None], str | None] = {}
        self._search: dict[str, str] = {}

    def has(self, node_id: str) -> bool:
        return node_id in self.nodes or node_id in self.fixed

    def node(self, node_id: str, node_type: str, **props: Any) -> str:
        props = clean_props(props)
        node_id = self.shared.string(node_id)
        if node_type in _DOCUMENT_NODES:
            if node_id not in self.fixed:
                self.fixed[node_id] = Node(node_id, node_type, self.shared.props(props))
            return node_id
        if node_id not in self.nodes:
            self.nodes[node_id] = (node_type, props)
            return node_id
        existing = self.nodes[node_id][1]
        for key, value in props.items():
            if key not in existing:
                existing[key] = value
            elif isinstance(value, list) and key in ("written", "alt_titles"):
                existing[key] = sorted(set(existing[key]) | set(value))
        return node_id

    def edge(self, edge_type: str, src: str, dst: str, edge_id: str | None = None, **props: Any) -> None:
        if edge_id is None:
            key: object = (edge_type, src, dst)
        elif edge_type == "ASSIGNED":
            key = (edge_type, src, dst, props.get("role"))
        else:
            key = edge_id
        keys = self._document_edge_keys if edge_type in _DOCUMENT_EDGES else self._edge_keys
        if key in keys:
            return
        keys.add(key)
        src, dst = self.shared.string(src), self.shared.string(dst)
        frozen = self.shared.props(clean_props(props))
        if edge_id is None:
            self.edges.append(Edge.restore(src, dst, edge_type, frozen, None))
        else:
            self.edges.append(Edge(edge_id, src, dst, edge_type, frozen))

    def add(self, edge: Edge) -> None:
        """An edge made elsewhere (inference), unless one with its id is there."""
        keys = self._edge_keys
        key: object = (edge.type, edge.src, edge.dst) if edge.stored_id is None else edge.id
        if key not in keys:
            keys.add(key)
            shared = self.shared
            props = shared.props(edge.props)
            src, dst = shared.string(edge.src), shared.string(edge.dst)
            self.edges.append(Edge.restore(src, dst, edge.type, props, edge.stored_id))

    def search(self, name: str) -> str:
        """:func:`search_form` of a name, computed once per name (OpenCC is the slow part of a build)."""
        form = self._search.get(name)
        if form is None:
            form = self._search[name] = search_form(name)
        return form

    # -- regions, concepts ---------------------------------------------------------------------

    def region(self, name: str | None, code: str | None = None, hint: str | None = None) -> str | None:
        """The Region node of a name (with its chain of parents), resolved once per (name, code, hint)."""
        key = (name, code, hint)
        if key in self._regions:
            return self._regions[key]
        if not name and not code:
            found = None
        elif (info := resolve_region(name, code, hint)) is None:
            found = self.node(ids.region_id(None, name or code or ""), "Region", name=name, label=name)
        else:
            found = self._region_chain(info)
        self._regions[key] = found
        return found

    def _region_chain(self, info: RegionInfo) -> str:
        node_id = ids.region_id(info.code, info.name)
        self.node(
            node_id,
            "Region",
            name=info.name,
            full_name=info.full_name,
            code=info.code,
            level=info.level,
            label=info.name,
            search=self.search(info.full_name),
        )
        if info.parent is not None:
            self.edge("PARENT_REGION", node_id, self._region_chain(info.parent))
        return node_id

    def concepts(self) -> None:
        for concept in self.schemes.domains.values():
            self.node(
                ids.domain_id(concept.id),
                "Domain",
                concept=concept.id,
                label=concept.label,
                label_en=concept.label_en,
                alt_labels=list(concept.alt_labels),
                search=search_form(" ".join((concept.label, *concept.alt_labels))),
            )
            for parent in concept.broader:
                if parent in self.schemes.domains:
                    self.edge("BROADER", ids.domain_id(concept.id), ids.domain_id(parent))
        for concept in self.schemes.functions.values():
            self.node(
                ids.function_id(concept.id),
                "UnitFunction",
                concept=concept.id,
                label=concept.label,
                label_en=concept.label_en,
                alt_labels=list(concept.alt_labels),
            )

    # -- documents -----------------------------------------------------------------------------

    def directive(self, doc: ExtractedDocument, did: str) -> None:
        meta, source = doc.meta, doc.source
        title = strip_title(meta.title)
        label = title or meta.doc_number or source.name
        self.node(
            did,
            "Directive",
            doc_number=meta.doc_number,
            doc_number_key=ids.doc_number_key(meta.doc_number) if meta.doc_number else None,
            title=title,
            issuer=meta.issuer,
            region=meta.region,
            province=meta.province,
            level=meta.level,
            year=meta.year,
            date=meta.date,
            kind=meta.kind,
            file=source.name,
            path=source.path,
            sha256=source.sha256,
            stub=False,
            label=label,
            task_count=len(doc.tasks),
            search=search_form(" ".join(x for x in (title, meta.doc_number, source.name) if x)),
        )
        region = self.region(meta.region, meta.region_code, meta.province)
        if region:
            self.edge("IN_REGION", did, region)
        if meta.issuer:
            issuer = self.node(
                ids.unit_id(meta.region, meta.issuer),
                "Unit",
                name=meta.issuer,
                region=meta.region,
                written=[meta.issuer],
                is_group=False,
                label=meta.issuer,
                search=self.search(meta.issuer),
            )
            self.edge("ISSUED_BY", did, issuer)
            if region:
                self.edge("IN_REGION", issuer, region)
        sections: dict[tuple[str, ...], tuple[int, ...]] = {}
        self._document_edge_keys = set()
        for task in doc.tasks:
            self.task(doc, did, task, sections)

    def section(
        self, did: str, path: tuple[str, ...], sections: dict[tuple[str, ...], tuple[int, ...]]
    ) -> str:
        """The Section node of a heading path, numbered by order of first appearance at each level."""
        if path not in sections:
            parent = self.section(did, path[:-1], sections) if len(path) > 1 else did
            parent_ordinals = sections[path[:-1]] if len(path) > 1 else ()
            siblings = sum(1 for known in sections if len(known) == len(path) and known[:-1] == path[:-1])
            sections[path] = (*parent_ordinals, siblings + 1)
            node_id = ids.section_id(did, sections[path])
            self.node(node_id, "Section", title=path[-1], depth=len(path), directive=did, label=path[-1])
            self.edge("CONTAINS", parent, node_id)
        return ids.section_id(did, sections[path])

    def task(
        self, doc: ExtractedDocument, did: str, task: Task, sections: dict[tuple[str, ...], tuple[int, ...]]
    ) -> None:
        tid = ids.task_id(did, task.n)
        text = task.text
        search = search_form(text)
        self.node(
            tid,
            "Task",
            n=task.n,
            part=task.part,
            row_no=task.row_no,
            deadline=task.deadline,
            deadline_text=task.deadline_text,
            domains=sorted({d.id for d in task.domains}),
            directive=did,
            label=text[:40],
            search=text if search == text else search,
            **span_props(task.span, text, task.section),
        )
        self.edge("HAS_TASK", did, tid)
        if task.section:
            self.edge("CONTAINS", self.section(did, task.section, sections), tid)
        for tag in task.domains:
            domain = ids.domain_id(tag.id)
            if not self.has(domain):
                self.node(domain, "Domain", concept=domain, label=tag.id, search=self.search(tag.id))
            self.edge("IN_DOMAIN", tid, domain, words=sorted(set(tag.words)))
        for mention in task.units:
            unit = self.unit(doc, mention)
            written_span = mention.span or task.span
            words = doc.text[written_span.char_start : written_span.char_end] if doc.text else mention.name
            if words == mention.name:
                words = mention.name
            self.edge(
                "ASSIGNED",
                tid,
                unit,
                ids.assignment_id(tid, unit, mention.role),
                role=mention.role,
                written=mention.name,
                **span_props(written_span, words or mention.name, task.section),
            )

    def unit(self, doc: ExtractedDocument, mention: UnitMention) -> str:
        region_name = mention.region or doc.meta.region
        canonical = mention.canonical or mention.name
        if mention.is_group:
            uid = ids.group_id(region_name, canonical)
            node_type = "UnitGroup"
        else:
            uid = ids.unit_id(region_name, canonical)
            node_type = "Unit"
        self.node(
            uid,
            node_type,
            name=canonical,
            region=region_name,
            function=ids.function_id(mention.function) if mention.function else None,
            written=[mention.name],
            is_group=mention.is_group,
            label=canonical,
            search=self.search(canonical),
        )
        region = self.region(region_name, None, doc.meta.province)
        if region:
            self.edge("IN_REGION", uid, region)
        if mention.function:
            function = ids.function_id(mention.function)
            if not self.has(function):
                self.node(function, "UnitFunction", concept=function, label=mention.function)
            self.edge("HAS_FUNCTION", uid, function)
        return uid

    def citations(self, cited: _Cited, titles: dict[str, str]) -> None:
        did = cited.did
        for cite, written in zip(cited.cites, cited.words, strict=True):
            title = strip_title(cite.title)
            if cite.doc_number:
                target = ids.stub_directive_id(cite.doc_number, None)
            elif title and ids.title_key(title) in titles:
                target = titles[ids.title_key(title)]
            elif title:
                target = ids.stub_directive_id(None, title)
            else:
                continue
            if target == did:
                continue
            if not self.has(target):
                facts = title_facts(cite.doc_number, title)
                region = self.region(facts.region.name, facts.region.code) if facts.region else None
                self.node(
                    target,
                    "Directive",
                    doc_number=cite.doc_number,
                    doc_number_key=ids.doc_number_key(cite.doc_number) if cite.doc_number else None,
                    title=title,
                    issuer=facts.issuer,
                    region=facts.region.name if facts.region else None,
                    level=facts.level,
                    year=facts.year,
                    stub=True,
                    label=title or cite.doc_number,
                    search=self.search(" ".join(x for x in (title, cite.doc_number) if x)),
                )
                if region:
                    self.edge("IN_REGION", target, region)
            elif title:
                self.node(target, "Directive", alt_titles=[title])
            edge_type = "IMPLEMENTS" if cite.relation == "implements" else "CITES"
            words = written if written is not None else (title or "")
            self.edge(
                edge_type,
                did,
                target,
                relation=cite.relation,
                doc_number_raw=cite.doc_number_raw,
                title=title,
                **span_props(cite.span, words or title or cite.doc_number or "", ()),
            )

    def freeze_nodes(self) -> tuple[Node, ...]:
        """Every node, final, sorted by id; the builder's mutable copies are released as they go."""
        for node_id in list(self.nodes):
            node_type, props = self.nodes.pop(node_id)
            self.fixed[node_id] = Node(node_id, node_type, self.shared.props(props))
        nodes = tuple(self.fixed[i] for i in sorted(self.fixed))
        self.fixed = {}
        return nodes


class _Cited:
    """What the citation pass needs of a document once the document itself is gone."""

    __slots__ = ("did", "cites", "words")

    def __init__(self, doc: ExtractedDocument, did: str) -> None:
        self.did = did
        self.cites: tuple[Citation, ...] = doc.cites
        text = doc.text
        self.words = tuple(text[c.span.char_start : c.span.char_end] if text else None for c in doc.cites)


class _DocumentSource(Protocol):
    def documents(self) -> Iterator[ExtractedDocument]: ...

    def listing(self) -> Any: ...


def directive_ids(documents: list[ExtractedDocument]) -> dict[str, str]:
    """Document sha256 → directive id; a second file with the same doc number keeps its hash id."""
    namer = _DirectiveNamer()
    return {
        doc.source.sha256: namer(doc)
        for doc in sorted(documents, key=lambda d: (d.source.path, d.source.sha256))
    }


class _DirectiveNamer:
    """Directive ids in path order: a second file with the same doc number keeps its hash id."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def __call__(self, doc: ExtractedDocument) -> str:
        did = ids.directive_id(doc.meta.doc_number, doc.source.sha256, doc.meta.issuer or doc.meta.region)
        if did in self.taken:
            did = ids.directive_id(None, doc.source.sha256)
        self.taken.add(did)
        return did


def build_model(documents: Iterable[ExtractedDocument], concept_schemes: Schemes | None = None) -> GraphModel:
    """The graph of ``documents``: directives, sections, tasks, units, regions, concepts and links."""
    docs = sorted({d.source.sha256: d for d in documents}.values(), key=lambda d: d.source.path)
    return stream_model(docs, concept_schemes)


def build_model_from_store(store: _DocumentSource, concept_schemes: Schemes | None = None) -> GraphModel:
    """:func:`build_model` of every stored document, decoding each once and holding none of them.

    The store yields documents in path order; of several paths holding the same file (same hash)
    the last one is kept, exactly as :func:`build_model` keeps it.
    """
    last_path = {row.sha256: row.path for row in store.listing()}
    wanted = set(last_path.values())
    return stream_model((d for d in store.documents() if d.source.path in wanted), concept_schemes)


def stream_model(
    documents: Iterable[ExtractedDocument], concept_schemes: Schemes | None = None
) -> GraphModel:
    """The model of documents given in path order, each with a distinct hash, read once."""
    builder = _Builder(concept_schemes if concept_schemes is not None else schemes())
    builder.concepts()
    name = _DirectiveNamer()
    titles: dict[str, str] = {}
    cited: list[_Cited] = []
    for doc in documents:
        did = name(doc)
        if doc.meta.title:
            titles.setdefault(ids.title_key(strip_title(doc.meta.title) or ""), did)
        builder.directive(doc, did)
        if doc.cites:
            cited.append(_Cited(doc, did))
    for entry in cited:
        for cite in entry.cites:
            if cite.doc_number and cite.title:
                titles.setdefault(
                    ids.title_key(strip_title(cite.title) or ""), ids.stub_directive_id(cite.doc_number, None)
                )
    for entry in cited:
        builder.citations(entry, titles)
    nodes = builder.freeze_nodes()
    for edge in infer_links(GraphModel(nodes, tuple(builder.edges))):
        builder.add(edge)
    return GraphModel(nodes, tuple(builder.edges))
