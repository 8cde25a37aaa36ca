"""Links between directives that the texts imply but do not write, each with its reason.

Two rules, both conservative and both recorded as ``INFERRED_IMPLEMENTS`` edges
whose ``reason`` a user can read:

* **title**: a title that says it carries something out (``…贯彻落实国务院办公厅
  2021年政务公开工作要点分工方案``) implements the directive whose subject and
  issuer appear in those words;
* **parent region**: a plan that cites no directive of any region above its own
  carries out the plan of the same kind and year of its parent region, when
  exactly that plan is in the graph.
"""

from __future__ import annotations

from collections import defaultdict

from graph import ids
from graph.directive_meta import carried_out_text, title_core
from graph.ids import fold
from graph.model import CITATION_EDGE_TYPES, Edge, GraphModel, Node

_MIN_CORE = 6  # a subject shorter than this (e.g. 实施意见) would match far too much


def _title_links(directives: list[Node], linked: set[tuple[str, str]]) -> list[Edge]:
    out = []
    cores = [(d, title_core(d.get("title"))) for d in directives]
    for doc in directives:
        said = carried_out_text(doc.get("title"))
        if not said:
            continue
        for target, core in cores:
            if target.id == doc.id or not core or len(core) < _MIN_CORE or core not in said:
                continue
            issuer = target.get("issuer")
            if issuer and fold(issuer) not in said:
                continue
            if (doc.id, target.id) in linked:
                continue
            linked.add((doc.id, target.id))
            reason = f"标题写明贯彻落实“{said}”，与《{target.get('title')}》的发文机关和主题一致"
            out.append(_edge(doc.id, target.id, "title", reason))
    return out


def _parent_region_links(
    directives: list[Node],
    linked: set[tuple[str, str]],
    region_of: dict[str, str],
    parent_of: dict[str, str],
    names: dict[str, str],
) -> list[Edge]:
    out = []
    cited: dict[str, set[str]] = defaultdict(set)
    for src, dst in linked:
        cited[src].add(dst)
    by_key: dict[tuple[str, int, str], list[Node]] = defaultdict(list)
    for d in directives:
        if not d.get("stub") and d.id in region_of and d.get("year") and d.get("kind"):
            by_key[(region_of[d.id], d.get("year"), d.get("kind"))].append(d)
    for doc in directives:
        region = region_of.get(doc.id)
        parent = parent_of.get(region or "")
        if doc.get("stub") or not parent or not doc.get("year") or not doc.get("kind"):
            continue
        ancestors = set()
        node = parent
        while node:
            ancestors.add(node)
            node = parent_of.get(node)
        if any(region_of.get(t) in ancestors for t in cited[doc.id]):
            continue
        candidates = by_key.get((parent, doc.get("year"), doc.get("kind")), [])
        if len(candidates) != 1:
            continue
        target = candidates[0]
        reason = (
            f"未引用上级文件；{names.get(parent, parent)}同年（{doc.get('year')}）"
            f"同类（{doc.get('kind')}）文件《{target.get('label')}》"
        )
        out.append(_edge(doc.id, target.id, "parent_region", reason))
    return out


def _edge(src: str, dst: str, rule: str, reason: str) -> Edge:
    edge_type = "INFERRED_IMPLEMENTS"
    return Edge(ids.edge_id(edge_type, src, dst), src, dst, edge_type, {"rule": rule, "reason": reason})


def infer_links(model: GraphModel) -> list[Edge]:
    """Inferred IMPLEMENTS edges for ``model`` (none that duplicates a written citation)."""
    directives = [n for n in model.nodes if n.type == "Directive"]
    names = {n.id: n.get("name", n.id) for n in model.nodes if n.type == "Region"}
    region_of: dict[str, str] = {}
    parent_of: dict[str, str] = {}
    linked: set[tuple[str, str]] = set()
    for edge in model.edges:
        if edge.type == "IN_REGION" and edge.src.startswith("directive/"):
            region_of[edge.src] = edge.dst
        elif edge.type == "PARENT_REGION":
            parent_of[edge.src] = edge.dst
        elif edge.type in CITATION_EDGE_TYPES:
            linked.add((edge.src, edge.dst))
    title_edges = _title_links(directives, linked)
    return title_edges + _parent_region_links(directives, linked, region_of, parent_of, names)
