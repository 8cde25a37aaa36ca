"""What each query promises a user, checked on the bundled corpus with inputs drawn from the graph."""

from __future__ import annotations

import dataclasses
import unicodedata

import pytest

from graph import queries
from graph.builder import build_model
from graph.embedded import EmbeddedEngine
from graph.errors import InvalidArgument, NotFound
from graph.model import GraphModel
from ingest.records import Citation, DocumentMeta, ExtractedDocument, Source
from tests.graph_support import corpus_documents


@pytest.fixture(scope="module")
def model() -> GraphModel:
    return build_model(corpus_documents())


@pytest.fixture(scope="module")
def engine(model: GraphModel) -> EmbeddedEngine:
    built = EmbeddedEngine()
    built.load(model)
    return built


def _nodes(model: GraphModel, node_type: str) -> list:
    return [n for n in model.nodes if n.type == node_type]


def test_responsibilities_list_every_assignment_of_the_unit_with_its_source(
    engine: EmbeddedEngine, model: GraphModel
) -> None:
    """Each row names the unit's task, role and the lines of the file the task was read from."""
    assigned = sorted({e.dst for e in model.edges if e.type == "ASSIGNED"})
    for unit_id in assigned[::7]:
        expected = {(e.src, e.get("role")) for e in model.edges if e.type == "ASSIGNED" and e.dst == unit_id}
        rows = queries.responsibilities(engine, unit_id, limit=None).rows
        assert {(r.task.id, r.role) for r in rows} == expected
        for row in rows:
            assert row.evidence.file and row.evidence.line_start and row.evidence.text == row.text
        lead = queries.responsibilities(engine, unit_id, "lead", limit=None).rows
        assert all(r.role == "lead" for r in lead) and len(lead) <= len(rows)


def test_unit_can_be_named_as_written_or_canonically(engine: EmbeddedEngine, model: GraphModel) -> None:
    """市财政局 (as written) finds every 市财政局 of every plan; 赣州市财政局 (canonical) only that one."""
    for unit in _nodes(model, "Unit")[::9]:
        by_canonical = {
            r.unit_id for r in queries.responsibilities(engine, unit.get("name"), limit=None).rows
        }
        assert by_canonical <= {unit.id} | {
            n.id for n in _nodes(model, "Unit") if n.get("name") == unit.get("name")
        }
        for written in unit.get("written", []):
            assert (
                unit.id in {r.unit_id for r in queries.responsibilities(engine, written, limit=None).rows}
                or not by_canonical
            )


def test_unknown_unit_is_reported_with_suggestions(engine: EmbeddedEngine) -> None:
    with pytest.raises(NotFound) as caught:
        queries.responsibilities(engine, "宇宙管理局")
    assert caught.value.code == "G001"


def test_units_for_a_domain_include_its_narrower_domains(engine: EmbeddedEngine, model: GraphModel) -> None:
    """Asking for 财政信息公开 also returns the units of 财政预决算, 政府采购 … (narrower concepts)."""
    broader = {}
    for edge in model.edges:
        if edge.type == "BROADER":
            broader.setdefault(edge.dst, []).append(edge.src)
    checked = 0
    for parent, children in sorted(broader.items()):
        whole = {(h.task.id, h.unit_id, h.role) for h in queries.units_for(engine, parent, limit=None).hits}
        parts = set()
        for concept in [parent, *children]:
            parts |= {
                (h.task.id, h.unit_id, h.role)
                for h in queries.units_for(engine, concept, limit=None).hits
                if concept in h.domains
            }
        assert parts <= whole
        checked += bool(parts)
    assert checked, "no broader concept with tasks in the corpus"


def test_units_for_groups_one_function_across_regions(engine: EmbeddedEngine) -> None:
    """Units of one function (every 财政局) are folded into one group spanning their regions."""
    result = queries.units_for(engine, None, role="lead")
    assert result.by_function
    for group in result.by_function:
        assert {u.function for u in group.units} == {group.function}
        assert {u.region or "" for u in group.units} <= set(group.regions)
        assert group.unit_count >= len(group.units) and group.region_count >= len(group.regions)
    assert any(g.region_count > 1 for g in result.by_function)


def test_units_for_filters_by_region_level_and_year(engine: EmbeddedEngine, model: GraphModel) -> None:
    directives = {n.id: n for n in _nodes(model, "Directive")}
    for year in sorted({d.get("year") for d in directives.values() if d.get("year")}):
        for hit in queries.units_for(engine, None, year=year, limit=None).hits:
            assert directives[hit.task.directive_id].get("year") == year
    for level in ("city", "county"):
        for hit in queries.units_for(engine, None, level=level, limit=None).hits:
            assert directives[hit.task.directive_id].get("level") == level
    with pytest.raises(InvalidArgument):
        queries.units_for(engine, None, level="galactic")


def _variants(number: str) -> list[str]:
    wide = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in number)
    return [
        number.replace("〔", "[").replace("〕", "]"),
        number.replace("〔", "（").replace("〕", "）"),
        wide,
    ]


def test_doc_number_variants_resolve_to_one_directive(engine: EmbeddedEngine, model: GraphModel) -> None:
    """国办发[2019]54号, 国办发（2019）54号 and full-width digits all mean 国办发〔2019〕54号."""
    numbered = [
        n for n in _nodes(model, "Directive") if (n.get("doc_number") or "").startswith(tuple("国赣粤江青"))
    ]
    assert numbered
    for node in numbered:
        normal = queries.lineage(engine, node.get("doc_number")).root.id
        assert normal == node.id or node.id.startswith("directive/sha-")  # a second file of one number
        for variant in _variants(node.get("doc_number")):
            assert queries.lineage(engine, variant).root.id == normal, variant


def test_lineage_shows_cited_but_not_ingested_documents_as_stubs(
    engine: EmbeddedEngine, model: GraphModel
) -> None:
    stubs = {n.id for n in _nodes(model, "Directive") if n.get("stub")}
    for edge in model.edges:
        if edge.type == "IMPLEMENTS" and edge.dst in stubs:
            result = queries.lineage(engine, edge.src, "up", 1)
            stub = next(n for n in result.nodes if n.directive.id == edge.dst)
            assert stub.directive.stub and (stub.directive.doc_number or stub.directive.title)
            return
    pytest.fail("no implemented stub in the corpus")


def test_inferred_lineage_links_say_why(engine: EmbeddedEngine, model: GraphModel) -> None:
    inferred = [e for e in model.edges if e.type == "INFERRED_IMPLEMENTS"]
    assert inferred
    for edge in inferred:
        links = queries.lineage(engine, edge.src, "up", 1).links
        link = next(lnk for lnk in links if lnk.dst == edge.dst)
        assert link.inferred and link.reason and link.kind == "inferred_implements"


def _doc(
    name: str, region: str, year: int, kind: str, level: str, cites: tuple[Citation, ...] = ()
) -> ExtractedDocument:
    source = Source(
        path=f"mem/{name}",
        name=name,
        sha256=name.encode().hex().ljust(64, "0"),
        format="txt",
        encoding="utf-8",
        size=1,
    )
    meta = DocumentMeta(
        f"{region}{year}年政务公开工作要点", None, None, None, region, None, None, level, year, None, kind
    )
    return ExtractedDocument(source=source, meta=meta, cites=cites, tasks=())


def test_plan_citing_no_parent_is_linked_to_the_parent_regions_plan_of_same_year_and_kind() -> None:
    """A county plan that cites nothing above it gets an inferred link to its city's plan of that year."""
    city = _doc("city.txt", "赣州市", 2022, "work_points", "city")
    county = _doc("county.txt", "赣州市信丰县", 2022, "work_points", "county")
    other_year = _doc("county21.txt", "赣州市信丰县", 2021, "work_points", "county")
    engine = EmbeddedEngine()
    engine.load(build_model([city, county, other_year]))
    links = queries.lineage(engine, "赣州市信丰县2022年政务公开工作要点", "up").links
    assert [(lnk.kind, bool(lnk.reason)) for lnk in links] == [("inferred_implements", True)]
    assert queries.lineage(engine, "赣州市信丰县2021年政务公开工作要点", "up").links == ()


def test_aligned_tasks_find_the_parent_task_a_copied_task_carries_out(model: GraphModel) -> None:
    """A child plan that restates its parent's tasks is aligned task by task with them, best match first."""
    parent = max(corpus_documents(), key=lambda d: len(d.tasks))
    child_source = dataclasses.replace(parent.source, path="mem/child.txt", name="child.txt", sha256="c" * 64)
    child_meta = dataclasses.replace(
        parent.meta, doc_number=None, title="下级落实方案", year=(parent.meta.year or 2020) + 1
    )
    cite = Citation(
        parent.meta.doc_number, parent.meta.doc_number, parent.meta.title, "implements", parent.tasks[0].span
    )
    child = dataclasses.replace(parent, source=child_source, meta=child_meta, cites=(cite,))
    engine = EmbeddedEngine()
    engine.load(build_model([parent, child]))
    child_id = queries.lineage(engine, "下级落实方案").root.id
    hits = 0
    for task in child.tasks[:10]:
        aligned = queries.aligned_tasks(engine, f"task/{child_id.removeprefix('directive/')}/{task.n}")
        assert [a.score for a in aligned] == sorted((a.score for a in aligned), reverse=True)
        hits += bool(aligned) and aligned[0].task.n == task.n
    assert hits >= 8
    report = queries.coverage(
        engine, queries.lineage(engine, "下级落实方案", "up").nodes[-1].directive.id, child_id
    )
    assert report.covered >= 0.8 * report.total


@pytest.mark.parametrize("depth", [pytest.param(1, id="depth-1"), pytest.param(2, id="depth-2")])
def test_neighbourhood_respects_the_limit_and_keeps_edges_inside(
    engine: EmbeddedEngine, model: GraphModel, depth: int
) -> None:
    for node in _nodes(model, "Region")[:3] + _nodes(model, "Directive")[:3]:
        result = queries.neighbourhood(engine, node.id, depth, limit=15)
        ids = {n.id for n in result.nodes}
        assert node.id in ids and len(ids) <= 15
        assert all(e.src in ids and e.dst in ids for e in result.edges)


def _traditional_fullwidth(text: str) -> str:
    from opencc import OpenCC

    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in OpenCC("s2t").convert(text))


def test_search_ignores_script_and_width(engine: EmbeddedEngine, model: GraphModel) -> None:
    """財政局 finds 财政局; ＩＰｖ６ finds IPv6: the same hits whatever script or width is typed."""
    for unit in _nodes(model, "Unit")[::15]:
        name = unit.get("name")
        plain = queries.search(engine, name, limit=1000).hits
        assert unit.id in {h.id for h in plain}
        assert queries.search(engine, _traditional_fullwidth(name), limit=1000).hits == plain
    assert unicodedata.normalize("NFKC", "ＩＰｖ６") == "IPv6"


def test_stats_count_what_the_model_holds(engine: EmbeddedEngine, model: GraphModel) -> None:
    stats = queries.stats(engine)
    assert sum(stats.nodes.values()) == len(model.nodes)
    assert sum(stats.edges.values()) == len(model.edges)
    assert sum(stats.roles.values()) == stats.edges["ASSIGNED"]
    assert stats.documents == len({d.source.sha256 for d in corpus_documents()})
