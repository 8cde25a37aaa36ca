"""Domain tagging of tasks: real task texts, the deciding words, and the score against the seed gold."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from ingest.domain_eval import Score, evaluate, load_gold_tasks
from ingest.domains import MAX_DOMAINS, classify_domains, score_domains, to_gold_ids
from ingest.keywords import normalise_text
from ingest.records import DomainTag
from ontology.load import domain_scheme

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = ROOT / "tests" / "gold" / "seeds"
SEEDS_DIR = ROOT / "data" / "corpus" / "seeds"
GOLD_FILES = sorted(GOLD_DIR.glob("0*.json"))
MIN_MICRO_F1 = 0.85

CASES = [
    pytest.param(
        "进一步扩大预决算公开范围,推进部门所属单位预算、决算及相关报表公开。加大预算绩效信息公开力度。",
        ("四、做好财政信息公开。",),
        {"fiscal"},
        id="budget-disclosure-is-fiscal",
    ),
    pytest.param(
        "健全完善政务舆情常态化处置回应机制,密切关注涉及新冠肺炎疫情防控、经济金融、工资拖欠、环境污染和"
        "生态破坏、食品药品安全、教育医疗养老、安全生产、困难群众生活等方面的舆情并及时作出回应。",
        ("(三) 增强回应社会关切效果。",),
        {"public_response"},
        id="sentiment-list-of-sectors-is-public-response-only",
    ),
    pytest.param(
        "教育、卫生健康、供水、供电、供气、环境保护、公共交通等行业主管部门制订本系统的实施细则,"
        "并督促指导相关公共企事业单位依法全面公开服务信息。",
        (),
        {"public_institutions"},
        id="utilities-list-is-public-institutions",
    ),
    pytest.param(
        "县级以上各级人民政府做好本地区“十四五”规划和专项规划、国土空间规划、区域规划的发布解读工作。",
        ("(一) 精准解读重大政策措施。",),
        {"planning", "policy_interpretation"},
        id="plan-publication-and-interpretation",
    ),
    pytest.param(
        "开展征地信息公开标准化规范化试点。",
        (),
        {"land", "standardization"},
        id="land-acquisition-pilot",
    ),
    pytest.param(
        "公共资源交易领域",
        ("附件1", "26个试点领域公开事项和标准目录编制工作责任分工"),
        {"standardization", "market_regulation", "fiscal"},
        id="pilot-row-public-resource-trading",
    ),
    pytest.param(
        "国有土地上房屋征收领域、保障性住房领域、农村危房改造领域",
        ("附件1", "26个试点领域公开事项和标准目录编制工作责任分工"),
        {"standardization", "housing"},
        id="pilot-row-three-housing-domains",
    ),
    pytest.param(
        "严格执行“先审后发”和“一事一审”制度,依法对拟公开的信息进行保密审查。",
        (),
        {"confidentiality"},
        id="confidentiality-review",
    ),
    pytest.param(
        "启用新版依申请公开系统,认真按照政府信息公开申请办理答复规范要求,适用规范的文书模板。",
        ("十二、提高依申请公开工作质量。",),
        {"disclosure_on_request"},
        id="disclosure-on-request",
    ),
    pytest.param(
        "继续开展政府网站与政务新媒体日常监测和季度检查,及时发现问题并限期整改。",
        ("七、规范政府网站与政务新媒体建设管理",),
        {"platforms"},
        id="websites-and-new-media",
    ),
    pytest.param(
        "将政务公开纳入领导干部培训和初任公务员培训内容,持续提升全区各级行政机关工作人员的政务公开工作素养。",
        ("十、完善考核评估体系和培训机制",),
        {"organization"},
        id="training-is-organization",
    ),
    pytest.param(
        "做好义务教育招生政策、公办学校划片范围、民办学校招生计划等信息公开。",
        (),
        {"education"},
        id="school-admissions",
    ),
    pytest.param(
        "2021年底前,在江门市政府门户网站专栏集中公开现行有效规章和市本级现行有效规范性文件,并实现动态更新调整。",
        ("九、做好政务信息管理工作。",),
        {"regulations_docs"},
        id="rules-and-normative-documents",
    ),
    pytest.param(
        "设立专栏,重点围绕散发疫情、隔离管控、流调溯源、精准防控、冷链物流、假期人员流动等发布权威信息。",
        ("五、做好常态化疫情防控信息公开。",),
        {"epidemic"},
        id="epidemic-column",
    ),
    pytest.param(
        "4.及時發佈財政資金信息。及時發佈財政預決算、“三公經費”、部門項目信息,自覺接受羣衆監督。",
        (),
        {"fiscal"},
        id="traditional-script-fiscal",
    ),
    pytest.param(
        "(一)進一步推進權力清單和(hé)責任清單公開(kāi)。",
        (),
        {"other"},
        id="traditional-with-pinyin-power-lists-is-other",
    ),
    pytest.param(
        "建立完善社会公众代表列席政府会议制度,邀请“两代表一委员”、专家学者等列席政府有关会议,推进决策过程公开,"
        "扩大公众参与。",
        ("(一)做好重大行政决策公开。",),
        {"decision_disclosure"},
        id="public-participation-in-decisions",
    ),
    pytest.param(
        "加强棚户区改造、保障性租赁住房等方面的信息公开。",
        (),
        {"housing"},
        id="shantytowns-and-rental-housing",
    ),
]


@pytest.mark.parametrize(("text", "section", "expected"), CASES)
def test_task_gets_the_domains_an_annotator_gives(text: str, section: tuple[str, ...], expected: set[str]):
    assert to_gold_ids(classify_domains(text, section)) == expected


@pytest.mark.parametrize(("text", "section", "expected"), CASES)
def test_every_domain_shows_words_found_in_the_task_or_its_headings(
    text: str, section: tuple[str, ...], expected: set[str]
):
    """An inspector must see the words a domain rests on: each one occurs in the text or a heading."""
    haystack = normalise_text(text + "".join(section))
    tags = classify_domains(text, section)
    scheme = domain_scheme()
    for tag in tags:
        assert tag.id in scheme
        if tag.id != scheme.fallback:
            assert tag.words, tag
        for word in tag.words:
            assert word in haystack, (tag.id, word)


def test_nothing_recognisable_falls_back_to_other_without_evidence():
    tags = classify_domains("各单位要认真做好相关工作。")
    assert tags == (DomainTag(domain_scheme().fallback, ()),)
    assert to_gold_ids(tags) == {"other"}


def test_a_heading_alone_decides_when_the_text_names_no_domain():
    assert to_gold_ids(classify_domains("抓好落实。", ("八、切实增强回应关切效果。",))) == {"public_response"}


def test_keywords_match_whole_words_only():
    """规章 inside 规章制度 and 教育 inside 宣传教育 are other words: they decide nothing."""
    assert score_domains("建立健全规章制度,加强宣传教育。").scores.get("domain/regulations-docs") is None
    assert score_domains("建立健全规章制度,加强宣传教育。").scores.get("domain/education") is None


def test_traditional_script_is_read_like_simplified():
    simplified = "做好政务舆情回应,及时回应社会关切。"
    traditional = "做好政務輿情回應,及時回應社會關切。"
    assert classify_domains(traditional) == classify_domains(simplified)


def test_to_gold_ids_follows_the_scheme_mapping_and_ignores_unknown_ids():
    tags = (DomainTag("domain/budget", ("预算",)), DomainTag("domain/food-drug", ("食品安全",)))
    assert to_gold_ids(tags) == {"fiscal", "market_regulation", "health"}
    assert to_gold_ids((DomainTag("domain/no-such-thing", ()),)) == set()


def _gold_tasks():
    return [task for path in GOLD_FILES for task in load_gold_tasks(path, SEEDS_DIR)]


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem[:3])
def test_gold_task_texts_are_all_recovered_from_the_seeds(path: Path):
    """The scorer sees the whole task: from the annotated first characters to the annotated last ones."""
    rows = json.loads(path.read_text("utf-8"))["tasks"]
    tasks = load_gold_tasks(path, SEEDS_DIR)
    assert len(tasks) == len(rows)
    for task, row in zip(tasks, rows, strict=True):
        folded = _fold(task.text)
        assert folded.startswith(_fold(row["text_start"])) and folded.endswith(_fold(row["text_end"]))


def _fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def test_a_task_rarely_gets_more_than_three_areas():
    scheme = domain_scheme()
    for task in _gold_tasks():
        tops = {scheme.top_of(tag.id) for tag in classify_domains(task.text, task.section)}
        assert len(tops) <= MAX_DOMAINS, task


def test_domain_micro_f1_against_the_seed_gold(capsys):
    """Micro-F1 of gold domain ids over every task of the five annotated seeds."""
    total = Score(0, 0, 0)
    lines = []
    for path in GOLD_FILES:
        score, _ = evaluate(
            load_gold_tasks(path, SEEDS_DIR), lambda t: to_gold_ids(classify_domains(t.text, t.section))
        )
        total += score
        lines.append(f"{path.stem}: P={score.precision:.3f} R={score.recall:.3f} F1={score.f1:.3f}")
    lines.append(f"overall: P={total.precision:.3f} R={total.recall:.3f} F1={total.f1:.3f} ({total})")
    with capsys.disabled():
        print("\n" + "\n".join(lines))
    assert total.f1 >= MIN_MICRO_F1
