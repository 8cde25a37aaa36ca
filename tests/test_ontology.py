"""The ontology file, its SKOS schemes, SHACL shapes and the generated namespace."""

from __future__ import annotations

from pathlib import Path

import pyshacl
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

import ontology.namespace as namespace_module
from ontology import generate_namespace
from ontology.load import domain_scheme, function_scheme, ontology_graph, shapes_graph
from ontology.namespace import ZWGK

# The evaluation ids of the annotated seed set (tests/gold): every one must be reachable.
GOLD_IDS = (
    "fiscal planning market_regulation ecology epidemic policy_interpretation public_response "
    "decision_disclosure standardization public_institutions disclosure_on_request platforms "
    "regulations_docs employment_social education health housing land emergency organization economy "
    "confidentiality other"
).split()

# The 26 pilot domains of 国办发〔2019〕54号, as the directive names them.
PILOT_DOMAINS_2019 = (
    "国土空间规划 重大建设项目 公共资源交易 财政预决算 安全生产 税收管理 征地补偿 国有土地上房屋征收 保障性住房 "
    "农村危房改造 环境保护 公共文化服务 公共法律服务 扶贫 救灾 食品药品监管 城市综合执法 就业创业 社会保险 "
    "社会救助 养老服务 户籍管理 涉农补贴 义务教育 医疗卫生 市政服务"
).split()

TTL_PREFIXES = """
@prefix zwgk: <https://zwgk.example.org/ontology#> .
@prefix id: <https://zwgk.example.org/id/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
"""

VALID_GRAPH = """
id:doc a zwgk:Plan .
id:doc zwgk:docNumber "赣府厅发〔2020〕17号" .
id:doc zwgk:level zwgk:provincial .
id:doc zwgk:year 2020 .
id:doc zwgk:hasTask id:t1 .
id:src a zwgk:SourceFile .
id:t1 a zwgk:Task .
id:t1 zwgk:taskText "进一步扩大预决算公开范围。" .
id:t1 zwgk:sectionPath "二、紧扣优化营商环境 深化政务公开 / (四)做好财政信息公开。" .
id:t1 zwgk:deadline "2021-12-31"^^xsd:date .
id:t1 zwgk:deadlineText "2021年底前" .
id:t1 zwgk:ordinal 14 .
id:t1 zwgk:domain zwgk:domain\\/budget .
id:t1 zwgk:sourceFile "000.txt" .
id:t1 prov:wasDerivedFrom id:src .
id:t1 zwgk:lineStart 12 .
id:t1 zwgk:lineEnd 12 .
id:t1 zwgk:charStart 100 .
id:t1 zwgk:charEnd 113 .
id:u1 a zwgk:Unit .
id:u1 zwgk:canonicalName "赣州市财政局" .
id:u1 zwgk:function zwgk:function\\/finance .
id:g1 a zwgk:UnitGroup .
id:g1 zwgk:canonicalName "各县（市、区）政府" .
id:a1 a zwgk:Assignment .
id:a1 zwgk:task id:t1 .
id:a1 zwgk:unit id:u1 .
id:a1 zwgk:role zwgk:lead .
id:a2 a zwgk:Assignment .
id:a2 zwgk:task id:t1 .
id:a2 zwgk:unit id:g1 .
id:a2 zwgk:role zwgk:responsible .
"""


def _conforms(extra: str = "", drop: tuple[str, ...] = ()) -> tuple[bool, str]:
    """Validate the example graph (one triple a line) after dropping lines and adding ``extra``."""
    body = "\n".join(line for line in VALID_GRAPH.splitlines() if not any(d in line for d in drop))
    data = Graph().parse(data=TTL_PREFIXES + body + extra, format="turtle")
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes_graph())
    return bool(conforms), text


def _zwgk_terms(graph: Graph, *types: URIRef) -> list[URIRef]:
    return sorted(
        {s for t in types for s in graph.subjects(RDF.type, t) if str(s).startswith(str(ZWGK))}, key=str
    )


def test_ontology_parses_and_declares_itself():
    graph = ontology_graph()
    assert (URIRef("https://zwgk.example.org/ontology"), RDF.type, OWL.Ontology) in graph


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_class_and_property_has_a_label_in_chinese_and_english(lang: str):
    graph = ontology_graph()
    terms = _zwgk_terms(graph, OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    assert len(terms) > 60
    missing = [
        t
        for t in terms
        if not any(getattr(v, "language", None) == lang for v in graph.objects(t, RDFS.label))
    ]
    assert missing == []


def test_reused_vocabularies_are_aligned():
    graph = ontology_graph()
    assert (
        ZWGK.Directive,
        RDFS.subClassOf,
        URIRef("http://data.europa.eu/eli/ontology#LegalResource"),
    ) in graph
    assert (ZWGK.Plan, RDFS.subClassOf, ZWGK.Directive) in graph
    assert (ZWGK.Unit, RDFS.subClassOf, URIRef("http://www.w3.org/ns/org#Organization")) in graph
    assert (ZWGK.implements, RDFS.subPropertyOf, URIRef("http://data.europa.eu/eli/ontology#cites")) in graph
    assert (ZWGK.Domain, RDFS.subClassOf, SKOS.Concept) in graph


def test_the_five_roles_and_six_levels_are_individuals_with_labels():
    graph = ontology_graph()
    roles = [ZWGK.lead, ZWGK.responsible, ZWGK.cooperating, ZWGK.reference, ZWGK.guiding]
    assert set(graph.subjects(RDF.type, ZWGK.Role)) == set(roles)
    zh = {str(v) for r in roles for v in graph.objects(r, SKOS.prefLabel) if v.language == "zh"}
    assert zh == {"牵头", "责任", "配合", "参照落实", "指导"}
    levels = set(graph.subjects(RDF.type, ZWGK.Level))
    assert {str(x)[len(str(ZWGK)) :] for x in levels} == {
        "national",
        "provincial",
        "city",
        "county",
        "township",
        "department",
    }


@pytest.mark.parametrize("scheme", [domain_scheme, function_scheme], ids=["domains", "functions"])
def test_every_concept_has_labels_and_an_ascii_slug(scheme):
    concepts = list(scheme())
    assert concepts
    for concept in concepts:
        assert concept.label_zh and concept.label_en, concept.id
        assert concept.id.isascii() and concept.id.count("/") == 1, concept.id


@pytest.mark.parametrize("scheme", [domain_scheme, function_scheme], ids=["domains", "functions"])
def test_a_keyword_identifies_one_concept_only(scheme):
    owners: dict[str, set[str]] = {}
    for concept in scheme():
        for word in (*concept.keywords, *concept.cues):
            owners.setdefault(word, set()).add(concept.id)
    assert {w: ids for w, ids in owners.items() if len(ids) > 1} == {}


def test_preferred_alternative_and_hidden_labels_are_disjoint():
    """SKOS integrity condition S13: a label is preferred, alternative or hidden, never two of these."""
    graph = ontology_graph()
    clashes = []
    for subject in set(graph.subjects(SKOS.prefLabel, None)):
        labels = [set(graph.objects(subject, p)) for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)]
        for i, j in ((0, 1), (0, 2), (1, 2)):
            clashes += [(subject, label) for label in labels[i] & labels[j]]
    assert clashes == []


def test_domain_hierarchy_is_a_tree_with_inverse_narrower_links():
    scheme = domain_scheme()
    graph = ontology_graph()
    for concept in scheme:
        assert len(concept.broader) <= 1, concept.id
        assert concept.id in scheme.narrower_closure(scheme.top_of(concept.id))
        for child in concept.narrower:
            assert concept.id in scheme[child].broader
    assert (ZWGK["domain/fiscal"], SKOS.narrower, ZWGK["domain/budget"]) in graph


def test_fiscal_information_covers_budgets_taxes_and_subsidies():
    scheme = domain_scheme()
    closure = scheme.narrower_closure("domain/fiscal")
    for label in ("财政预决算", "税收管理", "涉农补贴"):
        assert scheme.resolve(label).id in closure


@pytest.mark.parametrize("gold_id", GOLD_IDS)
def test_every_gold_domain_id_is_mapped_by_some_concept(gold_id: str):
    assert any(gold_id in c.gold_ids for c in domain_scheme())


def test_only_gold_ids_are_used_in_the_mapping():
    assert domain_scheme().all_gold_ids == set(GOLD_IDS)


def test_the_26_pilot_domains_of_2019_are_in_the_scheme():
    scheme = domain_scheme()
    assert sorted(c.label_zh for c in scheme.pilot_domains) == sorted(PILOT_DOMAINS_2019)
    members = set(ontology_graph().objects(ZWGK.PilotDomains2019, SKOS.member))
    assert {str(m) for m in members} == {c.iri for c in scheme.pilot_domains}


@pytest.mark.parametrize(
    ("name", "concept"),
    [
        pytest.param("财政信息公开", "domain/fiscal", id="zh-label"),
        pytest.param("fiscal", "domain/fiscal", id="slug"),
        pytest.param("Policy interpretation", "domain/policy-interpretation", id="en-label"),
        pytest.param("domain/epidemic", "domain/epidemic", id="id"),
        pytest.param("没有这个领域", None, id="unknown"),
    ],
)
def test_a_domain_is_found_by_id_slug_or_label(name: str, concept: str | None):
    found = domain_scheme().resolve(name)
    assert (found.id if found else None) == concept


@pytest.mark.parametrize(
    ("unit", "function"),
    [
        pytest.param("市财政局", "function/finance", id="finance"),
        pytest.param("市发改委", "function/development-reform", id="ndrc-abbrev"),
        pytest.param("江门市发展改革局", "function/development-reform", id="ndrc-jiangmen"),
        pytest.param("区卫生健康委", "function/health", id="health"),
        pytest.param("市政务服务数据管理局", "function/big-data", id="gov-data-admin"),
        pytest.param("市大数据管理局", "function/big-data", id="big-data"),
        pytest.param("市政府金融办", "function/financial-affairs", id="finance-office-not-government-office"),
        pytest.param("区教体局", "function/education", id="education-and-sports"),
        pytest.param("市住房城乡建设局", "function/housing-construction", id="housing"),
        pytest.param("市城管局", "function/urban-management", id="urban-management"),
        pytest.param("市文广新旅局", "function/culture-tourism", id="culture-tourism"),
        pytest.param("市扶贫和移民办", "function/rural-revitalization", id="poverty-office"),
        pytest.param("市政府办公室", "function/government-office", id="government-office"),
        pytest.param("专项政策解读部门", None, id="no-function"),
    ],
)
def test_unit_names_resolve_to_their_function(unit: str, function: str | None):
    found = function_scheme().match(unit)
    assert (found.id if found else None) == function


def test_shapes_parse():
    shapes = shapes_graph()
    assert len(list(shapes.subjects(RDF.type, URIRef("http://www.w3.org/ns/shacl#NodeShape")))) >= 5


def test_a_well_formed_graph_conforms_to_the_shapes():
    conforms, report = _conforms()
    assert conforms, report


@pytest.mark.parametrize(
    ("extra", "drop", "reason"),
    [
        pytest.param("", ("zwgk:taskText",), "zwgk:taskText", id="task-without-text"),
        pytest.param('id:t1 zwgk:taskText "另一段" .', (), "zwgk:taskText", id="task-with-two-texts"),
        pytest.param(
            'id:t1 zwgk:deadline "2022-01-31"^^xsd:date .', (), "zwgk:deadline", id="task-with-two-deadlines"
        ),
        pytest.param(
            'id:t2 a zwgk:Task ; zwgk:taskText "x" ; zwgk:deadline "年底前" ; zwgk:sourceFile "a" ; '
            "zwgk:charStart 0 ; zwgk:charEnd 1 .",
            (),
            "zwgk:deadline",
            id="deadline-not-a-date",
        ),
        pytest.param("", ("zwgk:sourceFile",), "zwgk:sourceFile", id="task-without-source-file"),
        pytest.param(
            'id:t1 zwgk:charStart "100" .',
            ("id:t1 zwgk:charStart",),
            "zwgk:charStart",
            id="offset-not-integer",
        ),
        pytest.param(
            "id:a3 a zwgk:Assignment ; zwgk:task id:t1 ; zwgk:unit id:u1 .",
            (),
            "zwgk:role",
            id="assignment-without-role",
        ),
        pytest.param(
            "id:a1 zwgk:role zwgk:national .", (), "zwgk:role", id="assignment-role-not-one-of-five"
        ),
        pytest.param("id:a1 zwgk:unit id:g1 .", (), "zwgk:unit", id="assignment-with-two-units"),
        pytest.param(
            "id:a4 a zwgk:Assignment ; zwgk:task id:t1 ; zwgk:unit id:doc ; zwgk:role zwgk:lead .",
            (),
            "zwgk:unit",
            id="assignment-unit-not-a-unit",
        ),
        pytest.param(
            'id:doc zwgk:docNumber "另一文号" .', (), "zwgk:docNumber", id="directive-with-two-numbers"
        ),
        pytest.param("id:doc zwgk:level zwgk:lead .", (), "zwgk:level", id="directive-level-not-a-level"),
        pytest.param('id:d2 a zwgk:Directive ; zwgk:year "2020" .', (), "zwgk:year", id="year-not-integer"),
        pytest.param(
            "", ("id:u1 zwgk:canonicalName",), "zwgk:canonicalName", id="unit-without-canonical-name"
        ),
        pytest.param("", ("id:a1 zwgk:task",), "zwgk:task", id="assignment-without-task"),
        pytest.param(
            "id:u1 zwgk:function zwgk:function\\/health .", (), "zwgk:function", id="unit-with-two-functions"
        ),
        pytest.param(
            "id:u1 zwgk:function zwgk:domain\\/fiscal .",
            (),
            "zwgk:function",
            id="unit-function-not-a-function",
        ),
    ],
)
def test_a_broken_graph_does_not_conform(extra: str, drop: tuple[str, ...], reason: str):
    """Each broken example fails, and the report names the property at fault."""
    conforms, report = _conforms(extra, drop)
    assert not conforms
    assert reason in report


def test_generated_namespace_matches_the_turtle():
    """ontology/namespace.py must be regenerated whenever zwgk.ttl changes."""
    graph = Graph().parse(
        data=(Path(generate_namespace.__file__).with_name("zwgk.ttl")).read_text("utf-8"), format="turtle"
    )
    expected = generate_namespace.render(graph)
    assert Path(namespace_module.__file__).read_text("utf-8") == expected, (
        "run: python -m ontology.generate_namespace"
    )


def test_every_zwgk_term_used_in_the_turtle_is_defined_in_the_namespace():
    graph = Graph().parse(
        data=(Path(generate_namespace.__file__).with_name("zwgk.ttl")).read_text("utf-8"), format="turtle"
    )
    used = {
        node
        for triple in graph
        for node in triple
        if isinstance(node, URIRef) and str(node).startswith(str(ZWGK))
    }
    defined = set(generate_namespace.defined_terms(graph))
    assert {str(u)[len(str(ZWGK)) :] for u in used} - defined == set()
    for name in defined:
        assert name in ZWGK


def test_the_namespace_is_closed():
    with pytest.raises(AttributeError):
        ZWGK.Dirctive  # noqa: B018 - a typo must fail loudly
    assert ZWGK["domain/fiscal"] == URIRef("https://zwgk.example.org/ontology#domain/fiscal")
