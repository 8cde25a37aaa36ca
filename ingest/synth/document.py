"""One synthetic plan as a text file: letterhead, 文号, title, covering notice citing its parent, body.

The covering notice says what the plan carries out the way real ones do
('为贯彻落实《…的通知》（赣府办发〔2021〕17号）精神，结合我市实际，现将《…》印发给
你们'), sometimes naming the grandparent plan too; the body is one of the
layouts of :mod:`ingest.synth.layouts`. A share of files is written in
traditional characters (opencc s2t), as some portals publish them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache

import opencc

from ingest.synth.layouts import Noise, phrase_table, prose, table
from ingest.synth.plan_tree import PlanSpec
from ingest.synth.tasks import SynthTask, draw_tasks
from ingest.synth.vocab import Vocabulary

TRADITIONAL_SHARE = 0.08
GRANDPARENT_SHARE = 0.3
_LAYOUT_WEIGHTS: dict[str, tuple[tuple[str, float], ...]] = {
    "national": (("prose", 1.0),),
    "provincial": (("prose", 0.5), ("tab_section", 0.3), ("pipe", 0.2)),
    "city": (("tab_section", 0.35), ("tab_phrase", 0.2), ("pipe", 0.2), ("prose", 0.25)),
    "county": (("tab_section", 0.35), ("tab_phrase", 0.15), ("pipe", 0.2), ("prose", 0.3)),
    "department": (("tab_section", 0.5), ("prose", 0.5)),
}
_ADDRESSEES = {
    "national": "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：",
    "provincial": "各设区市人民政府，{p}政府各部门：",
    "city": "各县（市、区）人民政府，{p}政府各部门：",
    "county": "各乡镇人民政府、街道办事处，{p}直各单位：",
    "department": "机关各科室、局属各单位：",
}


@dataclass(frozen=True)
class Citation:
    doc_number: str
    title: str
    relation: str = "implements"


@dataclass(frozen=True)
class SynthDocument:
    """A rendered plan and everything the truth records say about it."""

    spec: PlanSpec
    layout: str
    title: str
    text: str
    tasks: tuple[SynthTask, ...]
    cites: tuple[Citation, ...]
    traditional: bool
    noise: Noise


@cache
def _s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def plan_layout(spec: PlanSpec, seed: int) -> str:
    """The layout of a plan, decided by its key alone so that its children can name it."""
    rng = random.Random(f"{seed}/{spec.key}/layout")
    shapes, weights = zip(*_LAYOUT_WEIGHTS[spec.level], strict=True)
    return rng.choices(shapes, weights)[0]


def plan_name(spec: PlanSpec, layout: str) -> str:
    """The plan's own name ('2021年广丰区政务公开工作任务分解表')."""
    if spec.level == "national":
        return f"{spec.year}年政务公开工作要点"
    if layout == "prose":
        return f"{spec.place}{spec.year}年政务公开工作要点"
    if layout == "tab_phrase":
        return f"{spec.place}{spec.year}年政务公开工作要点分工方案"
    return f"{spec.year}年{spec.place}政务公开工作任务分解表"


def plan_title(spec: PlanSpec, seed: int) -> str:
    """The covering notice's title, which is how children cite the plan."""
    return f"{spec.issuer}关于印发{plan_name(spec, plan_layout(spec, seed))}的通知"


def _our(spec: PlanSpec) -> str:
    """How the plan names its own area or body: 我省, 我市, 我县, 我区, 我局, 我委."""
    if spec.level == "national":
        return "全国"
    return "我" + (spec.stem or "局")[-1] if spec.level == "department" else "我" + spec.prefix[-1]


def _basis(spec: PlanSpec, cites: tuple[Citation, ...], name: str) -> str:
    if not cites:
        return f"《{name}》已经国务院同意，现印发给你们，请结合实际认真贯彻落实。"
    refs = "和".join(f"《{c.title}》（{c.doc_number}）" for c in cites)
    return f"为贯彻落实{refs}精神，结合{_our(spec)}实际，现将《{name}》印发给你们，请认真贯彻执行。"


def render(
    spec: PlanSpec,
    parents: tuple[tuple[PlanSpec, str], ...],
    vocab: Vocabulary,
    seed: int,
) -> SynthDocument:
    """Render one plan; ``parents`` are (spec, title) of its parent and, maybe, grandparent."""
    rng = random.Random(f"{seed}/{spec.key}")
    layout = plan_layout(spec, seed)
    name = plan_name(spec, layout)
    title = f"{spec.issuer}关于印发{name}的通知"
    chosen = parents[:1] + (parents[1:2] if rng.random() < GRANDPARENT_SHARE else ())
    cites = tuple(Citation(p.doc_number, t) for p, t in reversed(chosen))
    count = rng.randint(25, 45) if spec.level == "national" else rng.randint(30, 70)
    n_headings = max(1, min(len(vocab.headings), count // rng.randint(6, 12)))
    headings = rng.sample(list(vocab.headings), n_headings)
    tasks = draw_tasks(vocab, spec, rng, count, n_headings, with_deadlines=layout != "tab_phrase")
    noise = Noise()
    if layout == "prose":
        body, tasks = prose(tasks, headings, list(vocab.items), rng)
    elif layout == "tab_phrase":
        body, tasks = phrase_table(tasks, headings, rng)
    else:
        body, tasks = table(tasks, headings, rng, "pipe" if layout == "pipe" else "tab", noise)
    month, day = rng.randint(2, 9), rng.randint(1, 28)
    head = [
        "",
        spec.issuer + ("文件" if rng.random() < 0.3 else ""),
        spec.doc_number,
        "",
        title,
        "",
        _ADDRESSEES[spec.level].replace("{p}", spec.prefix or "局"),
        _basis(spec, cites, name),
        "",
        f"附件：{name}",
        "",
        spec.issuer,
        f"{spec.year}年{month}月{day}日",
        "",
        "附件",
        "",
        name,
        "",
    ]
    if layout == "prose":
        head.append(f"为做好{spec.year}年{_our(spec)}政务公开工作，现提出以下工作任务。")
    text = "\n".join(head + body) + "\n"
    traditional = rng.random() < TRADITIONAL_SHARE
    if traditional:
        text = _s2t().convert(text)
    return SynthDocument(spec, layout, title, text, tuple(tasks), cites, traditional, noise)
