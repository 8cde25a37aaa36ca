"""Tables and prose in the shapes real pages take, read into the right tasks and units.

Each case is a real corpus page; the expectation is what a reader of that
page sees. Protects: responsibilities are found whatever the converter did
to the table (pipe cells one per line, brackets in names, lost cell marks).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.pipeline import extract_file
from ingest.unitparse import looks_like_unit_cell, parse_units

DOCS = Path(__file__).parent.parent / "data" / "corpus" / "docs"


def _task(name: str, n: int):
    return extract_file(DOCS / name).tasks[n - 1]


def test_pipe_cells_one_per_line_keep_heading_task_and_units_apart() -> None:
    """东莞 (012): '工作任务 |' / '具体要求 |' / '落实单位 |' cells on separate lines."""
    t = _task("012.txt", 2)
    assert t.section == ("建立健全政务公开工作制度",)
    assert t.text.startswith("2021年底前制定或完善本单位政务公开工作相关制度")
    assert t.deadline == "2021-12-31"
    assert [u.name for u in t.units] == ["各镇街(园区)", "具有行政职能的市直各单位"]
    t3 = _task("012.txt", 3)
    assert t3.section == ("做好各类规划主动公开",) and t3.text.startswith("各级人民政府主动公开")


def test_bracketed_alias_stays_in_the_unit_name() -> None:
    """福建 (030): '省编办 (省审改办)' leads; the bracket is part of the name, not a new cell."""
    t = _task("030.txt", 1)
    assert t.units_by_role("lead") == ["省编办 (省审改办)"]
    assert "省直各部门" in t.units_by_role("responsible")


def test_prose_heading_over_numbered_points_hands_the_task_down() -> None:
    """彰武 (040): '(一)规范重点领域信息公开' is only a heading; its point 1. is the task."""
    t = _task("040.txt", 1)
    assert t.section[-1].startswith("(一)规范重点领域信息公开")
    assert t.text.startswith("落实国家试点领域标准指引")
    assert t.deadline == "2020-11-30"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        pytest.param("市发改委 专项政策解读部门 市自然资源局", True, id="space-separated"),
        pytest.param("各设区市、平潭综合实验区", True, id="places-as-governments"),
        pytest.param(
            "区、县两级政府及其部门办公室作为政务公开工作主管部门，要加强工作指", False, id="sentence"
        ),
        pytest.param(
            "涉及 26个国家基层政务公开标准化规范化试点领域的市政府部门", True, id="qualified-collective"
        ),
        pytest.param("持续推进", False, id="deadline"),
    ],
)
def test_unit_cell_recognition(cell: str, expected: bool) -> None:
    """Only cells that name bodies are read as unit lists."""
    assert looks_like_unit_cell(cell) is expected


@pytest.mark.parametrize(
    ("cell", "default", "expected"),
    [
        pytest.param(
            "市政府办公室、市发展改革局牵头，市直有关部门配合；各市（区）政府参照落实",
            "responsible",
            [
                ("市政府办公室", "lead"),
                ("市发展改革局", "lead"),
                ("市直有关部门", "cooperating"),
                ("各市（区）政府", "reference"),
            ],
            id="roles-in-one-cell",
        ),
        pytest.param(
            "市卫生健康局牵头、市直有关部门配合",
            "responsible",
            [("市卫生健康局", "lead"), ("市直有关部门", "cooperating")],
            id="role-word-before-dunhao",
        ),
        pytest.param(
            "市财政局牵头,市民政局、市农业农村局等有关部门落实;各市(区)政府参照落实",
            "responsible",
            [
                ("市财政局", "lead"),
                ("市民政局", "responsible"),
                ("市农业农村局", "responsible"),
                ("各市(区)政府", "reference"),
            ],
            id="generic-tail-dropped",
        ),
        pytest.param(
            "责任单位：各街办、镇、集聚区，区政府各部门",
            "responsible",
            [("各街办、镇、集聚区", "responsible"), ("区政府各部门", "responsible")],
            id="distributed-ge",
        ),
        pytest.param(
            "区司法局、区市场监管局及具备行政执法职能的区政府各部门",
            "responsible",
            [
                ("区司法局", "responsible"),
                ("区市场监管局", "responsible"),
                ("具备行政执法职能的区政府各部门", "responsible"),
            ],
            id="ji-conjunction",
        ),
        pytest.param("/", "lead", [], id="none-mark"),
    ],
)
def test_unit_phrases_split_into_units_with_roles(
    cell: str, default: str, expected: list[tuple[str, str]]
) -> None:
    """'A、B牵头，C配合；D参照落实' gives each unit its own role."""
    assert [(p.name, p.role) for p in parse_units(cell, default)] == expected  # type: ignore[arg-type]
