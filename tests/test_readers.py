"""read_document gives back what a person reads in each format: text, tables as TAB rows, order kept."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from ingest.readers import ReadResult, read_document
from ingest.textnorm import is_mostly_traditional, to_simplified
from tests.fixtures.docgen import add_chinese_numbering, make_docx, make_pdf, numbered_paragraph

ROOT = Path(__file__).resolve().parents[1]
CORPUS = sorted((ROOT / "data" / "corpus").glob("*/*.txt"))
SEEDS = sorted((ROOT / "data" / "corpus" / "seeds").glob("*.txt"))


def _corpus_text(path: Path) -> str:
    return path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")


def _seed_tables(max_rows: int = 6) -> list[pytest.param]:
    """The first tab table (≥3 rows, ≥3 columns) of each seed, as rows padded to one width."""
    params = []
    for seed in SEEDS:
        block: list[list[str]] = []
        for line in [*_corpus_text(seed).split("\n"), ""]:
            if line.count("\t") >= 2:
                block.append([" ".join(cell.split()) for cell in line.split("\t")])
                continue
            if len(block) >= 3:
                rows = [r for r in block if any(r)][:max_rows]
                width = max(len(r) for r in rows)
                params.append(pytest.param([r + [""] * (width - len(r)) for r in rows], id=seed.stem[:3]))
                break
            block = []
    assert params, "the seed corpus has tab tables"
    return params


SEED_TABLES = _seed_tables()


def _merged(rows: list[list[str]]) -> list[list[str | None]]:
    """Rows with each empty cell below the first row marked as continuing the cell above (None)."""
    return [[None if (r and not cell) else cell for cell in row] for r, row in enumerate(rows)]


def _lines(result: ReadResult) -> list[str]:
    return result.text.split("\n")


# --- plain text ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [pytest.param(p, id=f"{p.parent.name}/{p.name}") for p in CORPUS])
def test_every_corpus_file_reads_as_its_utf8_text(path: Path) -> None:
    """Every bundled document reads, non-empty, exactly as decoded, with a sha256 of its bytes."""
    first = read_document(path)
    again = read_document(path)
    assert first.text.strip()
    assert first.text == _corpus_text(path)
    assert "\r" not in first.text
    assert first.source.sha256 == hashlib.sha256(path.read_bytes()).hexdigest() == again.source.sha256
    assert (first.source.format, first.source.encoding, first.source.size) == (
        "txt",
        "utf-8",
        path.stat().st_size,
    )
    assert first.source.name == path.name


ENCODINGS = [
    pytest.param("gbk", b"", "gbk", id="gbk"),
    pytest.param("gb18030", b"", "gb18030", id="gb18030-four-byte-chars"),
    pytest.param("utf-8", b"\xef\xbb\xbf", "utf-8", id="utf-8-bom"),
    pytest.param("utf-16-le", b"\xff\xfe", "utf-16-le", id="utf-16-le-bom"),
    pytest.param("utf-16-be", b"\xfe\xff", "utf-16-be", id="utf-16-be-bom"),
]


@pytest.mark.parametrize("seed", [pytest.param(s, id=s.stem[:3]) for s in SEEDS])
@pytest.mark.parametrize(("codec", "bom", "label"), ENCODINGS)
def test_chinese_text_in_any_common_encoding_reads_the_same(
    tmp_path: Path, seed: Path, codec: str, bom: bytes, label: str
) -> None:
    """A seed saved as GBK, GB18030, UTF-8 with BOM or UTF-16 with BOM, CRLF line ends, reads back identically."""
    text = _corpus_text(seed)
    if codec == "gbk":
        text = text.encode("gbk", errors="ignore").decode("gbk")
    if codec == "gb18030":
        text += "\n附：𠮷䶮㐀"  # characters GBK cannot encode: GB18030 four-byte sequences
    path = tmp_path / "doc.txt"
    path.write_bytes(bom + text.replace("\n", "\r\n").encode(codec))
    result = read_document(path)
    assert result.text == text
    assert result.source.encoding == label
    assert result.warnings == ()


@pytest.mark.parametrize(
    "path", [pytest.param(p, id=p.name) for p in CORPUS if is_mostly_traditional(p.read_text("utf-8"))]
)
def test_big5_traditional_document_is_not_read_as_gbk(tmp_path: Path, path: Path) -> None:
    """A traditional-script document saved as Big5 decodes as Big5, not as GBK look-alike characters."""
    text = _corpus_text(path).encode("big5", errors="ignore").decode("big5")
    target = tmp_path / "trad.txt"
    target.write_bytes(text.encode("big5"))
    result = read_document(target)
    assert (result.source.encoding, result.text) == ("big5", text)
    assert result.source.traditional


@pytest.mark.parametrize("path", [pytest.param(p, id=p.name) for p in CORPUS])
def test_traditional_text_is_flagged_and_converts_without_moving_offsets(path: Path) -> None:
    """source.traditional marks traditional documents; to_simplified keeps every offset in place."""
    result = read_document(path)
    simplified = to_simplified(result.text)
    assert len(simplified) == len(result.text)
    assert not is_mostly_traditional(simplified)
    if result.source.traditional:
        assert simplified != result.text
        for match in re.finditer("政务公开|国务院|办公厅", simplified):
            original = result.text[match.start() : match.end()]
            assert to_simplified(original) == match.group()


# --- .docx -----------------------------------------------------------------------------------


@pytest.mark.parametrize("rows", SEED_TABLES)
def test_docx_table_with_merged_cells_reads_as_tab_rows_in_body_order(
    tmp_path: Path, rows: list[list[str]]
) -> None:
    """Heading, paragraph, table, paragraph stay in order; a vertically merged cell is empty below its first row."""
    path = make_docx(
        tmp_path / "plan.docx",
        heading="2021年政务公开工作任务分解表",
        before=["各县（市、区）人民政府，市政府各部门："],
        rows=_merged(rows),
        after=["（此件公开发布）"],
    )
    result = read_document(path)
    expected = [
        "2021年政务公开工作任务分解表",
        "各县（市、区）人民政府，市政府各部门：",
        *["\t".join(row) for row in rows],
        "（此件公开发布）",
    ]
    assert _lines(result) == expected
    assert (result.source.format, result.source.encoding) == ("docx", "utf-8")


def test_docx_horizontally_merged_cell_appears_once(tmp_path: Path) -> None:
    """A title row spanning the table gives one cell, not one copy per column."""
    rows: list[list[str | None]] = [
        ["一、主要任务", "", ""],
        ["序号", "工作任务", "责任单位"],
        ["1", "推进决策公开", "市发改委"],
    ]
    path = make_docx(
        tmp_path / "span.docx", heading="任务表", before=[], rows=rows, after=[], span_cols=[(0, 0, 2)]
    )
    assert _lines(read_document(path))[1:] == [
        "一、主要任务",
        "序号\t工作任务\t责任单位",
        "1\t推进决策公开\t市发改委",
    ]


def test_docx_cell_line_breaks_and_tabs_become_spaces(tmp_path: Path) -> None:
    """Paragraphs, line breaks and tabs inside a cell never split the row."""
    rows: list[list[str | None]] = [["序号", "责任单位"], ["1", "市财政局\n市审计局\t市统计局"]]
    path = make_docx(tmp_path / "cells.docx", heading="表", before=[], rows=rows, after=[])
    assert _lines(read_document(path))[1:] == ["序号\t责任单位", "1\t市财政局 市审计局 市统计局"]


def test_docx_automatic_list_numbers_are_part_of_the_text(tmp_path: Path) -> None:
    """Word list numbering (一、 （一） 1.) is shown to readers, so it is in the text; deeper levels restart."""
    document = docx.Document()
    num_id = add_chinese_numbering(document)
    items = [
        ("加强政策解读", 0),
        ("精准解读", 1),
        ("回应关切", 1),
        ("及时发布", 2),
        ("强化平台建设", 0),
        ("优化网站", 1),
    ]
    for text, level in items:
        numbered_paragraph(document, text, num_id, level)
    path = tmp_path / "numbered.docx"
    document.save(str(path))
    assert _lines(read_document(path)) == [
        "一、加强政策解读",
        "（一）精准解读",
        "（二）回应关切",
        "1.及时发布",
        "二、强化平台建设",
        "（一）优化网站",
    ]


def test_docx_single_column_frame_table_reads_as_lines(tmp_path: Path) -> None:
    """A one-column table that frames text is read as paragraphs, not as one long cell."""
    rows: list[list[str | None]] = [["赣州市人民政府办公室文件"], ["赣市府办字〔2021〕49号"]]
    path = make_docx(tmp_path / "frame.docx", heading="通知", before=[], rows=rows, after=["正文。"])
    assert _lines(read_document(path)) == [
        "通知",
        "赣州市人民政府办公室文件",
        "赣市府办字〔2021〕49号",
        "正文。",
    ]


# --- .pdf ------------------------------------------------------------------------------------


def _squash(line: str) -> str:
    """A PDF has glyph positions, not spaces: compare cells with whitespace removed."""
    return "\t".join(re.sub(r"\s+", "", cell) for cell in line.split("\t"))


@pytest.mark.parametrize("rows", SEED_TABLES)
def test_pdf_ruled_table_reads_as_tab_rows_in_place_and_pages_are_separated(
    tmp_path: Path, rows: list[list[str]]
) -> None:
    """Text before and after a ruled table keeps its place; merged cells are empty below; a page break is a blank line."""
    rows = [r[:4] for r in rows[:4]]
    rows = [[cell[:60] for cell in r] for r in rows]
    path = make_pdf(
        tmp_path / "plan.pdf",
        pages=[
            ["关于印发政务公开工作要点的通知", "各县（市、区）人民政府：", _merged(rows), "表后说明。"],
            ["第二页正文。"],
        ],
    )
    result = read_document(path)
    assert [_squash(line) for line in _lines(result)] == [
        "关于印发政务公开工作要点的通知",
        "各县（市、区）人民政府：",
        *[_squash("\t".join(row)) for row in rows if any(row)],
        "表后说明。",
        "",
        "第二页正文。",
    ]
    assert (result.source.format, result.source.encoding) == ("pdf", "")


# --- .html -----------------------------------------------------------------------------------

_PAGE = """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{title}_政策文件_赣州市人民政府</title>
<script>document.write("政务公开脚本内容");</script><style>.nav {{color: red}}</style></head>
<body>
<div id="header"><div class="logo">赣州市人民政府</div>
<ul class="nav"><li>首页</li><li>政务公开</li><li>政务服务</li><li>互动交流</li></ul></div>
<div class="breadcrumb">当前位置：首页 &gt; 政务公开 &gt; 政策文件</div>
<div class="main"><h1>{title}</h1><div class="info">发布时间：2021-05-01 来源：市政府办公室</div>
<div class="TRS_Editor">{body}</div>
<div class="share">分享到：微信 微博 【打印本页】【关闭窗口】</div></div>
<div class="footer">版权所有：赣州市人民政府办公室 主办：赣州市人民政府 网站标识码3607000001</div>
</body></html>"""


def _html_table(rows: list[list[str | None]]) -> str:
    out = ["<table>"]
    for r, row in enumerate(rows):
        cells = []
        for c, cell in enumerate(row):
            if cell is None:
                continue
            span = 1
            while r + span < len(rows) and rows[r + span][c] is None:
                span += 1
            attr = f' rowspan="{span}"' if span > 1 else ""
            cells.append(f"<td{attr}>{cell}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    return "".join(out) + "</table>"


@pytest.mark.parametrize("charset", ["gb2312", "utf-8"])
@pytest.mark.parametrize("rows", SEED_TABLES)
def test_html_page_gives_only_title_article_and_table(
    tmp_path: Path, rows: list[list[str]], charset: str
) -> None:
    """Navigation, breadcrumbs, scripts, share bars and footers are dropped; rowspans continue as empty cells."""
    title = "关于印发2021年政务公开工作要点的通知"
    body = (
        "<p>各县（市、区）人民政府，市政府各部门：</p>"
        "<p>&nbsp;&nbsp;现将《要点》印发给你们，<span>请认真</span>贯彻落实。<br>赣州市人民政府办公室</p>"
        + _html_table(_merged(rows))
        + "<p>（此件公开发布）</p>"
    )
    page = _PAGE.format(charset=charset, title=title, body=body)
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("gb18030" if charset == "gb2312" else "utf-8"))
    result = read_document(path)
    assert _lines(result) == [
        title,
        "各县（市、区）人民政府，市政府各部门：",
        "现将《要点》印发给你们，请认真贯彻落实。",
        "赣州市人民政府办公室",
        *["\t".join(row) for row in rows],
        "（此件公开发布）",
    ]
    assert result.source.encoding == ("gbk" if charset == "gb2312" else "utf-8")


def test_html_without_known_content_box_keeps_the_block_with_most_chinese(tmp_path: Path) -> None:
    """An unfamiliar page layout still yields its article: the element holding most of the Chinese text."""
    article = "".join(f"<p>第{i}条 各级行政机关应当依法做好政府信息公开工作。</p>" for i in range(1, 8))
    page = (
        "<html><head><title>条例全文</title></head><body>"
        "<div class='menu'><a>首页</a><a>机构概况</a><a>政策法规</a></div>"
        f"<div class='wrap'><div class='left'>热点链接 便民服务</div><div class='xyz'>{article}</div></div>"
        "<div class='foot'>主办单位：某市人民政府</div></body></html>"
    )
    path = tmp_path / "plain.htm"
    path.write_text(page, encoding="utf-8")
    lines = _lines(read_document(path))
    assert lines[0] == "条例全文"
    assert lines[1:] == [f"第{i}条 各级行政机关应当依法做好政府信息公开工作。" for i in range(1, 8)]


_GOVCN_PAGE = """<html><head><meta charset="utf-8"><title>{title}_国务院部门文件_中国政府网</title></head><body>
<div class="header"><a>首页</a><a>简</a><a>繁</a><a>EN</a><a>登录</a></div>
<div class="nav"><a>国务院</a><a>总理</a><a>新闻</a><a>政策</a><a>互动</a><a>服务</a><a>数据</a></div>
<table class="bd1">
<tr><td>索 引 号：</td><td>000014349/2019-00089</td><td>主题分类：</td><td>政府工作</td></tr>
<tr><td>发文机关：</td><td>{issuer}</td><td>成文日期：</td><td>{date}</td></tr>
<tr><td>标　　题：</td><td colspan="3">{title}</td></tr>
<tr><td>发文字号：</td><td>{number}</td><td>发布日期：</td><td>{date}</td></tr></table>
<table><tr><td><div class="b12c" id="UCAP-CONTENT">{body}</div></td></tr></table>
<div class="related"><ul><li>国务院办公厅关于印发2018年政务公开工作要点的通知</li></ul></div>
<div class="footer">主办单位：国务院办公厅 运行维护单位：中国政府网运行中心 版权所有：中国政府网</div>
</body></html>"""


@pytest.mark.parametrize(
    "record",
    [
        pytest.param(r, id=r["id"])
        for r in map(
            json.loads, (ROOT / "tests" / "gold" / "corpus_index.jsonl").read_text("utf-8").splitlines()
        )
        if r.get("doc_number")
        and r.get("issuer")
        and (ROOT / "data" / "corpus" / "docs" / f"{r['id']}.txt").exists()
    ][:4],
)
def test_html_metadata_box_keeps_the_document_number_beside_the_body(tmp_path: Path, record: dict) -> None:
    """A 发文字号 shown only in a page's metadata box is kept right after the title, before the body."""
    text = _corpus_text(ROOT / "data" / "corpus" / "docs" / f"{record['id']}.txt")
    paragraphs = [
        line
        for line in text.split("\n")
        if line.strip() and to_simplified(record["doc_number"]) not in to_simplified(line)
    ]
    title = record["title"].split(" (")[0]
    body = "".join(f"<p>{line}</p>" for line in paragraphs)
    page = _GOVCN_PAGE.format(
        title=title, issuer=record["issuer"], date=record["date"], number=record["doc_number"], body=body
    )
    path = tmp_path / "content.htm"
    path.write_text(page, encoding="utf-8")
    lines = _lines(read_document(path))
    expected_body = [" ".join(p.split()) for p in paragraphs]
    assert lines[-len(expected_body) :] == expected_body
    head = lines[: len(lines) - len(expected_body)]
    assert record["doc_number"] in head
    assert title in head or any(title[:16] in line for line in expected_body[:8])
    assert not any(
        noise in "\n".join(lines) for noise in ("索 引 号", "运行维护单位", "2018年政务公开工作要点")
    )


def test_docx_tracked_changes_and_text_boxes_read_as_shown(tmp_path: Path) -> None:
    """Inserted text counts, deleted text does not; a text box is read once (not its fallback copy too)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    mc = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    document = docx.Document()
    paragraph = document.add_paragraph("各县")
    paragraph._p.append(
        parse_xml(f'<w:ins {nsdecls("w")} w:id="1" w:author="a"><w:r><w:t>（市、区）</w:t></w:r></w:ins>')
    )
    paragraph._p.append(
        parse_xml(
            f'<w:del {nsdecls("w")} w:id="2" w:author="a"><w:r><w:delText>乡镇</w:delText></w:r></w:del>'
        )
    )
    paragraph.add_run("人民政府：")
    box = document.add_paragraph("正文")
    box._p.append(
        parse_xml(
            f'<w:r {nsdecls("w")} {mc}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
            "<w:txbxContent><w:p><w:r><w:t>赣市府办字〔2021〕49号</w:t></w:r></w:p></w:txbxContent>"
            "</w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r>"
            "<w:t>赣市府办字〔2021〕49号</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback>"
            "</mc:AlternateContent></w:r>"
        )
    )
    document.sections[0].footer.add_paragraph("— 1 —")
    path = tmp_path / "revised.docx"
    document.save(str(path))
    assert _lines(read_document(path)) == ["各县（市、区）人民政府：", "正文", "赣市府办字〔2021〕49号"]


@pytest.mark.parametrize(
    "offset", [pytest.param(0.0, id="same-place"), pytest.param(0.3, id="fake-bold-offset")]
)
def test_pdf_text_printed_twice_for_bold_reads_once(tmp_path: Path, offset: float) -> None:
    """Headings made bold by printing each glyph twice do not come out as 政政务务."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "bold.pdf"
    canvas = Canvas(str(path))
    canvas.setFont("STSong-Light", 16)
    for dx in (0.0, offset):
        canvas.drawString(72 + dx, 720, "一、政务公开工作要点")
    canvas.setFont("STSong-Light", 12)
    canvas.drawString(72, 690, "各县（市、区）人民政府：")
    canvas.save()
    assert _lines(read_document(path)) == ["一、政务公开工作要点", "各县（市、区）人民政府："]


_SEED_LINES = [line.strip() for seed in SEEDS for line in _corpus_text(seed).split("\n") if line.strip()]


@st.composite
def _fragments(draw: st.DrawFn) -> str:
    line = draw(st.sampled_from(_SEED_LINES))
    start = draw(st.integers(0, len(line) - 1))
    return line[start : start + draw(st.integers(1, 40))]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fragment=_fragments(), codec=st.sampled_from(["gbk", "gb18030", "utf-8"]))
def test_short_chinese_text_is_never_misread_as_another_encoding(
    tmp_path_factory: pytest.TempPathFactory, fragment: str, codec: str
) -> None:
    """Even a few characters (通知 is also valid UTF-8 as ֪ͨ) decode as written in GBK, GB18030 or UTF-8."""
    assume(fragment.strip())
    try:
        data = fragment.encode(codec)
    except UnicodeEncodeError:
        assume(False)
    path = tmp_path_factory.mktemp("fragment") / "short.txt"
    path.write_bytes(data)
    assert read_document(path).text == fragment
