"""Records → the neutral graph model: one pass over the documents, then the links between them.

:func:`build_model` is the only place that turns :mod:`ingest.records` into
nodes and edges, so every engine loads the same graph. It is deterministic:
the same documents, in any order, give the same model (ids from
:mod:`graph.ids`, nodes and edges sorted by id).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graph import ids
from graph.concepts import Schemes, schemes
from graph.directive_meta import strip_title, title_facts
from graph.inference import infer_links
from graph.model import Edge, GraphModel, Node, clean_props
from graph.regions import RegionInfo, resolve_region
from graph.text import search_form
from ingest.records import ExtractedDocument, Span, Task, UnitMention


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
        self.nodes: dict[str, tuple[str, dict[str, Any]]] = {}
        self.edges: dict[str, Edge] = {}
        self.schemes = concept_schemes

    def node(self, node_id: str, node_type: str, **props: Any) -> str:
        props = clean_props(props)
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
        key = edge_id or ids.edge_id(edge_type, src, dst)
        if key not in self.edges:
            self.edges[key] = Edge(key, src, dst, edge_type, clean_props(props))

    # -- regions, concepts ---------------------------------------------------------------------

    def region(self, name: str | None, code: str | None = None, hint: str | None = None) -> str | None:
        if not name and not code:
            return None
        info = resolve_region(name, code, hint)
        if info is None:
            return self.node(ids.region_id(None, name or code or ""), "Region", name=name, label=name)
        return self._region_chain(info)

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
            search=search_form(info.full_name),
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
                search=search_form(meta.issuer),
            )
            self.edge("ISSUED_BY", did, issuer)
            if region:
                self.edge("IN_REGION", issuer, region)
        sections: dict[tuple[str, ...], tuple[int, ...]] = {}
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
            label=task.text[:40],
            search=search_form(task.text),
            **span_props(task.span, task.text, task.section),
        )
        self.edge("HAS_TASK", did, tid)
        if task.section:
            self.edge("CONTAINS", self.section(did, task.section, sections), tid)
        for tag in task.domains:
            domain = ids.domain_id(tag.id)
            if domain not in self.nodes:
                self.node(domain, "Domain", concept=domain, label=tag.id, search=search_form(tag.id))
            self.edge("IN_DOMAIN", tid, domain, words=sorted(set(tag.words)))
        for mention in task.units:
            unit = self.unit(doc, mention)
            written_span = mention.span or task.span
            words = doc.text[written_span.char_start : written_span.char_end] if doc.text else mention.name
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
            search=search_form(canonical),
        )
        region = self.region(region_name, None, doc.meta.province)
        if region:
            self.edge("IN_REGION", uid, region)
        if mention.function:
            function = ids.function_id(mention.function)
            if function not in self.nodes:
                self.node(function, "UnitFunction", concept=function, label=mention.function)
            self.edge("HAS_FUNCTION", uid, function)
        return uid

    def citations(self, doc: ExtractedDocument, did: str, titles: dict[str, str]) -> None:
        for cite in doc.cites:
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
            if target not in self.nodes:
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
                    search=search_form(" ".join(x for x in (title, cite.doc_number) if x)),
                )
                if region:
                    self.edge("IN_REGION", target, region)
            elif title:
                self.node(target, "Directive", alt_titles=[title])
            edge_type = "IMPLEMENTS" if cite.relation == "implements" else "CITES"
            words = doc.text[cite.span.char_start : cite.span.char_end] if doc.text else (title or "")
            self.edge(
                edge_type,
                did,
                target,
                relation=cite.relation,
                doc_number_raw=cite.doc_number_raw,
                title=title,
                **span_props(cite.span, words or title or cite.doc_number or "", ()),
            )

    def model(self) -> GraphModel:
        nodes = tuple(Node(i, t, p) for i, (t, p) in sorted(self.nodes.items()))
        return GraphModel(nodes, tuple(self.edges[k] for k in sorted(self.edges)))


def directive_ids(documents: list[ExtractedDocument]) -> dict[str, str]:
    """Document sha256 → directive id; a second file with the same doc number keeps its hash id."""
    taken: set[str] = set()
    out: dict[str, str] = {}
    for doc in sorted(documents, key=lambda d: (d.source.path, d.source.sha256)):
        did = ids.directive_id(doc.meta.doc_number, doc.source.sha256, doc.meta.issuer or doc.meta.region)
        if did in taken:
            did = ids.directive_id(None, doc.source.sha256)
        taken.add(did)
        out[doc.source.sha256] = did
    return out


def build_model(documents: Iterable[ExtractedDocument], concept_schemes: Schemes | None = None) -> GraphModel:
    """The graph of ``documents``: directives, sections, tasks, units, regions, concepts and links."""
    docs = sorted({d.source.sha256: d for d in documents}.values(), key=lambda d: d.source.path)
    builder = _Builder(concept_schemes if concept_schemes is not None else schemes())
    builder.concepts()
    did_of = directive_ids(docs)
    titles: dict[str, str] = {}
    for doc in docs:
        if doc.meta.title:
            titles.setdefault(ids.title_key(strip_title(doc.meta.title) or ""), did_of[doc.source.sha256])
    for doc in docs:
        for cite in doc.cites:
            if cite.doc_number and cite.title:
                titles.setdefault(
                    ids.title_key(strip_title(cite.title) or ""), ids.stub_directive_id(cite.doc_number, None)
                )
    for doc in docs:
        builder.directive(doc, did_of[doc.source.sha256])
    for doc in docs:
        builder.citations(doc, did_of[doc.source.sha256], titles)
    model = builder.model()
    inferred = infer_links(model)
    for edge in inferred:
        builder.edges.setdefault(edge.id, edge)
    return builder.model()
