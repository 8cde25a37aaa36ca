"""The synthetic corpus: deterministic, shaped like the real tree of plans, and scoreable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.gazetteer import gazetteer
from ingest.records import ROLES
from ingest.synth.generate import generate, parse_years
from ingest.synth.score import read_truth, score_corpus
from ingest.synth.vocab import harvest_corpus, load_vocabulary

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
PLANS = 30  # six a year: a national, a provincial, a city, two county and a department plan
PARENT_LEVEL = {"provincial": {"national"}, "city": {"provincial"}, "county": {"city", "provincial"}}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth")
    generate(out, PLANS, seed=11)
    return out


@pytest.fixture(scope="module")
def truth(corpus: Path) -> dict[str, dict]:
    return {t["key"]: t for t in read_truth(corpus)}


def _tree_bytes(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_same_seed_writes_the_same_bytes(corpus: Path, tmp_path: Path) -> None:
    generate(tmp_path, PLANS, seed=11)
    assert _tree_bytes(tmp_path) == _tree_bytes(corpus)


def test_another_seed_writes_another_corpus(corpus: Path, tmp_path: Path) -> None:
    generate(tmp_path, PLANS, seed=12)
    assert _tree_bytes(tmp_path) != _tree_bytes(corpus)


def test_plan_count_and_years_are_as_asked(truth: dict[str, dict]) -> None:
    assert len(truth) == PLANS
    assert {t["year"] for t in truth.values()} == set(parse_years("2020-2024"))


@pytest.mark.parametrize(
    "level",
    [pytest.param(lv, id=lv) for lv in ("national", "provincial", "city", "county", "department")],
)
def test_every_level_of_government_has_plans(truth: dict[str, dict], level: str) -> None:
    plans = [t for t in truth.values() if t["level"] == level]
    assert plans, f"no {level} plan"
    assert all(t["tasks"] for t in plans)


def test_each_year_has_one_national_plan_by_the_state_council(truth: dict[str, dict]) -> None:
    national = [t for t in truth.values() if t["level"] == "national"]
    assert sorted(t["year"] for t in national) == list(parse_years("2020-2024"))
    assert all(t["doc_number"].startswith("国办发〔") and t["issuer"] == "国务院办公厅" for t in national)


def test_citations_chain_county_city_province_national(truth: dict[str, dict]) -> None:
    g = gazetteer()
    for plan in truth.values():
        if plan["level"] == "national":
            assert plan["parent"] is None and not plan["cites"]
            continue
        parent = truth[plan["parent"]]
        assert parent["year"] == plan["year"]
        assert parent["doc_number"] in {c["doc_number"] for c in plan["cites"]}, plan["file"]
        if plan["level"] == "department":
            assert parent["region_code"] == plan["region_code"] and parent["level"] in ("city", "county")
            continue
        assert parent["level"] in PARENT_LEVEL[plan["level"]], plan["file"]
        area = g.area(plan["region_code"])
        if parent["level"] != "national":
            assert g.parent(area) == g.area(parent["region_code"])
    counties = [t for t in truth.values() if t["level"] == "county"]
    chains = []
    for county in counties:
        chain, key = [], county["key"]
        while key is not None:
            chain.append(truth[key]["level"])
            key = truth[key]["parent"]
        chains.append(tuple(chain))
    assert ("county", "city", "provincial", "national") in chains


def test_doc_numbers_are_unique(truth: dict[str, dict]) -> None:
    numbers = [t["doc_number"] for t in truth.values()]
    assert len(numbers) == len(set(numbers))


def test_truth_units_carry_the_plans_prefix_and_known_roles(truth: dict[str, dict]) -> None:
    for plan in truth.values():
        for task in plan["tasks"]:
            assert task["units"], plan["file"]
            assert {u["role"] for u in task["units"]} <= set(ROLES)
    county_units = [
        u["name"] for t in truth.values() if t["level"] == "county" for k in t["tasks"] for u in k["units"]
    ]
    assert any(name[0] in "区县市旗" for name in county_units)


def test_files_are_written_in_traditional_characters_only_where_the_truth_says(corpus: Path) -> None:
    for plan in read_truth(corpus):
        text = (corpus / plan["file"]).read_text(encoding="utf-8")
        assert ("政務公開" in text) == plan["traditional"], plan["file"]


def test_ingest_recovers_units_roles_and_citations(corpus: Path) -> None:
    report = score_corpus(corpus).as_dict()
    print(json.dumps({k: report[k] for k in ("units", "citations", "tasks")}, ensure_ascii=False))
    assert report["failed"] == 0, report["errors"]
    for figure in ("units", "citations"):
        assert report[figure]["precision"] >= 0.9, (figure, report[figure])
        assert report[figure]["recall"] >= 0.9, (figure, report[figure])


def test_vocabulary_is_harvested_from_the_real_documents() -> None:
    vocab = harvest_corpus(CORPUS)
    assert vocab.tasks and vocab.stems and vocab.headings
    assert not [s for s in vocab.stems if s.startswith(("省", "县", "区政府", "市政府"))]
    assert all(s.endswith(("局", "委", "办", "厅", "中心", "部", "室", "所")) for s in vocab.stems)
    assert {slot.role for t in vocab.tasks for slot in t.slots} <= set(ROLES)
    assert any("{p}" in g for groups in vocab.groups.values() for g in groups)


def test_kept_vocabulary_only_names_files_of_the_bundled_corpus() -> None:
    names = {p.name for p in CORPUS.rglob("*") if p.is_file()}
    vocab = load_vocabulary()
    assert set(vocab.sources) <= names
    assert {t.source for t in vocab.tasks} <= set(vocab.sources)
