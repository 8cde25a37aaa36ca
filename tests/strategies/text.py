"""Hostile text: corpus vocabulary in shapes that stress the extractors, and text files in many encodings."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "data" / "corpus"

_NUMBERS = ("一、", "（一）", "1.", "（1）", "①", "1）", "第一条", "(一)", "一是", "1、")
_CN_DIGITS = "一二三四五六七八九十"
_SEPARATORS = ("\t", "|", "｜", " | ", "\t\t", "||", "│", "  ")


@dataclass(frozen=True)
class FuzzFile:
    """One file of a hostile batch: its name (the suffix picks the reader), bytes and how it was made."""

    name: str
    data: bytes
    kind: str

    def write(self, folder: Path) -> Path:
        path = folder / self.name
        path.write_bytes(self.data)
        return path


@functools.cache
def corpus_lines() -> tuple[str, ...]:
    """Non-empty lines of every bundled document: real headings, table rows and task sentences."""
    lines: list[str] = []
    for path in sorted(CORPUS.rglob("*.txt")):
        lines.extend(line for line in path.read_text("utf-8").splitlines() if line.strip())
    return tuple(lines)


@functools.cache
def corpus_alphabet() -> str:
    return "".join(sorted(set("".join(corpus_lines())) - {"\n", "\r"}))


def chinese_text(min_size: int = 1, max_size: int = 200) -> st.SearchStrategy[str]:
    """Short text over the corpus alphabet (Chinese, digits, punctuation, TAB)."""
    return st.text(alphabet=st.sampled_from(corpus_alphabet()), min_size=min_size, max_size=max_size)


def corpus_excerpt(max_lines: int = 60) -> st.SearchStrategy[str]:
    """A run of real corpus lines, possibly shuffled: plan-shaped text the extractors must take apart."""
    lines = corpus_lines()

    @st.composite
    def build(draw: st.DrawFn) -> str:
        start = draw(st.integers(0, len(lines) - 1))
        chosen = list(lines[start : start + draw(st.integers(1, max_lines))])
        if draw(st.booleans()):
            chosen = draw(st.permutations(chosen))
        return "\n".join(chosen)

    return build()


# --- text shapes --------------------------------------------------------------------------------


@st.composite
def huge_lines(draw: st.DrawFn, max_chars: int = 400_000) -> str:
    """One enormous line (no line break), a corpus sentence or numbering repeated, maybe with a head."""
    unit = draw(st.one_of(chinese_text(1, 40), st.sampled_from(corpus_lines()), st.sampled_from(_NUMBERS)))
    repeat = draw(st.integers(1, max(1, max_chars // max(len(unit), 1))))
    head = draw(st.sampled_from(["", "关于印发工作要点的通知\n", "一、主要任务\n"]))
    return head + unit * repeat


@st.composite
def nested_numbering(draw: st.DrawFn, max_depth: int = 400) -> str:
    """Headings nested hundreds deep and thousands long: 一、（一）1.（1）① … each level under the last."""
    depth = draw(st.integers(1, max_depth))
    width = draw(st.integers(1, 30))
    body = draw(chinese_text(0, 30))
    lines: list[str] = []
    for level in range(depth):
        marker = _NUMBERS[level % len(_NUMBERS)]
        for n in range(width if level == depth - 1 else 1):
            digit = _CN_DIGITS[n % len(_CN_DIGITS)]
            lines.append(" " * (level % 8) + marker.replace("一", digit).replace("1", str(n + 1)) + body)
    return "\n".join(lines)


@st.composite
def wide_tables(draw: st.DrawFn, max_columns: int = 5000) -> str:
    """A table thousands of columns wide (and maybe hundreds of rows), with a header row of real words."""
    columns = draw(st.integers(2, max_columns))
    rows = draw(st.integers(1, max(1, 20_000 // columns)))
    sep = draw(st.sampled_from(_SEPARATORS))
    cell = draw(st.sampled_from(["", "市财政局", "2021年底前", "持续推进", "x", "1", "牵头"]))
    header = sep.join(["序号", "工作任务", "责任单位", "完成时限"] + [cell] * (columns - 4))
    body = [sep.join([str(r + 1), "推进决策公开"] + [cell] * (columns - 2)) for r in range(rows)]
    return "\n".join([header, *body])


@st.composite
def separator_soup(draw: st.DrawFn) -> str:
    """Lines of pipes, tabs, full-width bars and fragments in any order: tables that are not tables."""
    pieces = st.one_of(st.sampled_from(_SEPARATORS), chinese_text(0, 8), st.sampled_from(_NUMBERS))
    line = st.lists(pieces, max_size=40).map("".join)
    return "\n".join(draw(st.lists(line, min_size=1, max_size=200)))


@st.composite
def mixed_scripts(draw: st.DrawFn) -> str:
    """Corpus text where lines (or single characters) are switched between traditional and simplified."""
    import opencc

    text = draw(corpus_excerpt(40))
    to_t, to_s = opencc.OpenCC("s2t"), opencc.OpenCC("t2s")
    lines = text.split("\n")
    flips = draw(st.lists(st.booleans(), min_size=len(lines), max_size=len(lines)))
    mixed = [
        to_t.convert(line) if flip else to_s.convert(line) for line, flip in zip(lines, flips, strict=True)
    ]
    if draw(st.booleans()):  # also mix within lines, character by character
        mixed = ["".join(to_t.convert(c) if i % 2 else c for i, c in enumerate(line)) for line in mixed]
    return "\n".join(mixed)


@st.composite
def mangled_corpus(draw: st.DrawFn) -> str:
    """Corpus text with characters deleted, duplicated, or replaced by controls, BOMs and odd spaces."""
    text = list(draw(corpus_excerpt(40)))
    odd = [
        "\x00",
        "\ufeff",
        "\u200b",
        "\u3000",
        "\r",
        "\x0c",
        "\u2028",
        "\ufffd",
        "\t",
        "\n\n\n",
        "〔",
        "〕",
        "《",
    ]
    for _ in range(draw(st.integers(0, 30))):
        if not text:
            break
        at = draw(st.integers(0, len(text) - 1))
        op = draw(st.integers(0, 2))
        if op == 0:
            del text[at]
        elif op == 1:
            text.insert(at, text[at] * draw(st.integers(1, 50)))
        else:
            text[at] = draw(st.sampled_from(odd))
    return "".join(text)


def hostile_texts() -> st.SearchStrategy[str]:
    """Decoded text of every hostile shape, for :func:`ingest.pipeline.extract_text`."""
    return st.one_of(
        chinese_text(0, 400),
        st.text(max_size=300),
        corpus_excerpt(),
        huge_lines(),
        nested_numbering(),
        wide_tables(),
        separator_soup(),
        mixed_scripts(),
        mangled_corpus(),
    )


# --- files --------------------------------------------------------------------------------------


def random_bytes(suffix: st.SearchStrategy[str]) -> st.SearchStrategy[FuzzFile]:
    return st.builds(
        lambda data, ext: FuzzFile(f"random{ext}", data, "random"), st.binary(max_size=4096), suffix
    )


@st.composite
def encoded_texts(draw: st.DrawFn) -> FuzzFile:
    """Hostile text in UTF-8, GBK, Big5 or UTF-16, maybe cut mid-character or with stray bytes added."""
    text = draw(st.one_of(corpus_excerpt(), mangled_corpus(), mixed_scripts(), separator_soup()))
    codec = draw(st.sampled_from(["utf-8", "gbk", "gb18030", "big5", "utf-16", "utf-8-sig"]))
    data = text.encode(codec, errors="ignore")
    how = draw(st.sampled_from(["whole", "cut", "stray", "spliced"]))
    if how == "cut" and data:
        data = data[: draw(st.integers(0, len(data)))]
    elif how == "stray":
        data += draw(st.binary(min_size=1, max_size=8))
    elif how == "spliced":
        data = text.encode("gbk", errors="ignore")[: len(data) // 2] + text.encode("utf-8")
    suffix = draw(st.sampled_from([".txt", ".text", ".html", ".htm", ""]))
    return FuzzFile(f"text-{codec}-{how}{suffix}", data, f"text/{codec}/{how}")


@st.composite
def big_texts(draw: st.DrawFn) -> FuzzFile:
    """Huge lines, deep numbering, wide tables and separator soup as UTF-8 .txt files."""
    text = draw(st.one_of(huge_lines(), nested_numbering(), wide_tables(), separator_soup()))
    return FuzzFile("big.txt", text.encode("utf-8"), "text/big")


@st.composite
def html_pages(draw: st.DrawFn) -> FuzzFile:
    """Web pages with deep nesting, unclosed tags, a lying charset or a table of thousands of cells."""
    body = draw(corpus_excerpt(20)).replace("\n", "<br>")
    shape = draw(st.sampled_from(["deep", "unclosed", "charset", "table", "script"]))
    if shape == "deep":
        depth = draw(st.integers(1, 5000))
        page = "<div>" * depth + body + "</div>" * draw(st.integers(0, depth))
    elif shape == "unclosed":
        page = "<html><body><table><tr><td>" + body + "<p><span><b>" * 200
    elif shape == "charset":
        charset = draw(st.sampled_from(["gbk", "big5", "utf-16", "nonsense-charset", "utf-8"]))
        page = f'<meta charset="{charset}"><div class="article">{body}</div>'
    elif shape == "table":
        cols = draw(st.integers(1, 3000))
        page = "<table>" + "<tr>" + "<td>市财政局</td>" * cols + "</tr>" + f"<tr><td>{body}</td></tr></table>"
    else:
        page = f"<script>{'var a=1;' * 5000}</script><style>p{{}}</style><p>{body}</p>"
    data = page.encode(draw(st.sampled_from(["utf-8", "gbk"])), errors="ignore")
    return FuzzFile(f"page-{shape}.html", data, f"html/{shape}")
